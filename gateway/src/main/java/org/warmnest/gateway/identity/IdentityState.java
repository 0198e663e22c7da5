package org.warmnest.gateway.identity;

import java.util.List;
import java.util.OptionalLong;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import reactor.core.publisher.Mono;

/**
 * The tenant and user state the gateway checks on every request with a verified token, as tenant-service writes it
 * to Redis. Key names below carry the default prefix {@code warmnest:} ({@code warmnest.identity.state-prefix}, the
 * same property as tenant-service's; tests use a prefix of their own):
 * <ul>
 * <li>{@value #TENANT_STATUS} (hash): field = tenant code (six digits), value = {@code PROVISIONING},
 * {@code ACTIVE}, {@code SUSPENDED} or {@code ARCHIVED}.</li>
 * <li>{@value #TENANT_STATUS_SYNCED} (string, epoch seconds): present once tenant-service has written the
 * whole hash. Without it the hash cannot be trusted and the gateway fails closed (503
 * {@code identity-state-unavailable}), as it does when Redis cannot be reached.</li>
 * <li>{@value #REVOKED_USER_PREFIX}{@code <sub>} (string, epoch seconds, with a TTL at least as long as the
 * longest token lifetime): the instant the user was disabled. A token of that subject issued ({@code iat}) at or
 * before that instant is refused; absence means not revoked.</li>
 * </ul>
 * All three are read in one round trip (a Lua script), so a suspension or a disabled user takes effect with the
 * next request.
 */
public final class IdentityState {

    public static final String DEFAULT_PREFIX = "warmnest:";
    public static final String TENANT_STATUS = "warmnest:tenant-status";
    public static final String TENANT_STATUS_SYNCED = "warmnest:tenant-status:synced";
    public static final String REVOKED_USER_PREFIX = "warmnest:revoked-user:";

    /** Values of the {@value #TENANT_STATUS} hash. */
    public enum TenantStatus {
        PROVISIONING, ACTIVE, SUSPENDED, ARCHIVED;

        /** Null when the tenant is not in the hash (or the value is one this gateway does not know). */
        static TenantStatus parse(String value) {
            for (TenantStatus status : values()) {
                if (status.name().equals(value)) {
                    return status;
                }
            }
            return null;
        }
    }

    /**
     * What Redis said for one request.
     *
     * @param synced           whether the sync marker is present
     * @param revokedAt        epoch seconds the subject was disabled at, if it was
     * @param tokenTenant      status of the token's tenant; null when unknown or not asked
     * @param pathTenant       status of the path's tenant; null when unknown or not asked
     */
    public record Reading(boolean synced, OptionalLong revokedAt, TenantStatus tokenTenant, TenantStatus pathTenant) {
    }

    private static final RedisScript<List> READ = RedisScript.of(IdentityState.script("redis/identity-state.lua"),
            List.class);

    private final ReactiveStringRedisTemplate redis;
    private final String tenantStatusKey;
    private final String syncedKey;
    private final String revokedPrefix;

    public IdentityState(ReactiveStringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.tenantStatusKey = rename(TENANT_STATUS, prefix);
        this.syncedKey = rename(TENANT_STATUS_SYNCED, prefix);
        this.revokedPrefix = rename(REVOKED_USER_PREFIX, prefix);
    }

    static String rename(String key, String prefix) {
        return prefix + key.substring(DEFAULT_PREFIX.length());
    }

    /**
     * A Lua script's text, read once: a script built from a resource checks the resource's modification time (a jar
     * entry lookup under a lock) every time it runs, on every request.
     */
    public static String script(String resource) {
        try {
            return new ClassPathResource(resource).getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads the state for a subject and up to two tenants (null when there is none to check). */
    public Mono<Reading> read(String subject, String tokenTenant, String pathTenant) {
        return redis.execute(READ, List.of(tenantStatusKey, syncedKey, revokedPrefix + subject),
                List.of(nullToEmpty(tokenTenant), nullToEmpty(pathTenant)))
                .collectList()
                .map(IdentityState::flatten)
                .map(IdentityState::reading);
    }

    /** Depending on the driver a multi-bulk reply arrives as one list or element by element. */
    static List<?> flatten(List<?> reply) {
        return reply.size() == 1 && reply.get(0) instanceof List<?> inner ? inner : reply;
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
                // A marker we cannot read still means the user was disabled: refuse every token of theirs.
                revokedAt = OptionalLong.of(Long.MAX_VALUE);
            }
        }
        return new Reading(true, revokedAt, TenantStatus.parse(String.valueOf(reply.get(2))),
                TenantStatus.parse(String.valueOf(reply.get(3))));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
