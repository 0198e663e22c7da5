package org.warmnest.billing.allocation;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.allocation.AllocationJson.anAllocation;
import static org.warmnest.billing.allocation.AllocationJson.anAmendment;
import static org.warmnest.billing.allocation.BillingTenants.A;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Who may touch the fund, judged before the request body is even read: a caller who may not write learns
 * nothing from validation; one who may gets the validation errors.
 */
@ServiceTest
class AllocationAccessIT {

    private static final String ALLOCATIONS = "/api/billing/v1/tenants/{t}/allocations";

    @Autowired
    MockMvc mvc;

    final TestIssuer issuer = TestIssuer.get();
    final String finance = issuer.user(A, "finance-officer").bearer();

    @BeforeEach
    void tenants(@Autowired TenantProvisioner provisioner) {
        BillingTenants.activate(provisioner, A);
    }

    ResultActions post(String path, String bearer, String json, Object... vars) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path, vars)
                .header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    static void denied(ResultActions result) throws Exception {
        result.andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"))
                .andExpect(jsonPath("$.traceId").isNotEmpty());
    }

    String anAllocationId() throws Exception {
        return JsonPath.read(post(ALLOCATIONS, finance, anAllocation().json(), A).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
    }

    @ParameterizedTest(name = "{0} may not write")
    @ValueSource(strings = { "auditor", "volunteer", "care-worker", "contractor-manager", "bureau-admin" })
    void whoMayNotWriteIsRefusedWhateverTheBody(String role) throws Exception {
        String id = anAllocationId();
        String bearer = issuer.user(A, role).bearer();
        denied(post(ALLOCATIONS, bearer, anAllocation().json(), A));
        denied(post(ALLOCATIONS, bearer, "{\"amount\":\"-1\"}", A)); // invalid: still 403, not 400
        denied(post(ALLOCATIONS, bearer, "not json", A)); // unreadable: still 403
        denied(post(ALLOCATIONS + "/{id}/amendments", bearer, anAmendment().json(), A, id));
        denied(post(ALLOCATIONS + "/{id}/amendments", bearer, "{}", A, id));
    }

    @Test
    void aFinanceOfficerPostingAnInvalidBodyLearnsWhatIsWrong() throws Exception {
        post(ALLOCATIONS, finance, "{\"amount\":\"-1\"}", A).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.traceId").isNotEmpty());
        post(ALLOCATIONS + "/{id}/amendments", finance, "{}", A, anAllocationId()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"));
    }

    @ParameterizedTest(name = "{0} may not read the fund")
    @ValueSource(strings = { "volunteer", "care-worker", "contractor-manager" })
    void volunteersAndContractorStaffDoNotSeeTheFund(String role) throws Exception {
        String id = anAllocationId();
        String bearer = issuer.user(A, role).bearer();
        denied(mvc.perform(get(ALLOCATIONS, A).header("Authorization", bearer)));
        denied(mvc.perform(get(ALLOCATIONS + "/{id}", A, id).header("Authorization", bearer)));
    }
}
