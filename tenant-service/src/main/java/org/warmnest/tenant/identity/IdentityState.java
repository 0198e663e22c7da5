package org.warmnest.tenant.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;

/**
 * What the gateway checks on every request, written by tenant-service into Redis (keys under
 * {@code warmnest.identity.state-prefix}, {@code warmnest:} by default):
 * <ul>
 * <li>hash {@code tenant-status}: tenant code → PROVISIONING | ACTIVE | SUSPENDED | ARCHIVED;</li>
 * <li>{@code tenant-status:synced}: epoch seconds of the last full write. The gateway refuses every API request
 * while it is missing (fail closed: Redis lost its data and tenant-service has not written it again yet);</li>
 * <li>{@code revoked-user:<sub>}: epoch seconds at which the user was disabled, with a TTL longer than any access
 * token; the gateway refuses tokens issued at or before it.</li>
 * </ul>
 * A change is written at once; the whole state is written again every
 * {@code state-sync-interval}, so a missed write or a Redis restart heals by itself.
 */
@Component
public class IdentityState {

    private static final Logger log = LoggerFactory.getLogger(IdentityState.class);

    private final StringRedisTemplate redis;
    private final TenantRegistry registry;
    private final IdentityEvents events;
    private final IdentityProperties properties;
    private final Clock clock;

    IdentityState(StringRedisTemplate redis, TenantRegistry registry, IdentityEvents events,
            IdentityProperties properties, Clock clock) {
        this.redis = redis;
        this.registry = registry;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    public String statusKey() {
        return properties.statePrefix() + "tenant-status";
    }

    public String syncedKey() {
        return properties.statePrefix() + "tenant-status:synced";
    }

    public String revokedKey(String subject) {
        return properties.statePrefix() + "revoked-user:" + subject;
    }

    /**
     * Writes the tenant's status now, inside the caller's transaction: if Redis cannot be written the change fails
     * (503) rather than leaving the gateway behind. Should the transaction roll back afterwards, the next full sync
     * corrects the gateway's view within {@code state-sync-interval}.
     */
    public void tenantChanged(TenantCode code, TenantStatus status) {
        Runnable put = () -> redis.opsForHash().put(statusKey(), code.value(), status.name());
        write(put);
        // Once more after the commit: a full sync that read the registry before this commit and wrote after the
        // first write would otherwise put the old status back until the next sync.
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            try {
                                put.run();
                            } catch (RuntimeException e) {
                                log.warn("Writing tenant {} status for the gateway after commit failed; the next "
                                        + "sync writes it", code, e);
                            }
                        }
                    });
        }
    }

    /** Tokens of this user issued up to {@code at} are refused at the gateway from now on. */
    public void userRevoked(String subject, Instant at) {
        write(() -> revoke(subject, at));
    }

    private void revoke(String subject, Instant at) {
        Instant expires = at.plus(properties.revocationTtl());
        long ttl = expires.getEpochSecond() - clock.instant().getEpochSecond();
        if (ttl > 0) {
            redis.opsForValue().set(revokedKey(subject), String.valueOf(at.getEpochSecond()), ttl, TimeUnit.SECONDS);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        syncQuietly();
    }

    @Scheduled(fixedDelayString = "${warmnest.identity.state-sync-interval:15s}",
            initialDelayString = "${warmnest.identity.state-sync-interval:15s}")
    void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            log.warn("Writing the tenant state for the gateway failed; retrying in {}", properties.stateSyncInterval(),
                    e);
        }
    }

    /** Writes every tenant's status, the recent revocations, then the marker that says the state is whole. */
    public void sync() {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (TenantRegistry.RegisteredTenant tenant : registry.all()) {
            statuses.put(tenant.code().value(), tenant.status().name());
        }
        if (!statuses.isEmpty()) {
            redis.opsForHash().putAll(statusKey(), statuses);
        }
        Instant now = clock.instant();
        List<IdentityEvents.Revocation> recent = events.revokedSince(now.minus(properties.revocationTtl()));
        for (IdentityEvents.Revocation r : recent) {
            revoke(r.subject(), r.at());
        }
        redis.opsForValue().set(syncedKey(), String.valueOf(now.getEpochSecond()));
    }

    private static void write(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.warn("Writing identity state for the gateway failed", e);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "identity-state-unavailable");
        }
    }
}
