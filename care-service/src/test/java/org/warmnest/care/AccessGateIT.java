package org.warmnest.care;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

/**
 * Every way a request can fail to reach a tenant's data: no or bad token, no tenant, a malformed or
 * foreign tenant, a tenant that is not active. Each is a problem response with a stable code.
 */
@ServiceTest
class AccessGateIT {

    /** Contractor staff always carry their contractor (care-service refuses them otherwise). */
    static final String CONTRACTOR = "99999999-9999-9999-9999-999999999999";

    static final String ACTIVE = "530402";
    static final String OTHER = "530423";
    static final String PROVISIONING = "530424";
    static final String SUSPENDED = "530427";
    static final String ARCHIVED = "530425";
    static boolean ready;

    @Autowired
    MockMvc mvc;

    final TestIssuer issuer = TestIssuer.get();

    @Autowired
    void tenants(TenantProvisioner provisioner) {
        if (ready) {
            return;
        }
        for (String code : new String[] { ACTIVE, OTHER, PROVISIONING, SUSPENDED, ARCHIVED }) {
            provisioner.provision(TenantCode.of(code), TenantCode.of("530400"), code);
        }
        provisioner.registry().setStatus(TenantCode.of(ACTIVE), TenantStatus.ACTIVE);
        provisioner.registry().setStatus(TenantCode.of(OTHER), TenantStatus.ACTIVE);
        provisioner.registry().setStatus(TenantCode.of(SUSPENDED), TenantStatus.SUSPENDED);
        provisioner.registry().setStatus(TenantCode.of(ARCHIVED), TenantStatus.ARCHIVED);
        ready = true;
    }

    ResultActions volunteers(String tenant, String bearer) throws Exception {
        var request = get("/api/care/v1/tenants/{t}/volunteers", tenant);
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return mvc.perform(request);
    }

