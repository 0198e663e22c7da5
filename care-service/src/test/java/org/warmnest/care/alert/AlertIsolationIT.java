package org.warmnest.care.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.alert.AlertFixtures.ALERTS;
import static org.warmnest.care.alert.AlertFixtures.DUTIES;
import static org.warmnest.care.alert.AlertFixtures.MINE;
import static org.warmnest.care.alert.AlertFixtures.ONE;
import static org.warmnest.care.alert.AlertFixtures.anElder;
import static org.warmnest.care.alert.AlertFixtures.duty;
import static org.warmnest.care.alert.AlertFixtures.json;
import static org.warmnest.care.alert.AlertFixtures.raiseBody;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Alerts written in one tenant are invisible and untouchable from another; contractor staff reach only their
 * contractor's elders' alerts; auditors read but never write; volunteers, finance and the platform's operators
 * have no business with alerts; the duty roster is the bureau's.
 */
@ServiceTest
@Import(AlertTestConfiguration.class)
class AlertIsolationIT {

    static final String A = "450303";
    static final String B = "450305";
    static final String C1 = "71111111-1111-1111-1111-111111111111";
    static final String C2 = "72222222-2222-2222-2222-222222222222";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AlertTestConfiguration.MovableClock clock;

    final TestIssuer issuer = TestIssuer.get();
    final String adminA = issuer.user(A, "bureau-admin").bearer();
    final String adminB = issuer.user(B, "bureau-admin").bearer();
    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) throws Exception {
        if (!provisioned) {
            AlertFixtures.provision(provisioner, "450300", A, B);
            AlertFixtures.standardRoster(mvc, A);
            provisioned = true;
        }
    }

    @BeforeEach
    void now() {
        clock.reset();
    }

    ResultActions send(MockHttpServletRequestBuilder request, String bearer, String body) throws Exception {
        return mvc.perform(request.header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    ResultActions read(MockHttpServletRequestBuilder request, String bearer) throws Exception {
        return mvc.perform(request.header("Authorization", bearer));
    }

    String raise(String tenant, UUID elder, String bearer) throws Exception {
        return JsonPath.read(send(post(ALERTS, tenant), bearer, raiseBody(elder, "HAZARD", "燃气灶漏气"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    static final String NOTE = "{\"note\":\"处理\"}";
    static final String RESOLUTION = "{\"resolution\":\"已关阀通风\"}";
    static final String FOLLOW_UP = "{\"visitedAt\":\"2026-01-01T00:00:00Z\",\"mode\":\"PHONE\"}";

    @Test
    void anAlertInOneTenantIsInvisibleAndUntouchableFromAnother() throws Exception {
        UUID elder = anElder().in(mvc, A);
        String id = raise(A, elder, adminA);

        read(get(ONE, B, id), adminB).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("alert-not-found"));
        send(post(ONE + "/acknowledge", B, id), adminB, "{}").andExpect(status().isNotFound());
        send(post(ONE + "/act", B, id), adminB, NOTE).andExpect(status().isNotFound());
        send(post(ONE + "/resolve", B, id), adminB, RESOLUTION).andExpect(status().isNotFound());
        send(post(ONE + "/follow-up", B, id), adminB, FOLLOW_UP).andExpect(status().isNotFound());
        read(get(ALERTS, B), adminB).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.id=='" + id + "')]").isEmpty());
        // B cannot raise about A's elder either
        send(post(ALERTS, B), adminB, raiseBody(elder, "FALL", null)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("elder-not-found"));
        // B's user naming A's tenant is refused before any query
        read(get(ONE, A, id), adminB).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
        send(post(ONE + "/acknowledge", A, id), adminB, "{}").andExpect(status().isForbidden());
        // A's duty roster is not B's
        read(get(DUTIES, B), adminB).andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());

        assertThat(jdbc.queryForObject("select count(*) from t_450305.alert", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select status from t_450303.alert where id = ?::uuid", String.class, id))
                .isEqualTo("OPEN");
    }

    @Test
    void contractorStaffReachOnlyTheirContractorsEldersAlerts() throws Exception {
        String worker1 = issuer.user(A, "care-worker").contractor(C1).bearer();
        String manager2 = issuer.user(A, "contractor-manager").contractor(C2).bearer();
        String worker2 = issuer.user(A, "care-worker").contractor(C2).bearer();
        UUID elder = anElder().ofContractor(C1).in(mvc, A);
        String id = raise(A, elder, worker1);

        for (String other : new String[] { manager2, worker2 }) {
            read(get(ONE, A, id), other).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("alert-not-found"));
            send(post(ONE + "/acknowledge", A, id), other, "{}").andExpect(status().isNotFound());
            read(get(ALERTS, A), other).andExpect(status().isOk())
                    .andExpect(jsonPath("$.items[?(@.id=='" + id + "')]").isEmpty());
            send(post(ALERTS, A), other, raiseBody(elder, "FALL", null)).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("elder-not-found"));
        }
        assertThat(jdbc.queryForObject("select status from t_450303.alert where id = ?::uuid", String.class, id))
                .isEqualTo("OPEN");

        read(get(ALERTS, A).param("elderId", elder.toString()), worker1).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].id").value(id));
        read(get(ONE, A, id), adminA).andExpect(status().isOk());
        send(post(ONE + "/acknowledge", A, id), issuer.user(A, "contractor-manager").contractor(C1).bearer(), "{}")
                .andExpect(status().isOk());
        // contractor staff without a contractor in their token are refused, not widened to the tenant
        read(get(ALERTS, A), issuer.user(A, "care-worker").bearer()).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("contractor-claim-missing"));
    }

    @Test
    void auditorsReadAlertsAndTheRosterButChangeNothing() throws Exception {
        String id = raise(A, anElder().in(mvc, A), adminA);
        String auditor = issuer.user(A, "auditor").bearer();
        read(get(ALERTS, A), auditor).andExpect(status().isOk());
        read(get(ONE, A, id), auditor).andExpect(status().isOk()).andExpect(jsonPath("$.alert.id").value(id));
        read(get(DUTIES, A), auditor).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(5));
        for (MockHttpServletRequestBuilder write : new MockHttpServletRequestBuilder[] { post(ALERTS, A),
                post(ONE + "/acknowledge", A, id), post(ONE + "/act", A, id), post(ONE + "/resolve", A, id),
                post(ONE + "/follow-up", A, id), post(DUTIES, A) }) {
            send(write, auditor, "{}").andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("access-denied"));
        }
        read(get(MINE, A), auditor).andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select status from t_450303.alert where id = ?::uuid", String.class, id))
                .isEqualTo("OPEN");
    }

    @ParameterizedTest(name = "{0} has no business with alerts")
    @ValueSource(strings = { "volunteer", "finance-officer", "platform-admin" })
    void volunteersFinanceAndThePlatformsOperatorsAreRefused(String role) throws Exception {
        UUID elder = anElder().in(mvc, A);
        String id = raise(A, elder, adminA);
        String bearer = "platform-admin".equals(role) ? issuer.platformAdmin().bearer() : issuer.user(A, role).bearer();
        for (MockHttpServletRequestBuilder r : new MockHttpServletRequestBuilder[] { get(ALERTS, A), get(ONE, A, id),
                get(DUTIES, A), get(MINE, A) }) {
            read(r, bearer).andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"));
        }
        for (String body : new String[] { raiseBody(elder, "FALL", null), "not json" }) {
            send(post(ALERTS, A), bearer, body).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("access-denied"));
            send(post(ONE + "/acknowledge", A, id), bearer, body).andExpect(status().isForbidden());
        }
    }

    @Test
    void theRosterIsTheBureausAndTakesOnlyMobileNumbersAndItsOwnAreas() throws Exception {
        String manager = issuer.user(A, "contractor-manager").contractor(C1).bearer();
        duty(mvc, manager, A, "GRID", "G3", "孙网格", "13900001111").andExpect(status().isForbidden());
        duty(mvc, adminA, A, "GRID", "G3", "孙网格", "0877-2021234").andExpect(status().is(422))
                .andExpect(jsonPath("$.code").value("duty-phone-invalid"));
        duty(mvc, adminA, A, "GRID", "G3", "孙网格", "12900001111").andExpect(status().is(422));
        duty(mvc, adminA, A, "GRID", "G9", "孙网格", "13900001111").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("duty-area-unknown"));
        duty(mvc, adminA, A, "STREET", "G3", "孙网格", "13900001111").andExpect(status().isBadRequest());
        duty(mvc, adminA, A, "DISTRICT", B, "孙网格", "13900001111").andExpect(status().isBadRequest());
        String created = duty(mvc, adminA, A, "GRID", "G3", "孙网格", "+86 139-0000-1111")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.phone").value("13900001111"))
                .andExpect(jsonPath("$.levelName").value("网格")).andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$.id");
        duty(mvc, adminA, A, "GRID", "G3", "孙网格", "13900001111").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("alert-duty-duplicate"));

        Map<String, Object> change = Map.of("level", "GRID", "areaCode", "G3", "name", "孙建国", "phone", "13900001112",
                "version", 0);
        send(put(DUTIES + "/{id}", B, id), adminB, json(change)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("alert-duty-not-found"));
        send(put(DUTIES + "/{id}", A, id), manager, json(change)).andExpect(status().isForbidden());
        send(put(DUTIES + "/{id}", A, id), adminA, json(change)).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("孙建国")).andExpect(jsonPath("$.version").value(1));
        send(put(DUTIES + "/{id}", A, id), adminA, json(change)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("alert-duty-modified"));
        read(get(DUTIES, A).param("level", "GRID").param("areaCode", "G3"), adminA).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1));
        read(delete(DUTIES + "/{id}", B, id), adminB).andExpect(status().isNotFound());
        read(delete(DUTIES + "/{id}", A, id), adminA).andExpect(status().isNoContent());
        read(get(DUTIES + "/{id}", A, id), adminA).andExpect(status().isNotFound());
    }
}
