package org.warmnest.care.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.assessment.AssessmentFixtures.ASSESSMENTS;
import static org.warmnest.care.assessment.AssessmentFixtures.CORRECTIONS;
import static org.warmnest.care.assessment.AssessmentFixtures.DUE;
import static org.warmnest.care.assessment.AssessmentFixtures.ONE;
import static org.warmnest.care.assessment.AssessmentFixtures.aCorrection;
import static org.warmnest.care.assessment.AssessmentFixtures.anAssessment;
import static org.warmnest.care.assessment.AssessmentFixtures.anElder;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
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
 * An assessment written in one tenant cannot be read, corrected or listed from another; contractor staff reach
 * only their own contractor's elders' assessments; who may not assess is refused before the body is read.
 */
@ServiceTest
class AssessmentIsolationIT {

    static final String A = "320506";
    static final String B = "320507";
    static final String C1 = "11111111-1111-1111-1111-111111111111";
    static final String C2 = "22222222-2222-2222-2222-222222222222";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            AssessmentFixtures.provision(provisioner, "320500", A, B);
            provisioned = true;
        }
    }

    ResultActions send(MockHttpServletRequestBuilder request, String bearer, String json) throws Exception {
        return mvc.perform(request.header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    ResultActions read(MockHttpServletRequestBuilder request, String bearer) throws Exception {
        return mvc.perform(request.header("Authorization", bearer));
    }

    String record(String tenant, UUID elder, String bearer) throws Exception {
        return JsonPath.read(send(post(ASSESSMENTS, tenant, elder), bearer, anAssessment().scoring(60).json())
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    @Test
    void anAssessmentInOneTenantIsInvisibleAndUnchangeableFromAnother() throws Exception {
        String adminA = issuer.user(A, "bureau-admin").bearer();
        String adminB = issuer.user(B, "bureau-admin").bearer();
        UUID elder = anElder().in(mvc, A);
        String id = record(A, elder, adminA);

        read(get(ASSESSMENTS, B, elder), adminB).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("elder-not-found"));
        read(get(ONE, B, elder, id), adminB).andExpect(status().isNotFound());
        send(post(ASSESSMENTS, B, elder), adminB, anAssessment().json()).andExpect(status().isNotFound());
        send(post(CORRECTIONS, B, elder, id), adminB, aCorrection().json()).andExpect(status().isNotFound());
        read(get(DUE, B), adminB).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.elderId=='" + elder + "')]").isEmpty());
        // B's user naming A's tenant is refused before any query
        read(get(ONE, A, elder, id), adminB).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
        send(post(CORRECTIONS, A, elder, id), adminB, aCorrection().json()).andExpect(status().isForbidden());

        assertThat(jdbc.queryForObject("select count(*) from t_320507.assessment", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select status from t_320506.assessment where id = ?::uuid", String.class, id))
                .isEqualTo("COMPLETED");
        read(get(ONE, A, elder, id), adminA).andExpect(status().isOk()).andExpect(jsonPath("$.total").value(60));
    }

    @Test
    void contractorStaffReachOnlyTheirContractorsEldersAssessments() throws Exception {
        String worker1 = issuer.user(A, "care-worker").contractor(C1).bearer();
        String manager2 = issuer.user(A, "contractor-manager").contractor(C2).bearer();
        UUID elder = anElder().ofContractor(C1).in(mvc, A);
        String id = JsonPath.read(send(post(ASSESSMENTS, A, elder), worker1, anAssessment().json())
                .andExpect(status().isCreated()).andExpect(jsonPath("$.contractorId").value(C1))
                .andReturn().getResponse().getContentAsString(), "$.id");

        read(get(ASSESSMENTS, A, elder), manager2).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("elder-not-found"));
        read(get(ONE, A, elder, id), manager2).andExpect(status().isNotFound());
        send(post(ASSESSMENTS, A, elder), manager2, anAssessment().json()).andExpect(status().isNotFound());
        send(post(CORRECTIONS, A, elder, id), manager2, aCorrection().json()).andExpect(status().isNotFound());
        assertThat(jdbc.queryForObject("select count(*) from t_320506.assessment where elder_id = ?", Long.class,
                elder)).isEqualTo(1);

        read(get(ASSESSMENTS, A, elder), worker1).andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1));
        read(get(ONE, A, elder, id), issuer.user(A, "auditor").bearer()).andExpect(status().isOk());
    }

    @ParameterizedTest(name = "{0} may not assess")
    @ValueSource(strings = { "auditor", "volunteer", "finance-officer", "platform-admin" })
    void whoMayNotAssessIsRefusedBeforeTheBodyIsValidated(String role) throws Exception {
        UUID elder = anElder().in(mvc, A);
        String id = record(A, elder, issuer.user(A, "bureau-admin").bearer());
        String bearer = "platform-admin".equals(role) ? issuer.platformAdmin().bearer() : issuer.user(A, role).bearer();
        for (String body : new String[] { anAssessment().json(), "{\"items\":{\"STAIRS\":9}}", "not json" }) {
            send(post(ASSESSMENTS, A, elder), bearer, body).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("access-denied"));
            send(post(CORRECTIONS, A, elder, id), bearer, body).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("access-denied"));
        }
    }

    @ParameterizedTest(name = "{0} may not read assessments")
    @ValueSource(strings = { "volunteer", "finance-officer" })
    void volunteersAndFinanceDoNotReadAssessments(String role) throws Exception {
        UUID elder = anElder().in(mvc, A);
        String id = record(A, elder, issuer.user(A, "bureau-admin").bearer());
        String bearer = issuer.user(A, role).bearer();
        for (MockHttpServletRequestBuilder r : new MockHttpServletRequestBuilder[] { get(ASSESSMENTS, A, elder),
                get(ONE, A, elder, id), get(DUE, A) }) {
            read(r, bearer).andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"));
        }
    }
}
