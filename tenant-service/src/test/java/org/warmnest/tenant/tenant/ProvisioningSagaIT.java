package org.warmnest.tenant.tenant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

/**
 * The provisioning saga against stand-ins for care-service and billing-service that are up, down, slow,
 * failing, and then recover.
 */
@ServiceTest
class ProvisioningSagaIT {

    static final WireMockServer care = new WireMockServer(options().dynamicPort().templatingEnabled(true));
    static final WireMockServer billing = new WireMockServer(options().dynamicPort().templatingEnabled(true));

    static {
        care.start();
        billing.start();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("warmnest.provisioning.care-url", care::baseUrl);
        registry.add("warmnest.provisioning.billing-url", billing::baseUrl);
        registry.add("warmnest.provisioning.poll-interval", () -> "100ms");
        registry.add("warmnest.provisioning.call-timeout", () -> "1s");
        registry.add("warmnest.provisioning.initial-backoff", () -> "100ms");
        registry.add("warmnest.provisioning.max-backoff", () -> "400ms");
    }

    @AfterAll
    static void stop() {
        care.stop();
        billing.stop();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantRegistry registry;

    final TestIssuer issuer = TestIssuer.get();
    final String admin = issuer.platformAdmin().bearer();

    @BeforeEach
    void servicesUp() throws Exception {
        care.resetAll();
        billing.resetAll();
        healthy(care);
        healthy(billing);
        if (registry.find(TenantCode.of("530400")).isEmpty()) {
            onboard("530400", "玉溪市").andExpect(status().isAccepted());
            awaitStatus("530400", TenantStatus.ACTIVE);
        }
    }

    static void healthy(WireMockServer service) {
        service.stubFor(put(urlPathMatching("/internal/v1/provisioning/tenants/[0-9]{6}")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"PROVISIONING\"}")));
        service.stubFor(put(urlPathMatching("/internal/v1/provisioning/tenants/[0-9]{6}/status"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"{{jsonPath request.body '$.status'}}\"}")
                        .withTransformers("response-template")));
    }

