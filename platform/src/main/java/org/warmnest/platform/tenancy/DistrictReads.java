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
    private final TransactionTemplate readOnly;

    public DistrictReads(TenantRegistry registry, PlatformTransactionManager transactions) {
        this.registry = registry;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
