package org.warmnest.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.warmnest.gateway.support.GatewayIT;
import org.warmnest.gateway.support.TestIssuer;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** What the gateway lets through to a service, and every kind of token it refuses. */
class TokenVerificationIT extends GatewayIT {

    static final String TRACEPARENT = "^00-[0-9a-f]{32}-[0-9a-f]{16}-01$";

    @Test
    void aValidTokenPassesWithAFreshTraceAndNoClientSentForwardingOrIdentityHeaders() {
        String tenant = activeTenant();
        String bearer = ISSUER.user(tenant).bearer();
        String clientTrace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        String returned = web.get().uri("/api/care/v1/tenants/" + tenant + "/volunteers")
                .header("Authorization", bearer)
                .header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=6.6.6.6;host=evil.example")
                .header("X-Real-IP", "6.6.6.6")
                .header("X-Tenant", "530400")
                .header("X-Tenant-Id", "530400")
                .header("X-User-Roles", "platform-admin")
                .header("X-Warmnest-Service", "billing")
                .header("X-Original-URL", "/internal/v1/provisioning/tenants/530400")
                .header("X-Envoy-Internal", "true")
                .header("Client-IP", "6.6.6.6")
                .header("traceparent", clientTrace)
                .header("tracestate", "evil=1")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("traceparent", TRACEPARENT)
                .returnResult(String.class).getResponseHeaders().getFirst("traceparent");

        CARE.verify(1, getRequestedFor(urlEqualTo("/api/care/v1/tenants/" + tenant + "/volunteers"))
                .withHeader("Authorization", equalTo(bearer))
                .withHeader("traceparent", equalTo(returned))
                .withHeader("X-Forwarded-For", equalTo("127.0.0.1"))
                .withHeader("X-Forwarded-Proto", equalTo("http"))
                .withoutHeader("X-Real-IP")
                .withoutHeader("X-Tenant")
                .withoutHeader("X-Tenant-Id")
                .withoutHeader("X-User-Roles")
                .withoutHeader("X-Warmnest-Service")
                .withoutHeader("X-Original-URL")
                .withoutHeader("X-Envoy-Internal")
                .withoutHeader("Client-IP")
                .withoutHeader("tracestate"));
        LoggedRequest received = CARE.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(received.getHeader("X-Forwarded-Host")).doesNotContain("evil");
        assertThat(received.containsHeader("Forwarded") ? received.getHeader("Forwarded") : "").doesNotContain("6.6.6.6")
                .doesNotContain("evil");
        assertThat(returned).doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736").matches(TRACEPARENT);
    }

    @Test
    void everyRequestStartsItsOwnTrace() {
        String bearer = ISSUER.platformAdmin().bearer();
        var first = web.get().uri("/api/tenants/v1/tenants").header("Authorization", bearer).exchange()
                .returnResult(String.class).getResponseHeaders().getFirst("traceparent");
        var second = web.get().uri("/api/tenants/v1/tenants").header("Authorization", bearer).exchange()
                .returnResult(String.class).getResponseHeaders().getFirst("traceparent");
        assertThat(first).matches(TRACEPARENT);
        assertThat(second).matches(TRACEPARENT);
        assertThat(first.substring(3, 35)).isNotEqualTo(second.substring(3, 35));
        // Refusals carry one too, and its trace id in the body, so a user can quote it.
        var refused = web.get().uri("/api/tenants/v1/tenants").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueMatches("traceparent", TRACEPARENT)
                .expectBody(String.class).returnResult();
        assertThat(refused.getResponseBody()).contains("\"traceId\":\""
                + refused.getResponseHeaders().getFirst("traceparent").substring(3, 35) + "\"");
    }

