package org.warmnest.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

class VerifiedTokenCacheTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    final AtomicInteger verifications = new AtomicInteger();
    final Jwt jwt = Jwt.withTokenValue("t1").header("alg", "RS256").subject("u")
            .issuedAt(Instant.parse("2026-11-25T09:59:00Z")).expiresAt(Instant.parse("2026-11-25T10:05:00Z")).build();
    final OAuth2TokenValidator<Jwt> rules = token -> now.get().isBefore(token.getExpiresAt())
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "expired", null));
    final ReactiveJwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.equals("t1")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        return rules.validate(jwt).hasErrors() ? Mono.error(new BadJwtException("expired")) : Mono.just(jwt);
    };

    @Test
    void aVerifiedTokenIsNotVerifiedAgainButItsRulesAreCheckedEveryTime() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, rules, 10);
        assertThat(cache.decode("t1").block()).isSameAs(jwt);
        assertThat(cache.decode("t1").block()).isSameAs(jwt);
        assertThat(verifications).hasValue(1);

        now.set(Instant.parse("2026-11-25T10:05:01Z"));
        assertThatThrownBy(() -> cache.decode("t1").block()).isInstanceOf(BadJwtException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTokenThatFailsIsNeverRemembered() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, rules, 10);
        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }
}
