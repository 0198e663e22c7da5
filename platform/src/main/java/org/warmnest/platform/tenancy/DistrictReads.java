package org.warmnest.platform.tenancy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.platform.problem.ProblemException;

/**
 * A city-level read over its districts: one explicit read per active district, each in its own read-only
 * transaction with that district as the tenant. There is no query across tenant schemas.
 */
public class DistrictReads {

    private final TenantRegistry registry;
    private final org.warmnest.platform.migration.TenantSchemaMigrator migrator;
    private final TransactionTemplate readOnly;

    public DistrictReads(TenantRegistry registry, org.warmnest.platform.migration.TenantSchemaMigrator migrator,
            PlatformTransactionManager transactions) {
        this.registry = registry;
        this.migrator = migrator;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * One explicit read as another tenant (a city's program read from a district, say), in a read-only transaction
     * of its own; empty when that tenant has no complete schema yet (unknown, still provisioning, or broken).
     */
    public <T> java.util.Optional<T> readAs(TenantCode tenant, Function<TenantCode, T> read) {
        boolean readable = registry.status(tenant).filter(s -> s != TenantStatus.PROVISIONING).isPresent()
                && !migrator.isBroken(tenant);
        if (!readable) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(
                TenantContext.callAs(tenant, () -> readOnly.execute(tx -> read.apply(tenant))));
    }

    /** The read's result per district, in code order; districts that are not active are left out. */
    public <T> Map<TenantCode, T> forEachDistrict(TenantCode city, Function<TenantCode, T> read) {
        if (!city.isCity()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "city-required", city.value());
        }
        Map<TenantCode, T> results = new LinkedHashMap<>();
        for (TenantCode district : registry.districtsOf(city)) {
            if (registry.status(district).orElse(null) != TenantStatus.ACTIVE) {
                continue;
            }
            results.put(district, TenantContext.callAs(district, () -> readOnly.execute(tx -> read.apply(district))));
        }
        return results;
    }
}
