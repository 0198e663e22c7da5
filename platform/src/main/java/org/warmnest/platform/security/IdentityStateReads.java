package org.warmnest.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.warmnest.platform.tenancy.TenantStatus;

/**
 * The user and tenant state tenant-service writes to Redis for the gateway, read by a service for its own check
 * ({@link IdentityGate}): the same keys under the same prefix ({@code warmnest.identity.state-prefix}):
 * <ul>
 * <li>hash {@code tenant-status}: tenant code → {@code PROVISIONING | ACTIVE | SUSPENDED | ARCHIVED};</li>
 * <li>{@code tenant-status:synced}: present once tenant-service has written the whole hash; without it nothing
 * read can be trusted;</li>
 * <li>{@code revoked-user:<sub>}: epoch seconds at which the user was disabled.</li>
 * </ul>
 * All three in one round trip (a Lua script). A reading is kept for {@code warmnest.identity.state-cache-ttl}
 * (2 s by default) per subject and tenants, so a busy service asks Redis at most that often per caller; a disabled
 * user or a suspended tenant is refused within that time. A failed read is never kept.
 */
public class IdentityStateReads {

    /**
     * What Redis said.
     *
     * @param synced      whether the sync marker is present
     * @param revokedAt   epoch seconds the subject was disabled at, if it was
     * @param tokenTenant status of the token's tenant; null when not asked or not in the hash
     * @param pathTenant  status of the path's tenant; null when not asked or not in the hash
     */
    public record Reading(boolean synced, OptionalLong revokedAt, TenantStatus tokenTenant, TenantStatus pathTenant) {
    }

    private static final int MAX_ENTRIES = 10_000;

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of(script("platform/identity-state.lua"), List.class);

    private record Key(String subject, String tokenTenant, String pathTenant) {
    }

    private record Kept(Reading reading, Instant until) {
    }

    private final StringRedisTemplate redis;
    private final String statusKey;
    private final String syncedKey;
    private final String revokedPrefix;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<Key, Kept> kept = new ConcurrentHashMap<>();

    public IdentityStateReads(StringRedisTemplate redis, String prefix, Duration ttl, Clock clock) {
        this.redis = redis;
        this.statusKey = prefix + "tenant-status";
        this.syncedKey = prefix + "tenant-status:synced";
        this.revokedPrefix = prefix + "revoked-user:";
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The state for a subject and up to two tenants (null where there is none to check); Redis errors propagate. */
    public Reading read(String subject, String tokenTenant, String pathTenant) {
        Key key = new Key(subject, tokenTenant, pathTenant);
        Instant now = clock.instant();
        Kept hit = kept.get(key);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.reading();
        }
        @SuppressWarnings("unchecked")
        List<Object> reply = redis.execute(READ, List.of(statusKey, syncedKey, revokedPrefix + subject),
                nullToEmpty(tokenTenant), nullToEmpty(pathTenant));
        Reading reading = reading(reply == null ? List.of() : reply);
        if (!ttl.isZero() && reading.synced()) {
            if (kept.size() >= MAX_ENTRIES) {
                kept.values().removeIf(k -> !now.isBefore(k.until()));
                if (kept.size() >= MAX_ENTRIES) {
                    kept.clear();
                }
            }
            kept.put(key, new Kept(reading, now.plus(ttl)));
        }
        return reading;
    }

    static Reading reading(List<?> reply) {
        if (reply.isEmpty() || !"synced".equals(String.valueOf(reply.get(0)))) {
            return new Reading(false, OptionalLong.empty(), null, null);
        }
        String revoked = String.valueOf(reply.get(1));
        OptionalLong revokedAt = OptionalLong.empty();
        if (!revoked.isEmpty()) {
            try {
                revokedAt = OptionalLong.of(Long.parseLong(revoked.trim()));
            } catch (NumberFormatException garbled) {
                // a marker that cannot be read still means the user was disabled: refuse every token of theirs
                revokedAt = OptionalLong.of(Long.MAX_VALUE);
            }
        }
        return new Reading(true, revokedAt, status(reply.get(2)), status(reply.get(3)));
    }

    private static TenantStatus status(Object value) {
        for (TenantStatus status : TenantStatus.values()) {
            if (status.name().equals(String.valueOf(value))) {
                return status;
            }
        }
        return null;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Read once: a script built from a resource checks the resource on every run. */
    private static String script(String resource) {
        try {
            return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
