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
        expected.put("POST " + VOLUNTEERS + "/{id}/sensitive-data", elderWriters);
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
        // care plans, templates (the bureau keeps them) and programme enrolment
        String plan = "/api/care/v1/tenants/{tenant}/elders/{elderId}/plan";
        expected.put("GET " + plan, elderReaders);
        expected.put("POST " + plan + "/items", elderWriters);
        expected.put("PUT " + plan + "/items/{itemId}", elderWriters);
        expected.put("DELETE " + plan + "/items/{itemId}", elderWriters);
        expected.put("POST " + plan + "/from-template", elderWriters);
        String templates = "/api/care/v1/tenants/{tenant}/plan-templates";
        expected.put("GET " + templates, elderReaders);
        expected.put("GET " + templates + "/{id}", elderReaders);
        expected.put("GET " + templates + "/presets", elderReaders);
        expected.put("POST " + templates, roles("bureau-admin"));
        expected.put("PUT " + templates + "/{id}", roles("bureau-admin"));
        expected.put("DELETE " + templates + "/{id}", roles("bureau-admin"));
        String programs = "/api/care/v1/tenants/{tenant}/elders/{elderId}/programs";
        expected.put("GET " + programs, elderReaders);
        expected.put("POST " + programs, elderWriters);
        expected.put("POST " + programs + "/{programId}/leave", elderWriters);
        // visits: recorded by carers, reviewed by managers and the bureau; concerns followed by carers
        String visits = "/api/care/v1/tenants/{tenant}/visits";
        var reviewers = roles("bureau-admin", "contractor-manager");
        expected.put("POST /api/care/v1/tenants/{tenant}/elders/{elderId}/visits", elderWriters);
        expected.put("GET " + visits, elderReaders);
        expected.put("GET " + visits + "/{id}", elderReaders);
        expected.put("POST " + visits + "/{id}/verify", reviewers);
        expected.put("POST " + visits + "/{id}/reject", reviewers);
        expected.put("POST " + visits + "/{id}/amendments", elderWriters);
        expected.put("POST " + visits + "/{id}/sensitive-data", elderWriters);
        expected.put("POST " + visits + "/{visitId}/evidence", elderWriters);
        expected.put("GET " + visits + "/{visitId}/evidence", elderReaders);
        expected.put("GET /api/care/v1/tenants/{tenant}/evidence/{id}", elderReaders);
        String concerns = "/api/care/v1/tenants/{tenant}/concerns";
        expected.put("GET " + concerns, elderReaders);
        expected.put("GET " + concerns + "/{id}", elderReaders);
        expected.put("POST " + concerns + "/{id}/follow-ups", elderWriters);
        expected.put("GET /internal/v1/tenants/{tenant}/billable-records", roles("service"));
        // cadence compliance and supervision findings
        String t = "/api/care/v1/tenants/{tenant}";
        expected.put("GET " + plan + "/status", elderReaders);
        expected.put("GET " + t + "/compliance", elderReaders);
        expected.put("GET " + t + "/compliance/export", elderReaders);
        expected.put("GET " + t + "/compliance/overdue", elderReaders);
        expected.put("GET " + t + "/compliance/overdue/export", elderReaders);
        expected.put("GET " + t + "/compliance/by-district", overseers);
        expected.put("GET " + t + "/supervision-findings", elderReaders);
        expected.put("POST " + t + "/supervision-findings/scan", reviewers);
        expected.put("POST " + t + "/supervision-findings/{id}/explain", elderWriters);
        expected.put("POST " + t + "/supervision-findings/{id}/close", reviewers);
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
        // ledgers (台账): read as compliance is, contractor staff their contractor's rows only
        for (String ledger : java.util.List.of("visits", "difficulties", "hazards", "supplies", "alerts",
                "follow-ups")) {
            String l = t + "/ledgers/" + ledger;
            expected.put("GET " + l, elderReaders);
            expected.put("GET " + l + "/summary", elderReaders);
            expected.put("GET " + l + "/export", elderReaders);
        }
        // KPIs: the bureau and auditors
        var kpiReaders = roles("bureau-admin", "auditor");
        expected.put("GET " + t + "/kpis", kpiReaders);
        expected.put("GET " + t + "/kpis/by-district", kpiReaders);
        expected.put("GET " + t + "/kpis/export", kpiReaders);
        // pairings and the three lists
        var pairers = roles("bureau-admin", "contractor-manager");
        expected.put("POST " + t + "/pairings", pairers);
        expected.put("GET " + t + "/pairings", elderReaders);
        expected.put("POST " + t + "/pairings/{id}/end", pairers);
        expected.put("POST " + t + "/pairings/{id}/hand-over", pairers);
        expected.put("POST " + t + "/volunteers/{id}/hand-over", pairers);
        expected.put("GET " + t + "/three-lists", elderReaders);
        expected.put("GET " + t + "/three-lists/summary", elderReaders);
        expected.put("GET " + t + "/three-lists/export", elderReaders);
        expected.put("GET " + t + "/three-lists/by-district", roles("bureau-admin", "auditor"));
        // the time bank: contractor staff their contractor's volunteers only
        String bank = t + "/time-bank";
        expected.put("GET " + bank + "/volunteers/{volunteerId}", elderReaders);
        expected.put("GET " + bank + "/volunteers/{volunteerId}/certificate", elderReaders);
        expected.put("POST " + bank + "/volunteers/{volunteerId}/redemptions", elderWriters);
        expected.put("POST " + bank + "/volunteers/{volunteerId}/donations", elderWriters);
        expected.put("POST " + bank + "/volunteers/{volunteerId}/transfers", elderWriters);
        expected.put("POST " + bank + "/entries/{entryId}/evaluation", elderWriters);
        expected.put("GET " + bank + "/rankings", elderReaders);
        expected.put("GET " + bank + "/pool", elderReaders);
        expected.put("GET " + bank + "/elders/{elderId}", elderReaders);
        expected.put("POST " + bank + "/elders/{elderId}/redemptions", elderWriters);
        expected.put("POST " + bank + "/expiry", roles("bureau-admin"));
        // activities and resources (五社联动): carers write, auditors read, contractor staff their contractor's rows
        expected.put("POST " + t + "/activities", elderWriters);
        expected.put("GET " + t + "/activities", elderReaders);
        expected.put("GET " + t + "/activities/{id}", elderReaders);
        expected.put("POST " + t + "/activities/{id}/attendees", elderWriters);
        expected.put("DELETE " + t + "/activities/{id}/attendees/{elderId}", elderWriters);
        expected.put("POST " + t + "/activities/{id}/volunteers", elderWriters);
        expected.put("DELETE " + t + "/activities/{id}/volunteers/{volunteerId}", elderWriters);
        expected.put("POST " + t + "/support-groups", elderWriters);
        expected.put("GET " + t + "/support-groups", elderReaders);
        expected.put("GET " + t + "/support-groups/{id}", elderReaders);
        expected.put("POST " + t + "/support-groups/{id}/members", elderWriters);
        expected.put("POST " + t + "/support-groups/{id}/members/{elderId}/leave", elderWriters);
        expected.put("GET " + t + "/activity-figures", elderReaders);
        expected.put("POST " + t + "/donations", elderWriters);
        expected.put("GET " + t + "/donations", elderReaders);
        expected.put("GET " + t + "/donations/{id}", elderReaders);
        expected.put("POST " + t + "/donations/{id}/recipients", elderWriters);
        expected.put("DELETE " + t + "/donations/{id}/recipients/{elderId}", elderWriters);
        expected.put("POST " + t + "/charity-resources", elderWriters);
        expected.put("GET " + t + "/charity-resources", elderReaders);
        expected.put("GET " + t + "/charity-resources/{id}", elderReaders);
        expected.put("POST " + t + "/case-services", elderWriters);
        expected.put("GET " + t + "/case-services", elderReaders);
        expected.put("GET " + t + "/case-services/{id}", elderReaders);
        expected.put("POST " + t + "/case-services/{id}/close", elderWriters);
        assertThat(new java.util.TreeMap<>(EndpointRoles.matrix(EndpointRoles.of(context)))).isEqualTo(expected);
    }
}
