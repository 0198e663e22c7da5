package org.warmnest.care;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Who may read and change the volunteer registry, judged before the request body is read; and the city level
 * reads only the city's own districts.
 */
@ServiceTest
class VolunteerAccessIT {

    static final String CITY = "530400";
    static final String A = "530402";
    static final String OTHER_CITY = "530100";
    static final String OTHER_CITYS_DISTRICT = "530102";
    static final String VOLUNTEERS = "/api/care/v1/tenants/{t}/volunteers";
    static final String VALID = "{\"name\":\"孙梅\",\"kind\":\"VOLUNTEER\"}";
    static final String INVALID = "{\"name\":\"\",\"phone\":\"12\"}";

    @Autowired
    MockMvc mvc;

    final TestIssuer issuer = TestIssuer.get();
    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (provisioned) {
            return;
        }
        for (String[] t : new String[][] { { CITY, null }, { A, CITY }, { OTHER_CITY, null },
                { OTHER_CITYS_DISTRICT, OTHER_CITY } }) {
            provisioner.provision(TenantCode.of(t[0]), t[1] == null ? null : TenantCode.of(t[1]), t[0]);
            provisioner.registry().setStatus(TenantCode.of(t[0]), TenantStatus.ACTIVE);
        }
        provisioned = true;
    }

    ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            String bearer, String json) throws Exception {
        return mvc.perform(request.header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    static void denied(ResultActions result) throws Exception {
        result.andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"));
    }

    String aVolunteer() throws Exception {
        return JsonPath.read(send(post(VOLUNTEERS, A), issuer.user(A, "bureau-admin").bearer(), VALID)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    @ParameterizedTest(name = "{0} may not write")
    @ValueSource(strings = { "auditor", "volunteer", "care-worker", "finance-officer" })
    void whoMayNotWriteIsRefusedBeforeTheBodyIsValidated(String role) throws Exception {
        String id = aVolunteer();
        String bearer = issuer.user(A, role).bearer();
        for (String body : new String[] { VALID, INVALID, "not json" }) {
            denied(send(post(VOLUNTEERS, A), bearer, body));
            denied(send(put(VOLUNTEERS + "/{id}", A, id), bearer, body));
        }
        denied(mvc.perform(delete(VOLUNTEERS + "/{id}", A, id).header("Authorization", bearer)));
    }

    @Test
    void aContractorManagerPostingAnInvalidBodyLearnsWhatIsWrong() throws Exception {
        send(post(VOLUNTEERS, A), issuer.user(A, "contractor-manager").bearer(), INVALID)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("validation-failed"));
    }

    @ParameterizedTest(name = "{0} may not read the registry")
    @ValueSource(strings = { "volunteer", "finance-officer" })
    void volunteersAndFinanceDoNotReadTheRegistry(String role) throws Exception {
        String id = aVolunteer();
        String bearer = issuer.user(A, role).bearer();
        denied(mvc.perform(get(VOLUNTEERS, A).header("Authorization", bearer)));
        denied(mvc.perform(get(VOLUNTEERS + "/{id}", A, id).header("Authorization", bearer)));
        denied(mvc.perform(get(VOLUNTEERS + "/by-district", CITY).header("Authorization",
                issuer.user(CITY, role).bearer())));
    }

    @Test
    void aCityReadsItsOwnDistrictsOnlyAndNoOtherCityReadsThem() throws Exception {
        mvc.perform(get(VOLUNTEERS + "/by-district", CITY).header("Authorization",
                issuer.user(CITY, "auditor").bearer())).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.district=='" + A + "')]").isNotEmpty())
                .andExpect(jsonPath("$[?(@.district=='" + OTHER_CITYS_DISTRICT + "')]").isEmpty());
        mvc.perform(get(VOLUNTEERS + "/by-district", CITY).header("Authorization",
                issuer.user(OTHER_CITY, "bureau-admin").bearer())).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
        mvc.perform(get(VOLUNTEERS, A).header("Authorization", issuer.user(OTHER_CITY, "bureau-admin").bearer()))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
    }
}