    @Test
    void aTenantBecomesActiveOnlyWhenEveryServiceConfirmedAndARepeatCreatesNothing() throws Exception {
        onboard("530481", "澄江市").andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PROVISIONING")).andExpect(jsonPath("$.level").value("DISTRICT"))
                .andExpect(jsonPath("$.parentCode").value("530400"));
        awaitStatus("530481", TenantStatus.ACTIVE);

        for (WireMockServer service : new WireMockServer[] { care, billing }) {
            service.verify(1, putRequestedFor(urlPathEqualTo("/internal/v1/provisioning/tenants/530481"))
                    .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+"))
                    .withRequestBody(matchingJsonPath("$.parentCode", equalTo("530400"))));
            service.verify(1, putRequestedFor(urlPathEqualTo("/internal/v1/provisioning/tenants/530481/status"))
                    .withRequestBody(matchingJsonPath("$.status", equalTo("ACTIVE"))));
        }
        // tenant-service's own schema is there and verified
        assertThat(jdbc.queryForObject("select count(*) from pg_namespace where nspname = 't_530481'", Long.class))
                .isEqualTo(1);

        onboard("530481", "澄江市").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        onboard("530481", "别的名字").andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("tenant-exists"));
        Thread.sleep(300);
        care.verify(1, putRequestedFor(urlPathEqualTo("/internal/v1/provisioning/tenants/530481")));
        assertThat(jdbc.queryForObject("select count(*) from registry.tenant where code = '530481'", Long.class))
                .isEqualTo(1);
    }

    @Test
    void aServiceThatIsDownKeepsTheTenantProvisioningUntilItRecovers() throws Exception {
        care.resetAll();
        care.stubFor(put(urlPathMatching("/internal/.*"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        onboard("530423", "通海县").andExpect(status().isAccepted());
        await(() -> attempts("530423", "care") >= 3);
        assertThat(registry.find(TenantCode.of("530423")).orElseThrow().status()).isEqualTo(TenantStatus.PROVISIONING);
        assertThat(lastError("530423", "care")).isEqualTo("unreachable");
        // billing did its part, but is not told to activate while care is missing
        billing.verify(0, putRequestedFor(urlPathEqualTo("/internal/v1/provisioning/tenants/530423/status")));
        mvc.perform(get("/api/tenants/v1/tenants/530423").header("Authorization", admin))
                .andExpect(jsonPath("$.status").value("PROVISIONING"))
                .andExpect(jsonPath("$.services[?(@.service=='care')].schemaReady").value(false));

        care.resetAll();
        healthy(care);
        awaitStatus("530423", TenantStatus.ACTIVE);
        assertThat(lastError("530423", "care")).isNull();
    }

    @Test
    void aSlowServiceTimesOutAndIsRetriedWithGrowingBackoff() throws Exception {
        care.resetAll();
        care.stubFor(put(urlPathMatching("/internal/.*")).willReturn(aResponse().withFixedDelay(3000)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"PROVISIONING\"}")));
        onboard("530424", "华宁县").andExpect(status().isAccepted());
        await(() -> attempts("530424", "care") >= 2);
        assertThat(lastError("530424", "care")).isEqualTo("timeout");
        assertThat(registry.find(TenantCode.of("530424")).orElseThrow().status()).isEqualTo(TenantStatus.PROVISIONING);

        care.resetAll();
        healthy(care);
        awaitStatus("530424", TenantStatus.ACTIVE);
    }

    @Test
    void aFailingServiceIsRetriedAndTheSagaResumesInANewProcess(@Autowired ProvisioningSteps steps,
            @Autowired org.warmnest.platform.tenancy.TenantProvisioner local, @Autowired ServiceEndpoints endpoints,
            @Autowired ProvisioningProperties properties,
            @Autowired org.warmnest.tenant.identity.IdentityState identityState) throws Exception {
        billing.resetAll();
        billing.stubFor(put(urlPathMatching("/internal/.*")).willReturn(aResponse().withStatus(500)));
        onboard("530427", "峨山县").andExpect(status().isAccepted());
        await(() -> attempts("530427", "billing") >= 2);
        assertThat(lastError("530427", "billing")).isEqualTo("http-500");
        assertThat(registry.find(TenantCode.of("530427")).orElseThrow().status()).isEqualTo(TenantStatus.PROVISIONING);

        // A fresh saga (as after a restart) finds the state in the database and finishes the job.
        billing.resetAll();
        healthy(billing);
        ProvisioningSaga restarted = new ProvisioningSaga(steps, registry, local, endpoints, properties, identityState,
                java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(5)), false);
        try {
            restarted.runDue();
        } finally {
            restarted.destroy();
        }
        awaitStatus("530427", TenantStatus.ACTIVE);
        billing.verify(1, putRequestedFor(urlPathEqualTo("/internal/v1/provisioning/tenants/530427")));
    }

    @Test
    void suspendingStopsTrafficEverywhereAndActivatingRestoresIt() throws Exception {
        onboard("530421", "江川区").andExpect(status().isAccepted());
        awaitStatus("530421", TenantStatus.ACTIVE);

        mvc.perform(post("/api/tenants/v1/tenants/530421/suspend").header("Authorization", admin))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SUSPENDED"));
        await(() -> confirmed("530421", "care") == TenantStatus.SUSPENDED
                && confirmed("530421", "billing") == TenantStatus.SUSPENDED);
        care.verify(putRequestedFor(urlPathEqualTo("/internal/v1/provisioning/tenants/530421/status"))
                .withRequestBody(matchingJsonPath("$.status", equalTo("SUSPENDED"))));

        mvc.perform(post("/api/tenants/v1/tenants/530421/activate").header("Authorization", admin))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        await(() -> confirmed("530421", "care") == TenantStatus.ACTIVE
                && confirmed("530421", "billing") == TenantStatus.ACTIVE);
    }

    @Test
    void onlyTheCitysOwnBureauOnboardsItsDistricts() throws Exception {
        String yuxiBureau = issuer.user("530400", "bureau-admin").bearer();
        String kunmingBureau = issuer.user("530100", "bureau-admin").bearer();
        String districtBureau = issuer.user("530402", "bureau-admin").bearer();
        mvc.perform(post("/api/tenants/v1/tenants").header("Authorization", kunmingBureau)
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"530425\",\"name\":\"易门县\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("tenant-onboarding-denied"));
        mvc.perform(post("/api/tenants/v1/tenants").header("Authorization", districtBureau)
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"530425\",\"name\":\"易门县\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/tenants/v1/tenants").header("Authorization", yuxiBureau)
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"530100\",\"name\":\"昆明市\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/tenants/v1/tenants").header("Authorization", yuxiBureau)
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"530425\",\"name\":\"易门县\"}"))
                .andExpect(status().isAccepted());
        // a district of a city that was never onboarded
        mvc.perform(post("/api/tenants/v1/tenants").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"220102\",\"name\":\"南关区\"}"))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.code").value("city-not-onboarded"));
        // malformed and non-tenant codes
        for (String bad : new String[] { "53040", "5304000", "530000", "990100", "53a400" }) {
            mvc.perform(post("/api/tenants/v1/tenants").header("Authorization", admin)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + bad + "\",\"name\":\"x\"}"))
                    .andExpect(status().isBadRequest());
        }
    }

    @Test
    void listsShowOnlyWhatTheCallerMaySee() throws Exception {
        onboard("530402", "红塔区");
        awaitStatus("530402", TenantStatus.ACTIVE);
        mvc.perform(get("/api/tenants/v1/tenants").header("Authorization", issuer.user("530402", "auditor").bearer()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].code").value("530402"));
        mvc.perform(get("/api/tenants/v1/tenants/530400").header("Authorization",
                issuer.user("530402", "bureau-admin").bearer()))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
    }

    private org.springframework.test.web.servlet.ResultActions onboard(String code, String name) throws Exception {
        return mvc.perform(post("/api/tenants/v1/tenants").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\",\"name\":\"" + name + "\"}"));
    }

    private int attempts(String code, String service) {
        return jdbc.queryForObject("select attempts from registry.provisioning_step where tenant_code = ? and service = ?",
                Integer.class, code, service);
    }

    private String lastError(String code, String service) {
        return jdbc.queryForObject(
                "select last_error from registry.provisioning_step where tenant_code = ? and service = ?", String.class,
                code, service);
    }

    private TenantStatus confirmed(String code, String service) {
        String s = jdbc.queryForObject(
                "select confirmed_status from registry.provisioning_step where tenant_code = ? and service = ?",
                String.class, code, service);
        return s == null ? null : TenantStatus.valueOf(s);
    }

    private void awaitStatus(String code, TenantStatus status) throws InterruptedException {
        await(() -> registry.find(TenantCode.of(code)).map(t -> t.status() == status).orElse(false));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
