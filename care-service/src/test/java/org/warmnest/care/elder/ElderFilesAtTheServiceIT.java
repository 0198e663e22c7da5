package org.warmnest.care.elder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.elder.AnElder.anElder;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.warmnest.care.TenantServiceStub;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.EngagementStubs;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIdentityState;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * A token sent straight to care-service, past the gateway, is held to the same state: a disabled user's token,
 * a suspended tenant, and contractor staff whose contractor is no longer engaged are refused on every kind of
 * request (list, read, full read of the ID number, write), whatever the service's own registry says.
 */
@ServiceTest
class ElderFilesAtTheServiceIT {

    static final String CITY = "532300"; // 楚雄州: apart from the districts other tests count
    static final String D = "532301";
    static final String BASE = "/api/care/v1/tenants/{t}/elders";

    @Autowired
    MockMvc mvc;
    @Autowired
    Environment environment;

    final TestIssuer issuer = TestIssuer.get();
    TestIdentityState state;
    String contractor;
    String worker;
    String subject;
    String elder;
    AnElder file;

    @BeforeEach
    void anElderEntrustedToAContractor(@Autowired TenantProvisioner provisioner) throws Exception {
        provisioner.provision(TenantCode.of(D), TenantCode.of(CITY), D);
        provisioner.registry().setStatus(TenantCode.of(D), TenantStatus.ACTIVE);
        TenantServiceStub.areas(D, "G01");
        state = TestIdentityState.of(environment);
        contractor = UUID.randomUUID().toString();
        subject = "worker-" + UUID.randomUUID();
        worker = issuer.user(D, "care-worker").contractor(contractor).subject(subject).bearer();
        file = anElder().named("白玉珍").entrustedTo(contractor);
        String body = mvc.perform(post(BASE, D).header("Authorization", issuer.user(D, "bureau-admin").bearer())
                .contentType(MediaType.APPLICATION_JSON).content(file.json())).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        elder = JsonPath.read(body, "$.id");
    }

    /** The four kinds of request: list, read, full read of the sensitive data, write. */
    List<MockHttpServletRequestBuilder> everyKind() {
        return List.of(get(BASE, D), get(BASE + "/{id}", D, elder),
                post(BASE + "/{id}/sensitive-data", D, elder).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"核对身份\"}"),
                put(BASE + "/{id}", D, elder).contentType(MediaType.APPLICATION_JSON)
                        .content(anElder().named("白玉珍").sameIdAs(file).entrustedTo(contractor).version(0).json()));
    }

    void expectEach(String bearer, ResultMatcher status, String code) throws Exception {
        for (MockHttpServletRequestBuilder request : everyKind()) {
            mvc.perform(request.header("Authorization", bearer)).andExpect(status)
                    .andExpect(jsonPath("$.code").value(code));
        }
    }

    @Test
    void aDisabledUsersTokenIsRefusedAtTheServiceAndANewOneAfterReEnablingPasses() throws Exception {
        mvc.perform(get(BASE + "/{id}", D, elder).header("Authorization", worker)).andExpect(status().isOk());
        state.revoke(subject, Instant.now());
        expectEach(worker, status().isUnauthorized(), "token-revoked");
        // also on the internal API, before its role is judged
        mvc.perform(get("/internal/v1/tenants/{t}/billable-records", D).param("contractorId", contractor)
                .header("Authorization", worker)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("token-revoked"));
        // a token issued after the revocation (the user was enabled again and signed in) passes
        state.revoke(subject, Instant.now().minusSeconds(60));
        mvc.perform(get(BASE + "/{id}", D, elder).header("Authorization", worker)).andExpect(status().isOk());
    }

    @Test
    void aSuspendedTenantIsRefusedAtTheServiceBeforeItsRegistryHearsOfIt() throws Exception {
        String bureau = issuer.user(D, "bureau-admin").bearer();
        try {
            state.tenant(D, "SUSPENDED");
            expectEach(bureau, status().isForbidden(), "tenant-suspended");
            expectEach(worker, status().isForbidden(), "tenant-suspended");
            // a city user acting on the suspended district: refused by the path's tenant
            mvc.perform(get(BASE, D).header("Authorization", issuer.user(CITY, "bureau-admin").bearer()))
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("tenant-suspended"));
        } finally {
            state.tenant(D, "ACTIVE");
        }
        mvc.perform(get(BASE + "/{id}", D, elder).header("Authorization", bureau)).andExpect(status().isOk());
    }

    @Test
    void whileTheStateCannotBeTrustedEveryAuthenticatedRequestIsRefused() throws Exception {
        try {
            state.unsynced();
            expectEach(issuer.user(D, "bureau-admin").bearer(), status().isServiceUnavailable(),
                    "identity-state-unavailable");
        } finally {
            state.synced();
        }
        // probes stay open
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
    }

    @Test
    void contractorStaffAreRefusedOnceTheEngagementEndsOrIsDeleted() throws Exception {
        for (MockHttpServletRequestBuilder request : everyKind()) {
            mvc.perform(request.header("Authorization", worker)).andExpect(status().is2xxSuccessful());
        }
        UUID id = UUID.fromString(contractor);
        EngagementStubs.ended(TenantServiceStub.server(), D, id);
        expectEach(worker, status().isForbidden(), "engagement-ended");
        String manager = issuer.user(D, "contractor-manager").contractor(contractor).bearer();
        mvc.perform(get(BASE, D).header("Authorization", manager)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("engagement-ended"));
        EngagementStubs.none(TenantServiceStub.server(), D, id);
        expectEach(worker, status().isForbidden(), "contractor-not-engaged");
        // the bureau, the file's controller, keeps it
        mvc.perform(get(BASE + "/{id}", D, elder).header("Authorization", issuer.user(D, "bureau-admin").bearer()))
                .andExpect(status().isOk());
        // tenant-service not answering: refused, never let through
        EngagementStubs.down(TenantServiceStub.server(), D, id);
        expectEach(worker, status().isServiceUnavailable(), "engagements-unavailable");
    }
}
