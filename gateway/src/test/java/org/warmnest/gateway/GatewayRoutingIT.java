package org.warmnest.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.warmnest.gateway.support.GatewayIT;

import com.github.tomakehurst.wiremock.http.Fault;

/** Routing by path prefix, the documentation routes and the probes. */
class GatewayRoutingIT extends GatewayIT {

    @Value("${local.server.port}")
    int port;

    @Test
    void routesByPrefixKeepingThePathQueryAndAuthorization() {
        String bearer = ISSUER.platformAdmin().bearer();
        web.get().uri("/api/tenants/v1/tenants/530402/areas?page=2").header("Authorization", bearer).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("tenant-service");
        web.get().uri("/api/care/v1/tenants/530402/volunteers").header("Authorization", bearer).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("care-service");
        web.post().uri("/api/billing/v1/tenants/530400/allocations").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"amount\":\"1200000.00\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("billing-service");

        TENANTS.verify(1, getRequestedFor(urlEqualTo("/api/tenants/v1/tenants/530402/areas?page=2"))
                .withHeader("Authorization", equalTo(bearer)));
        CARE.verify(1, getRequestedFor(urlEqualTo("/api/care/v1/tenants/530402/volunteers"))
                .withHeader("Authorization", equalTo(bearer)));
        BILLING.verify(1, postRequestedFor(urlEqualTo("/api/billing/v1/tenants/530400/allocations"))
                .withHeader("Authorization", equalTo(bearer))
                .withRequestBody(equalTo("{\"amount\":\"1200000.00\"}")));
        // Each request reached exactly one service.
        assertThat(List.of(TENANTS, CARE, BILLING)).allSatisfy(s -> s.verify(1, anyRequestedFor(anyUrl())));
    }

    @Test
    void aServiceAnswerIsPassedOnAsItIs() {
        CARE.stubFor(any(urlEqualTo("/api/care/v1/tenants/530423/volunteers/x")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"code\":\"volunteer-not-found\"}")));
        web.get().uri("/api/care/v1/tenants/530423/volunteers/x")
                .header("Authorization", ISSUER.user(activeTenant()).bearer()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("volunteer-not-found");
    }

    @Test
    void aServiceThatBreaksOffIsABadGateway() {
        CARE.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        web.get().uri("/api/care/v1/tenants/530423/volunteers")
                .header("Authorization", ISSUER.platformAdmin().bearer()).exchange()
                .expectStatus().is5xxServerError()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").value(code -> assertThat(code).isIn("bad-gateway",
                        "service-unavailable"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/internal/v1/provisioning/tenants/530402", "/internal", "/api/internal/x",
            "/api/care/../../internal/v1/provisioning/tenants/530402",
            "/api/care/%2e%2e/%2e%2e/internal/v1/provisioning/tenants/530402",
            "/api/care/..%2F..%2Finternal/v1/provisioning/tenants/530402",
            "/api/care/..;/..;/internal/v1/provisioning/tenants/530402",
            "/api/careers/v1/x", "/api/unknown/v1/x", "/v3/api-docs/../../internal/x" })
    void internalAndUnknownPathsAreNeverRouted(String path) {
        String bearer = ISSUER.platformAdmin().bearer();
        web.put().uri(raw(path)).header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"红塔区\"}").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("not-found");
        // Without a token: refused too, as not found or as unauthenticated.
        web.get().uri(raw(path)).exchange().expectStatus().value(status -> assertThat(status).isIn(401, 404));
        assertThat(List.of(TENANTS, CARE, BILLING)).allSatisfy(s -> s.verify(0, anyRequestedFor(anyUrl())));
    }

    @Test
    void eachServiceOpenApiDocumentIsServedUnderDocsWithoutAToken() {
        for (var doc : List.of(Map.entry("tenants", TENANTS), Map.entry("care", CARE),
                Map.entry("billing", BILLING))) {
            web.get().uri("/docs/" + doc.getKey() + "/v3/api-docs").exchange().expectStatus().isOk();
            doc.getValue().verify(1, getRequestedFor(urlEqualTo("/v3/api-docs")));
        }
    }

    @Test
    void theSwaggerUiListsTheThreeServicesWithoutAToken() {
        web.get().uri("/v3/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls.length()").isEqualTo(3)
                .jsonPath("$.urls[?(@.name == 'tenant-service')].url").isEqualTo("/docs/tenants/v3/api-docs")
                .jsonPath("$.urls[?(@.name == 'care-service')].url").isEqualTo("/docs/care/v3/api-docs")
                .jsonPath("$.urls[?(@.name == 'billing-service')].url").isEqualTo("/docs/billing/v3/api-docs");
        web.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        web.get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void healthProbesAreExposedWithoutAToken() {
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void metricsNeedTheScrapeCredentialAndNothingElseOpensThem() {
        web.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json")
                .expectHeader().valueEquals("WWW-Authenticate", "Basic realm=\"metrics\"")
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
        // an access token, even a platform admin's, is no scrape credential
        web.get().uri("/actuator/prometheus").header("Authorization", ISSUER.platformAdmin().bearer()).exchange()
                .expectStatus().isUnauthorized();
        web.get().uri("/actuator/prometheus").headers(h -> h.setBasicAuth("prometheus", "wrong")).exchange()
                .expectStatus().isUnauthorized();
        web.get().uri("/actuator/prometheus").headers(h -> h.setBasicAuth("prometheus", METRICS_PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("application=\"gateway\""));
        // and the scrape credential opens nothing else
        web.get().uri("/api/care/v1/tenants/530402/volunteers")
                .headers(h -> h.setBasicAuth("prometheus", METRICS_PASSWORD)).exchange()
                .expectStatus().isUnauthorized();
        web.get().uri("/actuator/env").headers(h -> h.setBasicAuth("prometheus", METRICS_PASSWORD)).exchange()
                .expectStatus().isUnauthorized();
        CARE.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void everythingElseIsRefused() {
        web.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
        web.get().uri("/actuator/env").header("Authorization", ISSUER.platformAdmin().bearer()).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("access-denied");
    }

    @Test
    void anOverlongUriOrHeaderBlockIsRefusedByTheServer() {
        String bearer = ISSUER.platformAdmin().bearer();
        web.get().uri("/api/care/v1/tenants/530402/volunteers?q=" + "x".repeat(10_000))
                .header("Authorization", bearer).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(400, 414));
        web.get().uri("/api/care/v1/tenants/530402/volunteers")
                .header("Authorization", bearer).header("X-Padding", "x".repeat(20_000)).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(400, 413, 431));
        CARE.verify(0, anyRequestedFor(anyUrl()));
    }

    /** As written: no client-side normalisation or re-encoding of the path. */
    private URI raw(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
