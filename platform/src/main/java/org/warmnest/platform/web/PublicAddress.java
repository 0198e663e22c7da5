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

    /**
     * How to call the API, in the document itself, so that the Swagger UI's "Try it out" works: a bearer token
     * (Keycloak's access token, pasted under "Authorize"), or, with none, the console's session at the same
     * address (sign in at {@code /auth/login?next=/swagger-ui.html}; the UI sends the session's CSRF token).
     */
    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer securitySchemes() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new io.swagger.v3.oas.models.Components());
            }
            openApi.getComponents().addSecuritySchemes("bearer", new io.swagger.v3.oas.models.security.SecurityScheme()
                    .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT")
                    .description("An access token of the warmnest realm. Without one, signed in to the console at "
                            + "this address (/auth/login?next=/swagger-ui.html), the console's session is used."));
            openApi.addSecurityItem(new io.swagger.v3.oas.models.security.SecurityRequirement().addList("bearer"));
        };
    }
}
