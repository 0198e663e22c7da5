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
 * and a row.
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
        expected.put("GET " + TENANT + "/areas", roles("platform-admin", "bureau-admin", "contractor-manager",
                "care-worker", "auditor", "service"));
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
        var withService = new java.util.TreeSet<>(READERS);
        withService.add("service");
        expected.put("GET " + TENANT + "/engagements", withService);
        expected.put("GET " + BASE + "/contractors/{id}", withService);
        expected.put("GET " + BASE + "/contractors/{id}/changes", roles("platform-admin", "bureau-admin", "auditor"));
        // user administration: the scope within the tenant (own contractor, grantable roles) is UserAdministration's
        var userReaders = roles("platform-admin", "bureau-admin", "contractor-manager", "auditor");
        var userAdmins = roles("platform-admin", "bureau-admin", "contractor-manager");
        expected.put("GET " + TENANT + "/users", userReaders);
        expected.put("GET " + TENANT + "/users/{userId}", userReaders);
        expected.put("POST " + TENANT + "/users", userAdmins);
        expected.put("POST " + TENANT + "/users/{userId}/disable", userAdmins);
        expected.put("POST " + TENANT + "/users/{userId}/enable", userAdmins);
        expected.put("GET " + PROVISIONING, roles("service"));
        expected.put("PUT " + PROVISIONING, roles("service"));
        expected.put("PUT " + PROVISIONING + "/status", roles("service"));

        assertThat(EndpointRoles.matrix(EndpointRoles.of(context))).isEqualTo(expected);
    }
}
