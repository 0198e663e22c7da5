package org.warmnest.care;

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

    static final String VOLUNTEERS = "/api/care/v1/tenants/{tenant}/volunteers";
    static final String PROVISIONING = "/internal/v1/provisioning/tenants/{code}";

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointNamesItsRolesAndNoWriteAdmitsAReadOnlyRole() {
        assertThat(EndpointRoles.violations(EndpointRoles.of(context))).isEmpty();
    }

    @Test
    void theRoleMatrix() {
        var readers = roles("platform-admin", "bureau-admin", "contractor-manager", "care-worker", "auditor");
        var writers = roles("platform-admin", "bureau-admin", "contractor-manager");
        assertThat(EndpointRoles.matrix(EndpointRoles.of(context))).isEqualTo(Map.of(
                "GET " + VOLUNTEERS, readers,
                "GET " + VOLUNTEERS + "/{id}", readers,
                "GET " + VOLUNTEERS + "/by-district", roles("platform-admin", "bureau-admin", "auditor"),
                "POST " + VOLUNTEERS, writers,
                "PUT " + VOLUNTEERS + "/{id}", writers,
                "DELETE " + VOLUNTEERS + "/{id}", writers,
                "GET " + PROVISIONING, roles("service"),
                "PUT " + PROVISIONING, roles("service"),
                "PUT " + PROVISIONING + "/status", roles("service")));
    }
}
