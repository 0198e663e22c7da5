package org.warmnest.platform.web;

import org.springdoc.core.customizers.ServerBaseUrlCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The address clients use, by configuration ({@code warmnest.public-url}, {@code WARMNEST_PUBLIC_URL}: the gateway's
 * public URL), never from the request: the OpenAPI document's {@code servers} entry is that URL whatever
 * {@code Host} or {@code X-Forwarded-*} a request carried. Forwarded headers themselves are believed only from the
 * trusted proxies ({@code server.tomcat.remoteip.internal-proxies}, {@code WARMNEST_TRUSTED_PROXIES}: loopback by
 * default; see {@code PlatformDefaults}).
 */
@Configuration(proxyBeanMethods = false)
public class PublicAddress {

    @Bean
    ServerBaseUrlCustomizer pinnedServerUrl(@Value("${warmnest.public-url}") String publicUrl) {
        String pinned = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return (computed, request) -> pinned;
    }
}
