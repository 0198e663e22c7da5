package org.warmnest.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.WireMockServer;

/** The gateway in front of three WireMock stand-ins for tenant-, care- and billing-service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayRoutingIT {

    static final WireMockServer TENANTS = started();
    static final WireMockServer CARE = started();
    static final WireMockServer BILLING = started();
    static final String BEARER = "Bearer header.payload.signature";

    @Autowired
    WebTestClient web;
    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("warmnest.gateway.tenant-url", TENANTS::baseUrl);
        registry.add("warmnest.gateway.care-url", CARE::baseUrl);
        registry.add("warmnest.gateway.billing-url", BILLING::baseUrl);
    }

    @BeforeEach
    void stubs() {
        for (var service : List.of(Map.entry(TENANTS, "tenant-service"), Map.entry(CARE, "care-service"),
                Map.entry(BILLING, "billing-service"))) {
            service.getKey().resetAll();
            service.getKey().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"servedBy\":\"" + service.getValue() + "\"}")));
        }
    }

    @AfterAll
    static void stop() {
        List.of(TENANTS, CARE, BILLING).forEach(WireMockServer::stop);
    }

    @Test
    void routesByPrefixKeepingThePathQueryAndAuthorization() {
        web.get().uri("/api/tenants/v1/tenants/530402/areas?page=2").header("Authorization", BEARER).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("tenant-service");
        web.get().uri("/api/care/v1/tenants/530402/volunteers").header("Authorization", BEARER).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("care-service");
        web.post().uri("/api/billing/v1/tenants/530400/allocations").header("Authorization", BEARER)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\":\"1200000.00\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("billing-service");

        TENANTS.verify(1, getRequestedFor(urlEqualTo("/api/tenants/v1/tenants/530402/areas?page=2"))
                .withHeader("Authorization", equalTo(BEARER)));
        CARE.verify(1, getRequestedFor(urlEqualTo("/api/care/v1/tenants/530402/volunteers"))
                .withHeader("Authorization", equalTo(BEARER)));
        BILLING.verify(1, postRequestedFor(urlEqualTo("/api/billing/v1/tenants/530400/allocations"))
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalTo("{\"amount\":\"1200000.00\"}")));
        // Each request reached exactly one service.
        assertThat(List.of(TENANTS, CARE, BILLING)).allSatisfy(s -> s.verify(1, anyRequestedFor(anyUrl())));
    }

    @Test
    void aServiceAnswerIsPassedOnAsItIs() {
        CARE.stubFor(any(urlEqualTo("/api/care/v1/tenants/530423/volunteers/x")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"code\":\"volunteer-not-found\"}")));
        web.get().uri("/api/care/v1/tenants/530423/volunteers/x").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("volunteer-not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/internal/v1/provisioning/tenants/530402", "/internal", "/api/internal/x",
            "/api/care/../../internal/v1/provisioning/tenants/530402",
            "/api/care/%2e%2e/%2e%2e/internal/v1/provisioning/tenants/530402",
            "/api/care/..%2F..%2Finternal/v1/provisioning/tenants/530402",
            "/api/care/..;/..;/internal/v1/provisioning/tenants/530402",
            "/api/careers/v1/x", "/api/unknown/v1/x", "/v3/api-docs/../../internal/x" })
    void internalAndUnknownPathsAreNeverRouted(String path) {
        web.put().uri(raw(path)).header("Authorization", BEARER)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"红塔区\"}").exchange()
                .expectStatus().isNotFound();
        web.get().uri(raw(path)).exchange().expectStatus().isNotFound();
        assertThat(List.of(TENANTS, CARE, BILLING)).allSatisfy(s -> s.verify(0, anyRequestedFor(anyUrl())));
    }

    @Test
    void eachServiceOpenApiDocumentIsServedUnderDocs() {
        for (var doc : List.of(Map.entry("tenants", TENANTS), Map.entry("care", CARE),
                Map.entry("billing", BILLING))) {
            web.get().uri("/docs/" + doc.getKey() + "/v3/api-docs").exchange().expectStatus().isOk();
            doc.getValue().verify(1, getRequestedFor(urlEqualTo("/v3/api-docs")));
        }
    }

    @Test
    void theSwaggerUiListsTheThreeServices() {
        web.get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls.length()").isEqualTo(3)
                .jsonPath("$.urls[?(@.name == 'tenant-service')].url").isEqualTo("/docs/tenants/v3/api-docs")
                .jsonPath("$.urls[?(@.name == 'care-service')].url").isEqualTo("/docs/care/v3/api-docs")
                .jsonPath("$.urls[?(@.name == 'billing-service')].url").isEqualTo("/docs/billing/v3/api-docs");
        web.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void healthProbesAndMetricsAreExposed() {
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("application=\"gateway\""));
    }

    /** As written: no client-side normalisation or re-encoding of the path. */
    private URI raw(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        return server;
    }
}
