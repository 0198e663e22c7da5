package org.warmnest.platform.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The issuer's signing keys, fetched from its JWKS at most once per {@code minInterval}. A token naming a key the set
 * lacks (an unknown {@code kid}) may make the service fetch again, for a rotation, but only once the interval has
 * passed since the last fetch; in between it finds no key and is refused as {@code token-invalid} without a fetch,
 * so tokens with made-up key ids cannot make every request a request to the issuer. The set is also fetched again,
 * under the same limit, once older than {@code maxAge}; if that fails the keys held are used. Until a first fetch
 * succeeds, every request may try (one at a time).
 */
final class ThrottledJwkSource implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(ThrottledJwkSource.class);

    private final Supplier<String> fetch;
    private final Duration minInterval;
    private final Duration maxAge;
    private final Clock clock;
    private JWKSet keys;
    private Instant fetchedAt = Instant.MIN;
    private Instant lastAttempt = Instant.MIN;

    ThrottledJwkSource(Supplier<String> fetch, Duration minInterval, Duration maxAge, Clock clock) {
        this.fetch = fetch;
        this.minInterval = minInterval;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSet held;
        synchronized (this) {
            held = keys;
        }
        if (held == null) {
            return selector.select(refresh(null));
        }
        List<JWK> found = selector.select(held);
        Instant now = clock.instant();
        boolean stale = fetchedAt.plus(maxAge).isBefore(now);
        if ((!found.isEmpty() && !stale) || !mayFetch(now)) {
            return found;
        }
        try {
            return selector.select(refresh(held));
        } catch (KeySourceException e) {
            log.warn("JWKS refresh failed, keeping the keys held: {}", e.toString());
            return found;
        }
    }

    private synchronized boolean mayFetch(Instant now) {
        if (lastAttempt.plus(minInterval).isAfter(now)) {
            return false;
        }
        lastAttempt = now;
        return true;
    }

    /** One fetch at a time; a caller that waited finds the set another fetched meanwhile. */
    private synchronized JWKSet refresh(JWKSet seen) throws KeySourceException {
        if (keys != null && keys != seen) {
            return keys;
        }
        lastAttempt = clock.instant();
        try {
            keys = JWKSet.parse(fetch.get());
            fetchedAt = clock.instant();
            return keys;
        } catch (ParseException | RuntimeException e) {
            throw new KeySourceException("the issuer's key set could not be fetched", e);
        }
    }
}
