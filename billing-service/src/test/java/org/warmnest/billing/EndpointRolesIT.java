package org.warmnest.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmnest.platform.test.EndpointRoles.roles;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.warmnest.platform.test.EndpointRoles;
import org.warmnest.platform.test.ServiceTest;

/**
 * Every endpoint names the roles it admits with {@code @PreAuthorize}; no write admits an auditor or a
 * volunteer; and the roles are exactly the documented matrix. A new endpoint fails here until it has a rule
 * and a row.
 */
@ServiceTest
class EndpointRolesIT {

    static final String TENANT = "/api/billing/v1/tenants/{tenant}";
    static final String ALLOCATIONS = TENANT + "/allocations";
    static final String PROVISIONING = "/internal/v1/provisioning/tenants/{code}";

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointNamesItsRolesAndNoWriteAdmitsAReadOnlyRole() {
        assertThat(EndpointRoles.violations(EndpointRoles.of(context))).isEmpty();
    }

    @Test
    void theRoleMatrix() {
        var readers = roles("platform-admin", "bureau-admin", "finance-officer", "auditor");
        var writers = roles("platform-admin", "finance-officer");
        var journal = roles("finance-officer", "auditor");
        var contractReaders = roles("bureau-admin", "finance-officer", "auditor", "contractor-manager");
        assertThat(EndpointRoles.matrix(EndpointRoles.of(context))).isEqualTo(Map.ofEntries(
                Map.entry("GET " + ALLOCATIONS, readers),
                Map.entry("GET " + ALLOCATIONS + "/{id}", readers),
                Map.entry("POST " + ALLOCATIONS, writers),
                Map.entry("POST " + ALLOCATIONS + "/{id}/amendments", writers),
                Map.entry("GET " + ALLOCATIONS + "/{id}/lines", readers),
                Map.entry("POST " + ALLOCATIONS + "/{id}/lines", writers),
                Map.entry("GET " + TENANT + "/budget-lines/{lineId}", readers),
                Map.entry("POST " + TENANT + "/budget-lines/{lineId}/adjustments", writers),
                Map.entry("GET " + TENANT + "/journal", journal),
                Map.entry("GET " + TENANT + "/journal/reconciliation", journal),
                Map.entry("GET " + TENANT + "/contracts", contractReaders),
                Map.entry("GET " + TENANT + "/contracts/{id}", contractReaders),
                Map.entry("POST " + TENANT + "/contracts", roles("bureau-admin", "finance-officer")),
                Map.entry("POST " + TENANT + "/contracts/{id}/sign", roles("finance-officer")),
                Map.entry("POST " + TENANT + "/contracts/{id}/close", roles("finance-officer")),
                Map.entry("POST " + TENANT + "/contracts/{id}/evaluation", roles("finance-officer")),
                Map.entry("POST " + TENANT + "/contracts/{contractId}/claims", roles("contractor-manager")),
                Map.entry("GET " + TENANT + "/claims", contractReaders),
                Map.entry("GET " + TENANT + "/claims/{id}", contractReaders),
                Map.entry("GET " + TENANT + "/claims/{id}/lines", contractReaders),
                Map.entry("GET " + TENANT + "/claims/{id}/export", contractReaders),
                Map.entry("POST " + TENANT + "/claims/{id}/reprice", roles("contractor-manager")),
                Map.entry("POST " + TENANT + "/claims/{id}/submit", roles("contractor-manager")),
                Map.entry("POST " + TENANT + "/claims/{id}/approve", roles("finance-officer")),
                Map.entry("POST " + TENANT + "/claims/{id}/reject", roles("finance-officer")),
                Map.entry("POST " + TENANT + "/fiscal-years/{year}/close", roles("finance-officer")),
                Map.entry("GET " + TENANT + "/fiscal-years/{year}", roles("finance-officer", "bureau-admin", "auditor")),
                Map.entry("POST " + TENANT + "/claims/{id}/payment", roles("finance-officer")),
                Map.entry("GET " + TENANT + "/reports/execution", roles("finance-officer", "bureau-admin", "auditor")),
                Map.entry("GET " + TENANT + "/reports/execution/export",
                        roles("finance-officer", "bureau-admin", "auditor")),
                Map.entry("GET " + TENANT + "/reports/city-rollup", roles("finance-officer", "bureau-admin", "auditor")),
                Map.entry("GET " + TENANT + "/reports/city-rollup/export",
                        roles("finance-officer", "bureau-admin", "auditor")),
                Map.entry("GET " + TENANT + "/reports/drawdown", roles("finance-officer", "bureau-admin", "auditor")),
                Map.entry("GET " + TENANT + "/reports/beneficiaries", roles("finance-officer", "bureau-admin", "auditor")),
                Map.entry("GET " + TENANT + "/reports/contractors/{contractorId}/payments", contractReaders),
                Map.entry("GET " + TENANT + "/reports/contractors/{contractorId}/payments/export", contractReaders),
                Map.entry("GET " + PROVISIONING, roles("service")),
                Map.entry("PUT " + PROVISIONING, roles("service")),
                Map.entry("PUT " + PROVISIONING + "/status", roles("service"))));
    }
}
