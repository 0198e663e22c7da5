package org.warmnest.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Who may administer and read tenants, areas, programs, engagements and contractors; refusals come before the
 * request body is validated; and the tenant directory shows a city its districts and a district only itself.
 */
@ServiceTest
class AccessIT {

    static final String CITY = "530400";
    static final String DISTRICT = "530425"; // 易门县: no other test writes here
    static final String STREET = "{\"code\":\"530425100\",\"name\":\"龙泉街道\"}";
    static final String PROGRAM = "{\"name\":\"易门助老\",\"startYear\":2025,\"endYear\":2025,\"districtCodes\":[\"530425\"]}";
    static final String INVALID = "{\"code\":\"x\",\"name\":\"\",\"startYear\":1}";

    @Autowired
    MockMvc mvc;
    @Autowired
    TenantProvisioner provisioner;

    final TestIssuer issuer = TestIssuer.get();
    Api admin;

    @BeforeEach
    void tenants() {
        Api.provision(provisioner, CITY, DISTRICT);
        admin = Api.as(mvc, issuer.user(DISTRICT, "bureau-admin").bearer());
    }

    Api as(String role) {
        return Api.as(mvc, issuer.user(DISTRICT, role).bearer());
    }

    static void denied(ResultActions result) throws Exception {
        result.andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"));
    }

    String aStreet() throws Exception {
        String found = Api.body(admin.get("/tenants/{t}/streets", DISTRICT));
        List<String> ids = JsonPath.read(found, "$[?(@.code=='530425100')].id");
        return ids.isEmpty() ? Api.id(admin.post("/tenants/{t}/streets", STREET, DISTRICT)
                .andExpect(status().isCreated())) : ids.get(0);
    }

    String aProgram() throws Exception {
        List<String> ids = JsonPath.read(Api.body(admin.get("/tenants/{t}/programs", DISTRICT)),
                "$[?(@.name=='易门助老')].id");
        return ids.isEmpty() ? Api.id(admin.post("/tenants/{t}/programs", PROGRAM, DISTRICT)
                .andExpect(status().isCreated())) : ids.get(0);
    }

    @ParameterizedTest(name = "{0} administers nothing, whatever the body")
    @ValueSource(strings = { "auditor", "volunteer", "care-worker", "finance-officer", "contractor-manager" })
    void whoMayNotAdministerIsRefusedBeforeTheBodyIsValidated(String role) throws Exception {
        String street = aStreet();
        String program = aProgram();
        Api caller = as(role);
        for (String body : new String[] { STREET, INVALID, "not json" }) {
            denied(caller.post("/tenants", body));
            denied(caller.post("/tenants/{t}/streets", body, DISTRICT));
            denied(caller.put("/tenants/{t}/streets/{id}", body, DISTRICT, street));
            denied(caller.post("/tenants/{t}/communities", body, DISTRICT));
            denied(caller.post("/tenants/{t}/grids", body, DISTRICT));
            denied(caller.post("/tenants/{t}/programs", body, DISTRICT));
            denied(caller.put("/tenants/{t}/programs/{id}", body, DISTRICT, program));
            denied(caller.post("/tenants/{t}/engagements", body, DISTRICT));
            denied(caller.post("/contractors", body));
        }
        denied(caller.delete("/tenants/{t}/streets/{id}", DISTRICT, street));
        denied(caller.delete("/tenants/{t}/programs/{id}", DISTRICT, program));
        denied(caller.post("/tenants/{t}/suspend", "", DISTRICT));
        denied(caller.upload(DISTRICT, "areas.csv", "街道名称\n".getBytes(StandardCharsets.UTF_8), false));
        denied(caller.get("/tenants/{t}/areas/import/template", DISTRICT));
    }

    @Test
    void anAdministratorPostingAnInvalidBodyLearnsWhatIsWrong() throws Exception {
        for (String path : new String[] { "/tenants/{t}/streets", "/tenants/{t}/programs",
                "/tenants/{t}/engagements" }) {
            admin.post(path, INVALID, DISTRICT).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("validation-failed"))
                    .andExpect(jsonPath("$.traceId").isNotEmpty());
        }
        admin.post("/contractors", INVALID).andExpect(status().isBadRequest());
        admin.post("/tenants", "{}").andExpect(status().isBadRequest());
    }

    @Test
    void careWorkersReadTheirAreasProgramsAndEngagementsButNotTheTenantDirectory() throws Exception {
        aStreet();
        Api worker = as("care-worker");
        worker.get("/tenants/{t}/areas", DISTRICT).andExpect(status().isOk());
        worker.get("/tenants/{t}/programs", DISTRICT).andExpect(status().isOk());
        worker.get("/tenants/{t}/engagements", DISTRICT).andExpect(status().isOk());
        denied(worker.get("/tenants"));
        denied(worker.get("/tenants/{t}", DISTRICT));
    }

    @Test
    void volunteersReadNoneOfIt() throws Exception {
        String street = aStreet();
        Api volunteer = as("volunteer");
        denied(volunteer.get("/tenants"));
        denied(volunteer.get("/tenants/{t}/areas", DISTRICT));
        denied(volunteer.get("/tenants/{t}/streets/{id}", DISTRICT, street));
        denied(volunteer.get("/tenants/{t}/programs", DISTRICT));
        denied(volunteer.get("/tenants/{t}/engagements", DISTRICT));
        denied(volunteer.get("/contractors"));
    }

    @Test
    void financeReadsProgramsEngagementsAndContractorsButNotAreas() throws Exception {
        Api finance = as("finance-officer");
        finance.get("/tenants/{t}/programs", DISTRICT).andExpect(status().isOk());
        finance.get("/tenants/{t}/engagements", DISTRICT).andExpect(status().isOk());
        finance.get("/contractors").andExpect(status().isOk());
        denied(finance.get("/tenants/{t}/areas", DISTRICT));
    }

    @Test
    void theDirectoryShowsACityItsDistrictsAndADistrictOnlyItself() throws Exception {
        Api.provision(provisioner, "530100", "530102");
        List<String> city = JsonPath.read(Api.body(Api.as(mvc, issuer.user(CITY, "auditor").bearer())
                .get("/tenants").andExpect(status().isOk())), "$[*].code");
        assertThat(city).contains(CITY, DISTRICT).allMatch(code -> code.startsWith("5304"));
        List<String> district = JsonPath.read(Api.body(as("auditor").get("/tenants").andExpect(status().isOk())),
                "$[*].code");
        assertThat(district).containsExactly(DISTRICT);
        as("auditor").get("/tenants/{t}", CITY).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
        Api.as(mvc, issuer.user(CITY, "auditor").bearer()).get("/tenants/{t}", "530102")
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
    }
}
