package org.warmnest.tenant;

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
 * and a row. (User administration, {@code identity}, keeps its matrix with its own tests.)
 */
@ServiceTest
class EndpointRolesIT {

    static final String BASE = "/api/tenants/v1";
    static final String TENANT = BASE + "/tenants/{tenant}";
    static final String PROVISIONING = "/internal/v1/provisioning/tenants/{code}";

    static final java.util.Set<String> ADMINS = roles("platform-admin", "bureau-admin");
    static final java.util.Set<String> DIRECTORY_READERS = roles("platform-admin", "bureau-admin",
            "contractor-manager", "finance-officer", "auditor");
    static final java.util.Set<String> AREA_READERS = roles("platform-admin", "bureau-admin", "contractor-manager",
            "care-worker", "auditor");
    static final java.util.Set<String> READERS = roles("platform-admin", "bureau-admin", "contractor-manager",
            "care-worker", "finance-officer", "auditor");

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointNamesItsRolesAndNoWriteAdmitsAReadOnlyRole() {
        assertThat(EndpointRoles.violations(EndpointRoles.of(context))).isEmpty();
    }

    @Test
    void theRoleMatrix() {
        Map<String, java.util.Set<String>> expected = new java.util.TreeMap<>();
        expected.put("GET " + BASE + "/tenants", DIRECTORY_READERS);
        expected.put("GET " + BASE + "/tenants/{code}", DIRECTORY_READERS);
        expected.put("POST " + BASE + "/tenants", ADMINS);
        for (String change : new String[] { "suspend", "activate", "archive" }) {
            expected.put("POST " + BASE + "/tenants/{code}/" + change, ADMINS);
        }
        expected.put("GET " + TENANT + "/areas", AREA_READERS);
        for (String area : new String[] { "streets", "communities", "grids" }) {
            expected.put("GET " + TENANT + "/" + area, AREA_READERS);
            expected.put("GET " + TENANT + "/" + area + "/{id}", AREA_READERS);
            expected.put("POST " + TENANT + "/" + area, ADMINS);
            expected.put("PUT " + TENANT + "/" + area + "/{id}", ADMINS);
            expected.put("DELETE " + TENANT + "/" + area + "/{id}", ADMINS);
        }
        expected.put("POST " + TENANT + "/areas/import", ADMINS);
        expected.put("GET " + TENANT + "/areas/import/template", ADMINS);
        for (String path : new String[] { TENANT + "/programs", TENANT + "/engagements", BASE + "/contractors" }) {
            expected.put("GET " + path, READERS);
            expected.put("GET " + path + "/{id}", READERS);
            expected.put("POST " + path, ADMINS);
            expected.put("PUT " + path + "/{id}", ADMINS);
            if (!path.endsWith("contractors")) {
                expected.put("DELETE " + path + "/{id}", ADMINS);
            }
        }
        expected.put("GET " + PROVISIONING, roles("service"));
        expected.put("PUT " + PROVISIONING, roles("service"));
        expected.put("PUT " + PROVISIONING + "/status", roles("service"));

        var endpoints = EndpointRoles.of(context).stream()
                .filter(e -> !e.controller().getPackageName().startsWith("org.warmnest.tenant.identity")).toList();
        assertThat(EndpointRoles.matrix(endpoints)).isEqualTo(expected);
    }
}
