package org.warmnest.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The token issuer the gateway trusts ({@code warmnest.security.*}).
 *
 * @param issuer           the {@code iss} every token must carry ({@code WARMNEST_ISSUER})
 * @param jwksUri          where the issuer publishes its signing keys ({@code WARMNEST_JWKS_URI})
 * @param audience         a value the token's {@code aud} must contain ({@code WARMNEST_AUDIENCE})
 * @param clockSkew        tolerance for {@code exp} and {@code nbf}
 * @param jwksConnectTimeout connect timeout of a JWKS fetch
 * @param jwksReadTimeout  response timeout of a JWKS fetch
 */
@ConfigurationProperties("warmnest.security")
public record SecurityProperties(String issuer, String jwksUri, String audience, Duration clockSkew,
        Duration jwksConnectTimeout, Duration jwksReadTimeout) {
}
