package org.warmnest.billing.allocation;

import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;

/** The Yuxi tenants the tests act in, provisioned and active in billing-service. Safe to repeat. */
final class BillingTenants {

    static final String CITY = "530400";
    static final String A = "530402";
    static final String B = "530423";

    private BillingTenants() {
    }

    static void activate(TenantProvisioner provisioner, String... codes) {
        for (String code : codes) {
            TenantCode tenant = TenantCode.of(code);
            provisioner.provision(tenant, tenant.isCity() ? null : tenant.city(), code);
            provisioner.registry().setStatus(tenant, TenantStatus.ACTIVE);
        }
    }
}
