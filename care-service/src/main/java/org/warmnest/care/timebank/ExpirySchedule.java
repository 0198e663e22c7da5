package org.warmnest.care.timebank;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;

/** Every night, tenant by tenant, the time bank's minutes past their expiry are cleared (oldest unspent first). */
@Component
class ExpirySchedule {

    private static final Logger log = LoggerFactory.getLogger(ExpirySchedule.class);

    private final TenantRegistry registry;
    private final TimeBank bank;

    ExpirySchedule(TenantRegistry registry, TimeBank bank) {
        this.registry = registry;
        this.bank = bank;
    }

    @Scheduled(cron = "${warmnest.time-bank.expiry-cron:0 10 2 * * *}", zone = "Asia/Shanghai")
    void nightly() {
        for (TenantCode tenant : registry.withSchemas()) {
            if (registry.status(tenant).orElse(null) != TenantStatus.ACTIVE) {
                continue;
            }
            try {
                long expired = TenantContext.callAs(tenant, () -> bank.expire("system:time-bank-expiry"));
                if (expired > 0) {
                    log.info("Time bank of {}: {} minutes expired", tenant.value(), expired);
                }
            } catch (RuntimeException e) { // one tenant's trouble must not hold back the others
                log.warn("Time bank expiry of {} failed and will run again tomorrow: {}", tenant.value(),
                        e.getMessage());
            }
        }
    }
}
