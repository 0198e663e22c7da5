package org.warmnest.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.warmnest.gateway.support.GatewayIT;

/** CORS for the console (default origin http://localhost:5173). */
class CorsIT extends GatewayIT {

    static final String CONSOLE = "http://localhost:5173";

    @Test
    void aPreflightFromTheConsoleIsAnsweredWithoutAToken() {
        web.options().uri("/api/care/v1/tenants/530402/volunteers")
                .header("Origin", CONSOLE)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization, content-type, traceparent")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", CONSOLE)
                .expectHeader().value("Access-Control-Allow-Methods", methods -> org.assertj.core.api.Assertions
                        .assertThat(methods).contains("PATCH"))
                .expectHeader().value("Access-Control-Allow-Headers", headers -> org.assertj.core.api.Assertions
                        .assertThat(headers.toLowerCase()).contains("authorization", "content-type", "traceparent"))
                .expectHeader().valueEquals("Access-Control-Max-Age", "1800")
                .expectHeader().doesNotExist("Access-Control-Allow-Credentials");
        CARE.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        web.options().uri("/api/care/v1/tenants/530402/volunteers")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin")
                .expectBody().jsonPath("$.code").isEqualTo("access-denied");
    }

    @Test
    void aPreflightAskingForAnotherHeaderOrMethodIsRefused() {
        web.options().uri("/api/care/v1/tenants/530402/volunteers")
                .header("Origin", CONSOLE)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-tenant")
                .exchange()
                .expectStatus().isForbidden();
        web.method(HttpMethod.OPTIONS).uri("/api/care/v1/tenants/530402/volunteers")
                .header("Origin", CONSOLE)
                .header("Access-Control-Request-Method", "TRACE")
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void theConsoleCanReadAnswersAndRefusalsWithTheirHeaders() {
        String tenant = activeTenant();
        web.get().uri("/api/care/v1/tenants/" + tenant + "/volunteers")
                .header("Origin", CONSOLE)
                .header("Authorization", ISSUER.user(tenant).bearer())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", CONSOLE)
                .expectHeader().value("Access-Control-Expose-Headers", exposed -> org.assertj.core.api.Assertions
                        .assertThat(exposed.toLowerCase()).contains("traceparent", "retry-after", "location"));
        web.get().uri("/api/care/v1/tenants/" + tenant + "/volunteers")
                .header("Origin", CONSOLE)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", CONSOLE);
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        String tenant = activeTenant();
        web.get().uri("/api/care/v1/tenants/" + tenant + "/volunteers")
                .header("Origin", "https://evil.example")
                .header("Authorization", ISSUER.user(tenant).bearer())
                .exchange()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }
}
