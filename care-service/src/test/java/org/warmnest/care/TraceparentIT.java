package org.warmnest.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;
import org.warmnest.platform.tracing.Traceparent;
import org.springframework.web.client.RestClient;

import com.jayway.jsonpath.JsonPath;

/** Every response names its trace, the caller's when it sent a valid one; every problem quotes it. */
@ServiceTest
class TraceparentIT {

    static final String A = "530402";
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String INCOMING = "00-" + TRACE + "-b7ad6b7169203331-01";
    static final String FORMAT = "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$";

    @Autowired
    MockMvc mvc;

    final TestIssuer issuer = TestIssuer.get();

    @Autowired
    void provision(TenantProvisioner provisioner) {
        provisioner.provision(TenantCode.of(A), TenantCode.of("530400"), A);
        provisioner.registry().setStatus(TenantCode.of(A), TenantStatus.ACTIVE);
    }

    static String traceOf(MvcResult result) {
        String header = result.getResponse().getHeader("traceparent");
        assertThat(header).matches(FORMAT);
        return header.split("-")[1];
    }

    @Test
    void theCallersTraceIsContinuedAsANewSpan() throws Exception {
        MvcResult result = mvc.perform(get("/api/care/v1/tenants/{t}/volunteers", A).header("traceparent", INCOMING)
                .header("Authorization", issuer.user(A, "bureau-admin").bearer())).andExpect(status().isOk())
                .andReturn();
        assertThat(traceOf(result)).isEqualTo(TRACE);
        assertThat(result.getResponse().getHeader("traceparent")).isNotEqualTo(INCOMING); // our own span
    }

    @Test
    void aMalformedOrMissingTraceIsReplacedByAFreshOne() throws Exception {
        for (String bad : new String[] { "00-00000000000000000000000000000000-b7ad6b7169203331-01",
                "00-" + TRACE + "-b7ad6b71692033-01", "garbage" }) {
            MvcResult result = mvc.perform(get("/api/care/v1/tenants/{t}/volunteers", A).header("traceparent", bad)
                    .header("Authorization", issuer.user(A, "bureau-admin").bearer())).andReturn();
            assertThat(traceOf(result)).isNotEqualTo("00000000000000000000000000000000").isNotEqualTo(TRACE);
        }
        assertThat(traceOf(mvc.perform(get("/actuator/health/liveness")).andReturn())).isNotBlank();
    }

    @Test
    void aCallToAnotherServiceCarriesTheCurrentTraceAsANewSpan(@Autowired RestClient.Builder builder) {
        MockRestServiceServer billing = MockRestServiceServer.bindTo(builder).build();
        billing.expect(requestTo("http://billing/internal/v1/ping"))
                .andExpect(header("traceparent", Matchers.matchesPattern("^00-" + TRACE + "-[0-9a-f]{16}-01$")))
                .andExpect(header("traceparent", Matchers.not(INCOMING))).andRespond(withSuccess());
        try (var scope = Traceparent.parse(INCOMING).orElseThrow().open()) {
            builder.build().get().uri("http://billing/internal/v1/ping").retrieve().toBodilessEntity();
        }
        billing.verify();
    }

    @Test
    void everyProblemQuotesTheTraceOfItsRequest() throws Exception {
        // refused by security, before MVC
        MvcResult unauthenticated = mvc.perform(get("/api/care/v1/tenants/{t}/volunteers", A)
                .header("traceparent", INCOMING)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.traceId").value(TRACE)).andReturn();
        assertThat(traceOf(unauthenticated)).isEqualTo(TRACE);
        // answered by the MVC advice
        MvcResult notFound = mvc.perform(get("/api/care/v1/tenants/{t}/volunteers/{id}", A, UUID.randomUUID())
                .header("Authorization", issuer.user(A, "bureau-admin").bearer())).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("volunteer-not-found")).andReturn();
        assertThat((String) JsonPath.read(notFound.getResponse().getContentAsString(), "$.traceId"))
                .isEqualTo(traceOf(notFound));
    }
}
