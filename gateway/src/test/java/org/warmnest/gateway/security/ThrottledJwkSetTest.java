package org.warmnest.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import reactor.core.publisher.Mono;

class ThrottledJwkSetTest {

    final MutableClock clock = new MutableClock();
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicReference<String> published = new AtomicReference<>();
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    final ThrottledJwkSet keys = new ThrottledJwkSet(() -> Mono.defer(() -> {
        fetches.incrementAndGet();
        return failure.get() != null ? Mono.error(failure.get()) : Mono.just(published.get());
    }), Duration.ofSeconds(30), Duration.ofMinutes(5), clock);

    @Test
    void anUnknownKeyIdFetchesAtMostOncePerInterval() throws Exception {
        RSAKey current = rsa("current");
        published.set(new JWKSet(current.toPublicJWK()).toString());
        assertThat(keys.apply(token(current)).collectList().block()).hasSize(1);
        assertThat(fetches).hasValue(1);

        java.util.List<RSAKey> madeUp = java.util.List.of(rsa("made-up-1"), rsa("made-up-2"));
        for (int i = 0; i < 50; i++) {
            assertThat(keys.apply(token(madeUp.get(i % 2))).collectList().block()).isEmpty();
        }
        // the first unknown kid found the interval not passed since the first fetch: no fetch at all
        assertThat(fetches).hasValue(1);

        // a rotation: the new key is found once the interval has passed
        RSAKey rotated = rsa("rotated");
        published.set(new JWKSet(java.util.List.of(current.toPublicJWK(), rotated.toPublicJWK())).toString());
        clock.advance(Duration.ofSeconds(31));
        assertThat(keys.apply(token(rotated)).collectList().block()).hasSize(1);
        assertThat(fetches).hasValue(2);
        assertThat(keys.apply(token(madeUp.get(0))).collectList().block()).isEmpty();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void anOldSetIsFetchedAgainAndKeptWhenTheIssuerIsDown() throws Exception {
        RSAKey current = rsa("current");
        published.set(new JWKSet(current.toPublicJWK()).toString());
        keys.apply(token(current)).collectList().block();
        clock.advance(Duration.ofMinutes(6));
        failure.set(new IllegalStateException("issuer down"));
        assertThat(keys.apply(token(current)).collectList().block()).hasSize(1);
        assertThat(fetches).hasValue(2);
        // and the failed attempt counts: no new attempt before the interval
        assertThat(keys.apply(token(current)).collectList().block()).hasSize(1);
        assertThat(fetches).hasValue(2);
    }

    private static SignedJWT token(RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("s").expirationTime(new Date()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }

    private static RSAKey rsa(String kid) throws Exception {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
