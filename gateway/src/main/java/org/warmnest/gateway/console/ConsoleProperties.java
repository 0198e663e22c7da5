package org.warmnest.gateway.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's sign-in ({@code warmnest.console.*}): the gateway is the console's backend-for-frontend, a
 * confidential OAuth2 client of the Keycloak realm whose tokens it already trusts.
 *
 * @param clientId        the realm's client for the console ({@code warmnest-gateway})
 * @param clientSecret    its secret ({@code WARMNEST_GATEWAY_SECRET}); without one the console cannot sign anyone in
 *                        ({@code 503 console-sign-in-unavailable}), the API is unaffected
 * @param keycloakUrl     where browsers reach the realm's login pages, when not at the issuer's address (the realm's
 *                        base, e.g. {@code https://id.example.gov.cn/realms/warmnest}); the gateway's own calls to the
 *                        token endpoint go to the issuer's address
 * @param publicUrl       the console's public address ({@code WARMNEST_PUBLIC_URL}), pinning the address Keycloak
 *                        sends the browser back to; without it, the address the browser used
 * @param idleTimeout     a session unused this long ends (MLPS level 3: 30 minutes)
 * @param absoluteTimeout a session ends this long after sign-in, however busy
 * @param secureCookies   cookies only over HTTPS ({@code WARMNEST_SECURE_COOKIES}; on wherever TLS ends in front)
 */
@ConfigurationProperties("warmnest.console")
public record ConsoleProperties(String clientId, String clientSecret, String keycloakUrl, String publicUrl,
        Duration idleTimeout, Duration absoluteTimeout, boolean secureCookies) {

    public ConsoleProperties {
        clientId = clientId == null || clientId.isBlank() ? "warmnest-gateway" : clientId;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        absoluteTimeout = absoluteTimeout == null ? Duration.ofHours(8) : absoluteTimeout;
    }

    public boolean signInConfigured() {
        return clientSecret != null && !clientSecret.isBlank();
    }
}
