package org.warmnest.tenant.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIdentityState;
import org.warmnest.platform.test.TestIssuer;
import org.warmnest.tenant.Api;

import com.jayway.jsonpath.JsonPath;

/**
 * Entrusted processing stops when the entrustment does (PIPL art. 21): once 元江县's bureau ends a contractor's
 * engagement, or deletes it, the contractor's staff are refused in the district at once, and every other service
 * is told on the engagement-changed channel.
 */
@ServiceTest
class EngagementEndIT {

    static final String DISTRICT = "530428";

    @Autowired
    MockMvc mvc;
    @Autowired
    TenantProvisioner provisioner;
    @Autowired
    Environment environment;

    final TestIssuer issuer = TestIssuer.get();

    @Test
    void staffOfAContractorWhoseEngagementEndedOrWasDeletedAreRefusedAndTheServicesAreTold() throws Exception {
        Api.provision(provisioner, "530400", DISTRICT);
        Api admin = Api.as(mvc, issuer.user(DISTRICT, "bureau-admin").bearer());
        String contractor = Api.id(admin.post("/contractors", """
                {"uscc":"52530427MJ0000095P","name":"元江县暖心社工服务中心","legalRepresentative":"李红"}""")
                .andExpect(status().isCreated()));
        String program = Api.id(admin.post("/tenants/{t}/programs", """
                {"name":"居家探访","startYear":2025,"endYear":2027,"districtCodes":["530428"]}""", DISTRICT)
                .andExpect(status().isCreated()));
        BlockingQueue<String> told = TestIdentityState.of(environment).subscribe("engagement-changed");
        String engagement = Api.id(admin.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530428","programId":"%s","startDate":"2025-03-01"}"""
                .formatted(contractor, program), DISTRICT).andExpect(status().isCreated()));
        assertThat(told.poll(5, TimeUnit.SECONDS)).isEqualTo(DISTRICT + ":" + contractor);

        Api worker = Api.as(mvc, issuer.user(DISTRICT, "care-worker").contractor(contractor).bearer());
        worker.get("/tenants/{t}/areas", DISTRICT).andExpect(status().isOk());
        worker.get("/tenants/{t}/engagements/{id}", DISTRICT, engagement).andExpect(status().isOk());
        // the services ask for one contractor's engagements with their own account
        Api service = Api.as(mvc, issuer.service("care-service").bearer());
        List<String> asked = JsonPath.read(Api.body(service.get("/tenants/{t}/engagements?contractorId={c}", DISTRICT,
                contractor).andExpect(status().isOk())), "$[*].id");
        assertThat(asked).containsExactly(engagement);

        admin.put("/tenants/{t}/engagements/{id}", """
                {"startDate":"2025-03-01","endDate":"2026-01-31","status":"ENDED"}""", DISTRICT, engagement)
                .andExpect(status().isOk());
        assertThat(told.poll(5, TimeUnit.SECONDS)).isEqualTo(DISTRICT + ":" + contractor);
        for (String path : List.of("/tenants/{t}/areas", "/tenants/{t}/engagements", "/tenants/{t}/programs")) {
            worker.get(path, DISTRICT).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("engagement-ended"));
        }
        Api manager = Api.as(mvc, issuer.user(DISTRICT, "contractor-manager").contractor(contractor).bearer());
        manager.get("/tenants/{t}/engagements/{id}", DISTRICT, engagement).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("engagement-ended"));

        admin.delete("/tenants/{t}/engagements/{id}", DISTRICT, engagement).andExpect(status().isNoContent());
        assertThat(told.poll(5, TimeUnit.SECONDS)).isEqualTo(DISTRICT + ":" + contractor);
        worker.inEnglish().get("/tenants/{t}/areas", DISTRICT).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("contractor-not-engaged"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(DISTRICT)));
        // the bureau itself is not a contractor: unaffected
        admin.get("/tenants/{t}/engagements", DISTRICT).andExpect(status().isOk());
    }
}
