package org.warmnest.tenant.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;
import org.warmnest.tenant.Api;

import com.jayway.jsonpath.JsonPath;

/**
 * Two contractors engaged in the same district: each one's staff see their own contractor's engagements and
 * registry entry only. Another contractor's record is answered 404, exactly as one that does not exist, so its
 * id tells nothing.
 */
@ServiceTest
class ContractorScopeIT {

    static final String DISTRICT = "530426";
    static final String USCC_A = "52530402MJ00000914";
    static final String USCC_B = "52530402MJ00000927";

    @Autowired
    MockMvc mvc;
    @Autowired
    TenantProvisioner provisioner;

    final TestIssuer issuer = TestIssuer.get();
    Api admin;
    static String contractorA;
    static String contractorB;
    static String engagementA;
    static String engagementB;

    @BeforeEach
    void twoContractorsEngaged() throws Exception {
        Api.provision(provisioner, "530400", DISTRICT);
        admin = Api.as(mvc, issuer.user(DISTRICT, "bureau-admin").bearer());
        if (contractorA != null) {
            return;
        }
        contractorA = register(USCC_A, "易门县甲社工服务中心");
        contractorB = register(USCC_B, "易门县乙社工服务中心");
        String program = Api.id(admin.post("/tenants/{t}/programs", """
                {"name":"两家承接","startYear":2025,"endYear":2026,"districtCodes":["530426"]}""", DISTRICT)
                .andExpect(status().isCreated()));
        engagementA = engage(contractorA, program);
        engagementB = engage(contractorB, program);
    }

    String register(String uscc, String name) throws Exception {
        return Api.id(admin.post("/contractors", """
                {"uscc":"%s","name":"%s","legalRepresentative":"周敏"}""".formatted(uscc, name))
                .andExpect(status().isCreated()));
    }

    String engage(String contractor, String program) throws Exception {
        return Api.id(admin.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530426","programId":"%s","startDate":"2025-03-01"}"""
                .formatted(contractor, program), DISTRICT).andExpect(status().isCreated()));
    }

    Api staffOf(String contractor, String role) {
        return Api.as(mvc, issuer.user(DISTRICT, role).contractor(contractor).bearer());
    }

    @Test
    void contractorStaffSeeTheirOwnContractorsEngagementsOnly() throws Exception {
        for (String role : new String[] { "contractor-manager", "care-worker" }) {
            Api a = staffOf(contractorA, role);
            List<String> seen = JsonPath.read(Api.body(a.get("/tenants/{t}/engagements", DISTRICT)
                    .andExpect(status().isOk())), "$[*].id");
            assertThat(seen).containsExactly(engagementA);
            a.get("/tenants/{t}/engagements/{id}", DISTRICT, engagementA).andExpect(status().isOk())
                    .andExpect(jsonPath("$.contractorId").value(contractorA));
            a.get("/tenants/{t}/engagements/{id}", DISTRICT, engagementB).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("engagement-not-found"));
        }
        // and the bureau sees both
        List<String> all = JsonPath.read(Api.body(admin.get("/tenants/{t}/engagements", DISTRICT)), "$[*].id");
        assertThat(all).contains(engagementA, engagementB);
    }

    @Test
    void contractorStaffReadTheirOwnContractorsRegistryEntryOnly() throws Exception {
        for (String role : new String[] { "contractor-manager", "care-worker" }) {
            Api a = staffOf(contractorA, role);
            a.get("/contractors/{id}", contractorA).andExpect(status().isOk())
                    .andExpect(jsonPath("$.uscc").value(USCC_A));
            a.get("/contractors/{id}", contractorB).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("contractor-not-found"));
            a.get("/contractors").andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1))
                    .andExpect(jsonPath("$.items[0].id").value(contractorA));
            a.get("/contractors?uscc={u}", USCC_B).andExpect(jsonPath("$.total").value(0))
                    .andExpect(jsonPath("$.items").isEmpty());
            a.get("/contractors?name={n}", "乙").andExpect(jsonPath("$.total").value(0));
            a.get("/contractors?page=1").andExpect(jsonPath("$.items").isEmpty())
                    .andExpect(jsonPath("$.total").value(1));
        }
        admin.get("/contractors?uscc={u}", USCC_B).andExpect(jsonPath("$.total").value(1));
    }
}
