package org.warmnest.gateway.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The issuer's signing keys, fetched from its JWKS at most once per {@code minInterval}. A token naming a key the
 * set lacks (an unknown {@code kid}) may make the gateway fetch again, for a rotation, but only once the interval has
 * passed since the last fetch; in between it finds no key and is refused as {@code token-invalid} without any fetch,
 * so tokens with made-up key ids cannot turn the gateway into a flood of requests at the issuer. The set is also
 * fetched again, under the same limit, once older than {@code maxAge}; if that fetch fails the keys held are used.
 * Concurrent fetches are one. Until a first fetch succeeds every request may try (one at a time).
 */
final class ThrottledJwkSet implements Function<SignedJWT, Flux<JWK>> {

    private static final Logger log = LoggerFactory.getLogger(ThrottledJwkSet.class);

    private record Held(JWKSet keys, Instant fetchedAt) {
    }

    private final Supplier<Mono<String>> fetch;
    private final Duration minInterval;
    private final Duration maxAge;
    private final Clock clock;
    private final AtomicReference<Held> held = new AtomicReference<>();
    private final AtomicReference<Mono<Held>> inFlight = new AtomicReference<>();
    private Instant lastAttempt = Instant.MIN;

    ThrottledJwkSet(Supplier<Mono<String>> fetch, Duration minInterval, Duration maxAge, Clock clock) {
        this.fetch = fetch;
        this.minInterval = minInterval;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        Held current = held.get();
        if (current == null) {
            return refresh().flatMapIterable(fresh -> selector.select(fresh.keys()));
        }
        List<JWK> found = selector.select(current.keys());
        boolean stale = current.fetchedAt().plus(maxAge).isBefore(clock.instant());
        if ((!found.isEmpty() && !stale) || !mayFetch()) {
            return Flux.fromIterable(found);
        }
        return refresh()
                .map(fresh -> selector.select(fresh.keys()))
                .onErrorResume(e -> {
                    log.warn("JWKS refresh failed, keeping the keys held: {}", e.toString());
                    return Mono.just(found);
                })
                .flatMapIterable(keys -> keys);
    }

    /** True, and counted as an attempt, when the last attempt is at least {@code minInterval} ago. */
    private synchronized boolean mayFetch() {
        Instant now = clock.instant();
        if (lastAttempt.plus(minInterval).isAfter(now)) {
            return false;
        }
        lastAttempt = now;
        return true;
    }

    private Mono<Held> refresh() {
        Mono<Held> running = inFlight.get();
        if (running != null) {
            return running;
        }
        Mono<Held> fresh = Mono.defer(() -> {
            synchronized (this) {
                lastAttempt = clock.instant();
            }
            return fetch.get();
        }).map(ThrottledJwkSet::parse)
                .map(keys -> new Held(keys, clock.instant()))
                .doOnNext(held::set)
                .doFinally(signal -> inFlight.set(null))
                .cache();
        if (inFlight.compareAndSet(null, fresh)) {
            return fresh;
        }
        Mono<Held> other = inFlight.get();
        return other != null ? other : fresh;
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("the JWKS is not a JWK set", e);
        }
    }
}
