package org.warmnest.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.warmnest.gateway.support.TestIssuer;

import com.github.tomakehurst.wiremock.WireMockServer;

/** With Redis unreachable the gateway fails closed: every API request is a 503, the probes still answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RedisUnavailableIT {

    static final WireMockServer CARE = new WireMockServer(0);
    static final TestIssuer ISSUER = TestIssuer.get();

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        CARE.start();
        Runtime.getRuntime().addShutdownHook(new Thread(CARE::stop, "wiremock-stop"));
        registry.add("warmnest.gateway.care-url", CARE::baseUrl);
        registry.add("warmnest.security.issuer", ISSUER::issuer);
        registry.add("warmnest.security.jwks-uri", ISSUER::jwksUri);
        registry.add("spring.data.redis.port", RedisUnavailableIT::closedPort);
    }

    @Test
    void everyApiRequestIsRefusedWith503() {
        web.get().uri("/api/care/v1/tenants/530402/volunteers")
                .header("Authorization", ISSUER.user("530402").bearer()).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("identity-state-unavailable");
        CARE.verify(0, anyRequestedFor(anyUrl()));
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    /** A port nothing listens on. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