    @Test
    void noTokenIsUnauthenticatedInChineseByDefault() {
        web.get().uri("/api/care/v1/tenants/530402/volunteers").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json")
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:warmnest:problem:unauthenticated")
                .jsonPath("$.code").isEqualTo("unauthenticated")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isEqualTo("需要登录")
                .jsonPath("$.detail").isEqualTo("需要有效的访问令牌。")
                .jsonPath("$.instance").isEqualTo("/api/care/v1/tenants/530402/volunteers");
        assertThat(CARE.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    /**
     * A request the gateway refuses itself closes its connection: kept alive, the connection has left the client's
     * next request unread (a 30-second hang in the security suite, about 1 in 5,000 refusals).
     */
    @Test
    void aRefusedRequestClosesItsConnection() {
        web.put().uri("/api/care/v1/tenants/530402/volunteers/1").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"x\"}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("Connection", "close");
        web.get().uri("/api/care/v1/tenants/530402/volunteers").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("Connection", "close");
    }

    @Test
    void problemsAreInEnglishWhenTheClientPrefersIt() {
        web.get().uri("/api/care/v1/tenants/530402/volunteers").header("Accept-Language", "en-GB,en;q=0.9,zh;q=0.5")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.title").isEqualTo("Authentication required")
                .jsonPath("$.detail").isEqualTo("A valid access token is required.");
        web.get().uri("/api/care/v1/tenants/530402/volunteers").header("Accept-Language", "zh-CN,en;q=0.8")
                .exchange()
                .expectBody().jsonPath("$.title").isEqualTo("需要登录");
    }

    static Stream<Arguments> badTokens() {
        Instant now = Instant.now();
        TestIssuer issuer = TestIssuer.get();
        List<Arguments> cases = List.of(
                bad("expired", t -> t.claim("exp", now.minus(Duration.ofMinutes(5))).value()),
                bad("without exp", t -> t.claim("exp", null).value()),
                bad("nbf in the future", t -> t.claim("nbf", now.plus(Duration.ofMinutes(5))).value()),
                bad("wrong issuer", t -> t.claim("iss", "http://127.0.0.1:1/realms/other").value()),
                bad("wrong audience", t -> t.claim("aud", List.of("account")).value()),
                bad("alg none", TestIssuer.Token::unsigned),
                bad("HS256 keyed with the public key", TestIssuer.Token::hmacWithPublicKey),
                bad("tampered payload", t -> t.tampered("tenant", "530400")),
                bad("unknown kid", t -> t.signedByAnotherKey("rotated-away").value()),
                bad("another key under the real kid", t -> t.signedByAnotherKey("gw-test-key").value()),
                bad("a Keycloak ID token", t -> t.claim("typ", "ID").value()),
                bad("a Keycloak refresh token", t -> t.claim("typ", "Refresh").value()),
                bad("a logout token", t -> t.headerType("logout+jwt").value()),
                bad("no subject", t -> t.claim("sub", null).value()),
                bad("not a JWT", t -> "header.payload.signature"));
        return cases.stream().map(a -> Arguments.of(a.get()[0], ((Function<TestIssuer.Token, String>) a.get()[1])
                .apply(issuer.platformAdmin())));
    }

    private static Arguments bad(String name, Function<TestIssuer.Token, String> token) {
        return Arguments.of(name, token);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsInvalid(String name, String token) {
        web.get().uri("/api/billing/v1/tenants/530400/allocations").header("Authorization", "Bearer " + token)
                .header("Accept-Language", "en")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.code").isEqualTo("token-invalid")
                .jsonPath("$.type").isEqualTo("urn:warmnest:problem:token-invalid")
                .jsonPath("$.title").isEqualTo("Invalid access token");
        BILLING.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void accessTokensOfEitherTypConventionPass() {
        for (String typ : new String[] { "JWT", "at+jwt", "application/at+jwt", null }) {
            web.get().uri("/api/tenants/v1/tenants").header("Authorization",
                    "Bearer " + ISSUER.platformAdmin().headerType(typ).value())
                    .exchange().expectStatus().isOk();
        }
        TENANTS.verify(4, getRequestedFor(urlEqualTo("/api/tenants/v1/tenants")).withHeader("Authorization",
                matching("Bearer .+")).withHeader("X-Tenant", absent()));
    }
}
