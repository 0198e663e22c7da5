package org.warmnest.care.plan;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;

import jakarta.persistence.EntityManager;

/**
 * Every night, tenant by tenant, the windows that ended in the last week unmet become supervision findings. One
 * replica works a tenant at a time (a transaction-scoped advisory lock) and a window is found once (a unique
 * key), so several replicas, a rerun or a catch-up after downtime never find anything twice.
 */
@Component
class FindingsSchedule {

    private static final Logger log = LoggerFactory.getLogger(FindingsSchedule.class);
    static final int CATCH_UP_DAYS = 7;

    private final TenantRegistry registry;
    private final Compliance compliance;
    private final EntityManager em;
    private final TransactionTemplate tx;

    FindingsSchedule(TenantRegistry registry, Compliance compliance, EntityManager em,
            PlatformTransactionManager transactions) {
        this.registry = registry;
        this.compliance = compliance;
        this.em = em;
        this.tx = new TransactionTemplate(transactions);
    }

    @Scheduled(cron = "${warmnest.cadence.findings-cron:0 30 1 * * *}", zone = "Asia/Shanghai")
    void nightly() {
        for (TenantCode tenant : registry.withSchemas()) {
            if (registry.status(tenant).orElse(null) != TenantStatus.ACTIVE) {
                continue;
            }
            try {
                int found = scan(tenant);
                if (found > 0) {
                    log.info("Supervision findings in {}: {} new", tenant.value(), found);
                }
            } catch (RuntimeException e) { // one tenant's trouble must not hold back the others
                log.warn("Supervision scan of {} failed and will run again tomorrow: {}", tenant.value(),
                        e.getMessage());
            }
        }
    }

    /** The last week's unmet windows of one tenant; -1 when another replica is at it. */
    int scan(TenantCode tenant) {
        return TenantContext.callAs(tenant, () -> tx.execute(status -> {
            Boolean mine = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(:k))")
                    .setParameter("k", "supervision-scan:" + tenant.value()).getSingleResult();
            if (!Boolean.TRUE.equals(mine)) {
                return -1;
            }
            LocalDate today = compliance.today();
            return compliance.scan(today.minusDays(CATCH_UP_DAYS), today.minusDays(1));
        }));
    }
}
