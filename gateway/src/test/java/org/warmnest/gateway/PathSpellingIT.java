package org.warmnest.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.warmnest.gateway.support.GatewayIT;
import org.warmnest.gateway.support.TestIssuer;

/**
 * A path has one spelling: the identity gate and the rate limits cannot be stepped around by percent-encoding or
 * changing the case of the prefix, and a malformed path is a problem, not an empty 400.
 */
class PathSpellingIT extends GatewayIT {

    @Value("${local.server.port}")
    int port;

    @ParameterizedTest
    @ValueSource(strings = { "/%61pi/care/v1/tenants/{t}/volunteers", "/%61%70%69/care/v1/tenants/{t}/volunteers",
            "/api/c%61re/v1/tenants/{t}/volunteers", "/api/care/v1/tenants/%35{rest}/volunteers",
            "/api/care/v1/tenants/{t}/volunt%65ers", "/api/care/v1/tenants/{t}/%7Evolunteers",
            "/%41PI/care/v1/tenants/{t}/volunteers" })
    void aPercentEncodedUnreservedCharacterIsRefusedWhoeverAsks(String template) {
        String tenant = activeTenant();
        // activeTenant() codes start with 5: %35 is that 5, encoded
        String path = template.replace("{rest}", tenant.substring(1)).replace("{t}", tenant);
        TestIssuer.Token disabled = ISSUER.user(tenant);
        revoke(disabled.subject(), Instant.now().plusSeconds(5));
        for (String bearer : new String[] { disabled.bearer(), ISSUER.user(tenant).bearer(), null }) {
            var request = web.get().uri(raw(path));
            if (bearer != null) {
                request = request.header("Authorization", bearer);
            }
            request.exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.code").isEqualTo("path-not-canonical");
        }
        CARE.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/API/care/v1/tenants/%s/volunteers", "/Api/care/v1/tenants/%s/volunteers",
            "/aPi/tenants/v1/tenants/%s/streets", "/API/BILLING/v1/tenants/%s/allocations" })
    void aMixedCasePrefixGetsThePlainPathsAnswer(String template) {
        String tenant = activeTenant();
        String path = template.formatted(tenant);
        String plain = "/api/" + path.substring(5, path.indexOf('/', 5)).toLowerCase(java.util.Locale.ROOT)
                + path.substring(path.indexOf('/', 5));
        TestIssuer.Token disabled = ISSUER.user(tenant);
        revoke(disabled.subject(), Instant.now().plusSeconds(5));
        // as on the plain path: the disabled user's token is revoked, no token is unauthenticated
        web.get().uri(raw(path)).header("Authorization", disabled.bearer()).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("token-revoked");
        web.get().uri(raw(path)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
        // a suspended tenant's user is refused for its tenant as on the plain path
        String suspended = activeTenant();
        tenantStatus(suspended, "SUSPENDED");
        String suspendedPath = path.replace(tenant, suspended);
        web.get().uri(raw(suspendedPath)).header("Authorization", ISSUER.user(suspended).bearer()).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("tenant-suspended");
        assertThat(List.of(TENANTS, CARE, BILLING)).allSatisfy(s -> s.verify(0, anyRequestedFor(anyUrl())));
        // an allowed user is served, and the service is sent the plain path
        web.get().uri(raw(path)).header("Authorization", ISSUER.user(tenant).bearer()).exchange()
                .expectStatus().isOk();
        List<String> forwarded = new java.util.ArrayList<>();
        for (var service : List.of(TENANTS, CARE, BILLING)) {
            service.findAll(anyRequestedFor(anyUrl())).forEach(r -> forwarded.add(r.getUrl()));
        }
        assertThat(forwarded).containsExactly(plain);
    }

    @Test
    void theIdentityGateRunsForEveryPathThatCarriesAToken() {
        TestIssuer.Token disabled = ISSUER.platformAdmin();
        revoke(disabled.subject(), Instant.now().plusSeconds(5));
        for (String path : List.of("/actuator/env", "/API/tenants/v1/tenants", "/Api/nowhere/x", "/docs/care/v3/api-docs",
                "/actuator/health/liveness", "/nothing/here")) {
            web.get().uri(raw(path)).header("Authorization", disabled.bearer()).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.code").isEqualTo("token-revoked");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "//api/care/v1/tenants/530402/volunteers", "/api//care/v1/tenants/530402/volunteers",
            "/api/care/v1/tenants/530402/%00", "/api/care/v1/tenants/530402/%zz", "/api/care/v1/tenants/530402/%",
            "/api/care/v1/tenants/530402/%2", "/api/care/v1/tenants/530402/%25", "/api/care/v1/tenants/530402/%0a" })
    void aMalformedPathIsABadRequestProblem(String path) throws IOException {
        String bearer = ISSUER.platformAdmin().bearer();
        // Sent over a socket exactly as written: no client would send some of these.
        String response = rawHttp("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + bearer
                + "\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).containsIgnoringCase("content-type: application/problem+json");
        assertThat(response).contains("\"code\":\"bad-request\"");
        assertThat(List.of(TENANTS, CARE, BILLING)).allSatisfy(s -> s.verify(0, anyRequestedFor(anyUrl())));
    }

    private String rawHttp(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private URI raw(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