    static void isProblem(ResultActions result, int status, String code) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.type").value("urn:warmnest:problem:" + code))
                .andExpect(jsonPath("$.title").isNotEmpty());
    }

    @Test
    void aValidTokenForTheTenantIsServed() throws Exception {
        volunteers(ACTIVE, issuer.user(ACTIVE, "care-worker").contractor(CONTRACTOR).bearer())
                .andExpect(status().isOk());
        volunteers(ACTIVE, issuer.user("530400", "auditor").bearer()).andExpect(status().isOk());
        volunteers(ACTIVE, issuer.platformAdmin().bearer()).andExpect(status().isOk());
    }

    @Test
    void tokensThatMustNotPass() throws Exception {
        isProblem(volunteers(ACTIVE, null), 401, "unauthenticated");
        volunteers(ACTIVE, null).andExpect(header().string("WWW-Authenticate", "Bearer"));
        isProblem(volunteers(ACTIVE, "Bearer not-a-jwt"), 401, "token-invalid");
        isProblem(volunteers(ACTIVE, issuer.user(ACTIVE, "care-worker").expiredAgo(Duration.ofMinutes(2)).bearer()),
                401, "token-invalid");
        isProblem(volunteers(ACTIVE, issuer.user(ACTIVE, "care-worker").issuer("http://evil.example/realms/warmnest")
                .bearer()), 401, "token-invalid");
        isProblem(volunteers(ACTIVE, issuer.user(ACTIVE, "care-worker").audience("another-api").bearer()), 401,
                "token-invalid");
        isProblem(volunteers(ACTIVE, issuer.user(ACTIVE, "care-worker").forged().bearer()), 401, "token-invalid");
        isProblem(volunteers(ACTIVE, issuer.user(ACTIVE, "care-worker").hmacSigned().bearer()), 401, "token-invalid");
        String unsigned = issuer.user(ACTIVE, "platform-admin").token();
        String[] parts = unsigned.split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";
        isProblem(volunteers(ACTIVE, "Bearer " + none), 401, "token-invalid");
        isProblem(volunteers(ACTIVE, issuer.user(ACTIVE, "care-worker").withoutExpiry().bearer()), 401,
                "token-invalid");
        isProblem(volunteers(ACTIVE, issuer.user(ACTIVE, "care-worker").claim("typ", "ID").bearer()), 401,
                "token-invalid");
        isProblem(volunteers(ACTIVE, issuer.user(ACTIVE, "care-worker").contractor("not-a-uuid").bearer()), 403,
                "contractor-claim-invalid");
    }

    @Test
    void anEncodedPathIsJudgedAsTheHandlerWillSeeIt() throws Exception {
        String worker = issuer.user(ACTIVE, "care-worker").bearer();
        isProblem(mvc.perform(get(java.net.URI.create("/%61pi/care/v1/tenants/" + OTHER + "/volunteers")).header("Authorization", worker)),
                403, "tenant-out-of-scope");
        isProblem(mvc.perform(get(java.net.URI.create("/api/care/v1/tenants/%35%33%30%34%32%33/volunteers")).header("Authorization",
                worker)), 403, "tenant-out-of-scope");
        isProblem(mvc.perform(get("/nothing/here").header("Authorization", worker)), 400, "tenant-required");
    }

    @Test
    void theTenantMustBeNamedValidAndInScope() throws Exception {
        String worker = issuer.user(ACTIVE, "care-worker").bearer();
        isProblem(mvc.perform(get("/api/care/v1/volunteers").header("Authorization", worker)), 400, "tenant-required");
        isProblem(volunteers("53040", worker), 400, "tenant-code-invalid");
        isProblem(volunteers("530000", worker), 400, "tenant-code-invalid");
        isProblem(volunteers("t_530402", worker), 400, "tenant-code-invalid");
        isProblem(volunteers(OTHER, worker), 403, "tenant-out-of-scope");
        isProblem(volunteers("530400", worker), 403, "tenant-out-of-scope");
        isProblem(volunteers(ACTIVE, issuer.user("220100", "bureau-admin").bearer()), 403, "tenant-out-of-scope");
        isProblem(volunteers(ACTIVE, issuer.user(null, "bureau-admin").bearer()), 403, "tenant-claim-missing");
    }

    @Test
    void onlyActiveTenantsAreServed() throws Exception {
        String admin = issuer.platformAdmin().bearer();
        isProblem(volunteers("530426", admin), 404, "tenant-not-found");
        isProblem(volunteers(PROVISIONING, admin), 409, "tenant-not-ready");
        isProblem(volunteers(SUSPENDED, admin), 403, "tenant-suspended");
        isProblem(volunteers(ARCHIVED, admin), 410, "tenant-archived");
    }

    @Test
    void internalEndpointsTakeOnlyServiceAccounts() throws Exception {
        String body = "{\"status\":\"SUSPENDED\"}";
        isProblem(mvc.perform(put("/internal/v1/provisioning/tenants/{t}/status", OTHER)
                .header("Authorization", issuer.platformAdmin().bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(body)), 403, "access-denied");
        isProblem(mvc.perform(put("/internal/v1/provisioning/tenants/{t}/status", OTHER)
                .contentType(MediaType.APPLICATION_JSON).content(body)), 401, "unauthenticated");
        // only tenant-service's client provisions: another service's account is refused, whatever it asks
        for (String other : new String[] { "billing-service", "care-service" }) {
            String token = issuer.service(other).bearer();
            isProblem(mvc.perform(put("/internal/v1/provisioning/tenants/{t}/status", OTHER)
                    .header("Authorization", token).contentType(MediaType.APPLICATION_JSON).content(body)), 403,
                    "provisioning-caller-denied");
            isProblem(mvc.perform(put("/internal/v1/provisioning/tenants/{t}", "530199")
                    .header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"x\"}")), 403, "provisioning-caller-denied");
            isProblem(mvc.perform(get("/internal/v1/provisioning/tenants/{t}", OTHER)
                    .header("Authorization", token)), 403, "provisioning-caller-denied");
        }
        // a service account suspends: the tenant's traffic stops at once, and resumes when re-activated
        String service = issuer.service("tenant-service").bearer();
        mvc.perform(put("/internal/v1/provisioning/tenants/{t}/status", OTHER).header("Authorization", service)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SUSPENDED"));
        isProblem(volunteers(OTHER, issuer.user(OTHER, "care-worker").bearer()), 403, "tenant-suspended");
        mvc.perform(put("/internal/v1/provisioning/tenants/{t}/status", OTHER).header("Authorization", service)
                .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"ACTIVE\"}"))
                .andExpect(status().isOk());
        volunteers(OTHER, issuer.user(OTHER, "care-worker").contractor(CONTRACTOR).bearer())
                .andExpect(status().isOk());
    }

    @Test
    void problemsSpeakChineseByDefaultAndEnglishOnRequest() throws Exception {
        String worker = issuer.user(ACTIVE, "care-worker").bearer();
        volunteers(OTHER, worker).andExpect(jsonPath("$.title").value("超出您的租户范围"));
        mvc.perform(get("/api/care/v1/tenants/{t}/volunteers", OTHER).header("Authorization", worker)
                .header("Accept-Language", "en-US,en;q=0.9"))
                .andExpect(jsonPath("$.title").value("Tenant outside your scope"));
        String manager = issuer.user(ACTIVE, "contractor-manager").bearer();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/care/v1/tenants/{t}/volunteers", ACTIVE).header("Authorization", manager)
                .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"\",\"phone\":\"123\",\"kind\":\"VOLUNTEER\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("name", "phone")))
                .andExpect(jsonPath("$.errors[?(@.field=='name')].code").value("NotBlank"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/care/v1/tenants/{t}/volunteers", ACTIVE).header("Authorization", manager)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("malformed-request"))
                .andExpect(jsonPath("$.detail", Matchers.not(Matchers.containsString("Exception"))));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/care/v1/tenants/{t}/volunteers", ACTIVE).header("Authorization", worker)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"王芳\",\"kind\":\"VOLUNTEER\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"));
    }
}
