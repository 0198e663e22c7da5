package org.warmnest.care.alert;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AlertProperties.class, SmsProperties.class })
class AlertConfiguration {

    @Bean
    EscalationPolicy escalationPolicy(AlertProperties properties) {
        return new EscalationPolicy(properties.ackDeadline().byLevel());
    }

    /** SMS only where a gateway is configured; without it alerts go in-app and to the log. */
    @Bean
    SmsNotifier smsNotifier(SmsProperties properties, RestClient.Builder builder, JsonMapper json, Clock clock) {
        return new SmsNotifier(properties.enabled() ? new SmsGateway(properties, builder, json, clock) : null);
    }
}
