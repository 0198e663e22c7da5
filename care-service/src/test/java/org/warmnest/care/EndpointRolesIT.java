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
        Map<String, java.util.Set<String>> expected = new java.util.TreeMap<>();
        expected.put("GET " + VOLUNTEERS, readers);
        expected.put("GET " + VOLUNTEERS + "/{id}", readers);
        expected.put("GET " + VOLUNTEERS + "/by-district", roles("platform-admin", "bureau-admin", "auditor"));
        expected.put("POST " + VOLUNTEERS, writers);
        expected.put("PUT " + VOLUNTEERS + "/{id}", writers);
        expected.put("DELETE " + VOLUNTEERS + "/{id}", writers);
        expected.put("GET " + PROVISIONING, roles("service"));
        expected.put("PUT " + PROVISIONING, roles("service"));
        expected.put("PUT " + PROVISIONING + "/status", roles("service"));
        // elders: nothing for the platform's operators or volunteers; full reads for carers, the trail for overseers
        String elders = "/api/care/v1/tenants/{tenant}/elders";
        var elderReaders = roles("bureau-admin", "contractor-manager", "care-worker", "auditor");
        var elderWriters = roles("bureau-admin", "contractor-manager", "care-worker");
        var overseers = roles("bureau-admin", "auditor");
        expected.put("GET " + elders, elderReaders);
        expected.put("GET " + elders + "/{id}", elderReaders);
        expected.put("POST " + elders, elderWriters);
        expected.put("PUT " + elders + "/{id}", elderWriters);
        expected.put("POST " + elders + "/{id}/status", elderWriters);
        expected.put("GET " + elders + "/{id}/status-history", elderReaders);
        expected.put("POST " + elders + "/{id}/sensitive-data", elderWriters);
        expected.put("POST " + elders + "/import", elderWriters);
        expected.put("GET " + elders + "/import/template", elderWriters);
        expected.put("GET " + elders + "/export", elderReaders);
        expected.put("GET /api/care/v1/tenants/{tenant}/sensitive-data-reads", overseers);
        expected.put("GET /api/care/v1/tenants/{tenant}/sensitive-data-reads/export", overseers);
        expected.put("GET /api/care/v1/tenants/{tenant}/elder-duplicates/export", overseers);
        expected.put("GET /api/care/v1/tenants/{tenant}/elder-duplicates", overseers);
        // assessments
        String assessments = "/api/care/v1/tenants/{tenant}/elders/{elderId}/assessments";
        var assessors = roles("bureau-admin", "contractor-manager", "care-worker");
        expected.put("GET " + assessments, elderReaders);
        expected.put("GET " + assessments + "/{id}", elderReaders);
        expected.put("POST " + assessments, assessors);
        expected.put("POST " + assessments + "/{id}/corrections", assessors);
        expected.put("POST " + assessments + "/{id}/sensitive-data", elderWriters);
        expected.put("GET /api/care/v1/tenants/{tenant}/assessments/due", elderReaders);
        expected.put("GET /api/care/v1/tenants/{tenant}/assessments/due/export", elderReaders);
        // alerts: carers raise and handle them, auditors read; the duty roster is the bureau's; an inbox for carers
        String alerts = "/api/care/v1/tenants/{tenant}/alerts";
        expected.put("POST " + alerts, elderWriters);
        expected.put("GET " + alerts, elderReaders);
        expected.put("GET " + alerts + "/{id}", elderReaders);
        expected.put("POST " + alerts + "/{id}/acknowledge", elderWriters);
        expected.put("POST " + alerts + "/{id}/act", elderWriters);
        expected.put("POST " + alerts + "/{id}/resolve", elderWriters);
        expected.put("POST " + alerts + "/{id}/follow-up", elderWriters);
        expected.put("GET " + alerts + "/duties", overseers);
        expected.put("GET " + alerts + "/duties/{id}", overseers);
        expected.put("POST " + alerts + "/duties", roles("bureau-admin"));
        expected.put("PUT " + alerts + "/duties/{id}", roles("bureau-admin"));
        expected.put("DELETE " + alerts + "/duties/{id}", roles("bureau-admin"));
        expected.put("GET /api/care/v1/tenants/{tenant}/notifications/mine", elderWriters);
        expected.put("POST /api/care/v1/tenants/{tenant}/notifications/{id}/read", elderWriters);
        assertThat(new java.util.TreeMap<>(EndpointRoles.matrix(EndpointRoles.of(context)))).isEqualTo(expected);
    }
}
