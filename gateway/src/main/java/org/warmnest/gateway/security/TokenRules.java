package org.warmnest.gateway.security;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What a verified signature does not yet prove: that the token is an access token for this API, from our
 * issuer, and current. The signature itself (RS256 only, keys from the JWKS) is checked by the decoder.
 */
final class TokenRules {

    /** Header {@code typ} values of a JWT access token (RFC 7519, RFC 9068); compared case-insensitively. */
    static final Set<String> ACCESS_TOKEN_HEADER_TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");

    private TokenRules() {
    }

    static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        // A token without exp would be valid for ever; nbf is checked when present.
        timestamps.setAllowEmptyExpiryClaim(false);
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(List.of(timestamps,
                new JwtIssuerValidator(properties.issuer()), audience(properties.audience()), headerType(),
                keycloakType(), subject()));
    }

    static OAuth2TokenValidator<Jwt> audience(String audience) {
        return rule(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience),
                "the token is not meant for " + audience);
    }

    /** An ID token or a logout token (other {@code typ}) is no access token. */
    static OAuth2TokenValidator<Jwt> headerType() {
        return rule(jwt -> {
            Object typ = jwt.getHeaders().get("typ");
            return typ == null || ACCESS_TOKEN_HEADER_TYPES.contains(typ.toString().toLowerCase(Locale.ROOT));
        }, "the token is not a JWT access token");
    }

    /** Keycloak marks access tokens {@code "typ": "Bearer"}; its ID and refresh tokens say ID and Refresh. */
    static OAuth2TokenValidator<Jwt> keycloakType() {
        return rule(jwt -> {
            Object typ = jwt.getClaims().get("typ");
            return typ == null || "Bearer".equalsIgnoreCase(typ.toString());
        }, "the token is not an access token");
    }

    /** Revocation and rate limits are per subject: a token must name one. */
    static OAuth2TokenValidator<Jwt> subject() {
        return rule(jwt -> jwt.getSubject() != null && !jwt.getSubject().isBlank(), "the token names no subject");
    }

    private static OAuth2TokenValidator<Jwt> rule(java.util.function.Predicate<Jwt> test, String description) {
        OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
        return jwt -> test.test(jwt) ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error);
    }
}
