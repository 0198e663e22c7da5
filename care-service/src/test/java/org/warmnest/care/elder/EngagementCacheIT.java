package org.warmnest.care.elder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.care.TenantServiceStub;
import org.warmnest.platform.security.TenantServiceEngagements;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.EngagementStubs;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIdentityState;
import org.warmnest.platform.test.TestIssuer;

/**
 * A contractor's engagement is kept for a while (here the production default, 30 s), and dropped at once when
 * tenant-service says on Redis that it changed: the staff of a contractor whose engagement ended are refused with
 * the next request, not half a minute later.
 */
@ServiceTest
@TestPropertySource(properties = "warmnest.contractor-scope.cache-ttl=30s")
class EngagementCacheIT {

    static final String D = "530481";

    @Autowired
    MockMvc mvc;
    @Autowired
    Environment environment;

    @Test
    void theKeptEngagementIsDroppedWhenTenantServiceSaysItChanged(@Autowired TenantProvisioner provisioner)
            throws Exception {
        provisioner.provision(TenantCode.of(D), TenantCode.of("530400"), D);
        provisioner.registry().setStatus(TenantCode.of(D), TenantStatus.ACTIVE);
        UUID contractor = UUID.randomUUID();
        String worker = TestIssuer.get().user(D, "care-worker").contractor(contractor.toString()).bearer();
        mvc.perform(get("/api/care/v1/tenants/{t}/elders", D).header("Authorization", worker))
                .andExpect(status().isOk());
        EngagementStubs.ended(TenantServiceStub.server(), D, contractor);
        // kept: tenant-service is not asked again
        mvc.perform(get("/api/care/v1/tenants/{t}/elders", D).header("Authorization", worker))
                .andExpect(status().isOk());
        TestIdentityState.of(environment).publish(TenantServiceEngagements.CHANNEL, D + ":" + contractor);
        int status = 0;
        for (int i = 0; i < 50 && status != 403; i++) {
            Thread.sleep(100);
            status = mvc.perform(get("/api/care/v1/tenants/{t}/elders", D).header("Authorization", worker))
                    .andReturn().getResponse().getStatus();
        }
        assertThat(status).as("refused once the change is told").isEqualTo(403);
    }
}
