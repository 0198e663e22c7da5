package org.warmnest.billing.idempotency;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantRegistry;

import jakarta.persistence.EntityManager;

/**
 * Every night, tenant by tenant, the idempotency keys of finished requests older than
 * {@code warmnest.idempotency.keep} (30 days) are forgotten: a client retries within minutes, not months. Keys
 * whose request never finished are kept, so they are never run again.
 */
@Component
class KeyCleanup {

    private static final Logger log = LoggerFactory.getLogger(KeyCleanup.class);

    private final TenantRegistry registry;
    private final EntityManager em;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration keep;

    KeyCleanup(TenantRegistry registry, EntityManager em, PlatformTransactionManager transactions, Clock clock,
            @Value("${warmnest.idempotency.keep:30d}") Duration keep) {
        this.registry = registry;
        this.em = em;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.keep = keep;
    }

    @Scheduled(cron = "${warmnest.idempotency.cleanup-cron:0 40 3 * * *}", zone = "Asia/Shanghai")
    void nightly() {
        for (TenantCode tenant : registry.withSchemas()) {
            try {
                int gone = forget(tenant);
                if (gone > 0) {
                    log.info("Idempotency keys of {}: {} forgotten", tenant.value(), gone);
                }
            } catch (RuntimeException e) { // one tenant's trouble must not hold back the others
                log.warn("Idempotency keys of {} were not cleaned: {}", tenant.value(), e.getMessage());
            }
        }
    }

    /** Forgets the tenant's finished keys older than the keeping period; how many. */
    int forget(TenantCode tenant) {
        return TenantContext.callAs(tenant, () -> tx.execute(s -> em.createNativeQuery(
                "delete from idempotency_request where state = 'DONE' and completed_at < ?1")
                .setParameter(1, clock.instant().minus(keep)).executeUpdate()));
    }
}
