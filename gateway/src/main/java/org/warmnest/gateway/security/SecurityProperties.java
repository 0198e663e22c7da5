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
 * @param jwksMinRefreshInterval the least time between two JWKS fetches (a token with an unknown key id in between
 *                         is refused without one)
 * @param jwksMaxAge       how long a fetched key set is used before it is fetched again
 */
@ConfigurationProperties("warmnest.security")
public record SecurityProperties(String issuer, String jwksUri, String audience, Duration clockSkew,
        Duration jwksConnectTimeout, Duration jwksReadTimeout, Duration jwksMinRefreshInterval, Duration jwksMaxAge) {

    public SecurityProperties {
        jwksMinRefreshInterval = jwksMinRefreshInterval == null ? Duration.ofSeconds(30) : jwksMinRefreshInterval;
        jwksMaxAge = jwksMaxAge == null ? Duration.ofMinutes(5) : jwksMaxAge;
    }
}
