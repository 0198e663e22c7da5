package org.warmnest.care.alert;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS gateway ({@code warmnest.sms.*}). SMS is off unless {@code base-url} is set; the app key and secret
 * come from the environment, never from the repository.
 *
 * @param templates the provider's template code for each of our templates (as registered in its console); a
 *                  template not named here is sent under its own name
 */
@ConfigurationProperties("warmnest.sms")
record SmsProperties(String baseUrl, @DefaultValue("/v1/sms/send") String path, String appKey, String appSecret,
        @DefaultValue("暖巢") String signName, @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout, @DefaultValue Map<String, String> templates) {

    boolean enabled() {
        return baseUrl != null && !baseUrl.isBlank();
    }

    String templateCode(String template) {
        return templates == null ? template : templates.getOrDefault(template, template);
    }
}
