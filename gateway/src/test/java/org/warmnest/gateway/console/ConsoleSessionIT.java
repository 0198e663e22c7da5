package org.warmnest.gateway.console;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.util.UriComponentsBuilder;
import org.warmnest.gateway.support.GatewayIT;

/**
 * The console's side of the gateway without a browser: its pages, the start of the sign-in, the session cookie,
 * the CSRF rule and what a request without a session gets. The whole sign-in with Keycloak is played in the e2e
 * module against a real Keycloak.
 */
class ConsoleSessionIT extends GatewayIT {

    @Test
    void theConsoleIsServedAtTheRootAndAtEveryPageOfItsRouter() {
        for (String page : List.of("/", "/elders", "/elders/6a1f3a2e-1111-4c3b-9d55-5b2c8f0f0a01/visits",
                "/index.html")) {
            web.get().uri(page).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                            .contains("script-src 'self'").contains("frame-ancestors 'none'"))
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectBody(String.class).value(body -> assertThat(body).contains("console-under-test"));
        }
        // its files, named by their hash, are kept for a year
        web.get().uri("/assets/index-test.js").exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, c -> assertThat(c).contains("max-age=31536000"))
                .expectBody(String.class).value(body -> assertThat(body).contains("asset-under-test"));
        web.get().uri("/assets/missing.js").exchange().expectStatus().isNotFound();
        assertThat(List.of(TENANTS, CARE, BILLING)).allSatisfy(s -> s.verify(0, anyRequestedFor(anyUrl())));
    }

    @Test
    void withoutASessionTheConsoleIsToldToSignInAndTheApiIsRefused() {
        web.get().uri("/auth/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated")
                .jsonPath("$.title").isEqualTo("需要登录");
        // a made-up session cookie is no session
        String tenant = activeTenant();
        web.get().uri("/api/care/v1/tenants/" + tenant + "/volunteers").cookie("WARMNEST_SESSION", "made-up")
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
        web.get().uri("/auth/me").cookie("WARMNEST_SESSION", "made-up").exchange()
                .expectStatus().isUnauthorized();
        assertThat(List.of(TENANTS, CARE, BILLING)).allSatisfy(s -> s.verify(0, anyRequestedFor(anyUrl())));
    }

    @Test
    void signingInGoesToKeycloakWithPkceThroughAnHttpOnlySession() {
        var login = web.get().uri("/auth/login?next=/elders?grid%3DK01").exchange()
                .expectStatus().isFound()
                .expectHeader().location("/oauth2/authorization/keycloak")
                .returnResult(Void.class);
        ResponseCookie session = login.getResponseCookies().getFirst("WARMNEST_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(session.getPath()).isEqualTo("/");

        URI keycloak = web.get().uri("/oauth2/authorization/keycloak").cookie("WARMNEST_SESSION", session.getValue())
                .exchange().expectStatus().isFound().returnResult(Void.class).getResponseHeaders().getLocation();
        assertThat(keycloak.toString()).startsWith(ISSUER.issuer() + "/protocol/openid-connect/auth?");
        var query = UriComponentsBuilder.fromUri(keycloak).build().getQueryParams();
        assertThat(query.getFirst("client_id")).isEqualTo("warmnest-gateway");
        assertThat(query.getFirst("response_type")).isEqualTo("code");
        assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
        assertThat(query.getFirst("code_challenge")).isNotBlank();
        assertThat(query.getFirst("state")).isNotBlank();
        assertThat(query.getFirst("scope")).contains("openid");
        assertThat(java.net.URLDecoder.decode(query.getFirst("redirect_uri"), java.nio.charset.StandardCharsets.UTF_8))
                .endsWith("/login/oauth2/code/keycloak");
        // a callback with a state the session did not send is refused, and signs nobody in
        web.get().uri("/login/oauth2/code/keycloak?code=stolen&state=forged")
                .cookie("WARMNEST_SESSION", session.getValue()).exchange()
                .expectStatus().isFound().expectHeader().location("/?signin=failed");
        web.get().uri("/auth/me").cookie("WARMNEST_SESSION", session.getValue()).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void onlyAPathOfThisSiteIsAPlaceToComeBackTo() {
        assertThat(ConsolePages.safeNext("/elders?grid=K01")).isEqualTo("/elders?grid=K01");
        for (String elsewhere : List.of("//evil.example", "/\\evil.example", "https://evil.example", "elders",
                "/a\r\nSet-Cookie: x=y", "")) {
            assertThat(ConsolePages.safeNext(elsewhere)).as(elsewhere).isEqualTo("/");
        }
    }

    @Test
    void writesFromAPageNeedTheCsrfTokenOfItsCookie() {
        var page = web.get().uri("/").exchange().expectStatus().isOk().returnResult(String.class);
        ResponseCookie csrf = page.getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(csrf).isNotNull();
        assertThat(csrf.isHttpOnly()).isFalse(); // the page reads it to send it back
        assertThat(csrf.getSameSite()).isEqualToIgnoringCase("Strict");
        String tenant = activeTenant();
        // a write carrying a session cookie and no token: refused before anything else
        web.post().uri("/api/care/v1/tenants/" + tenant + "/volunteers").cookie("WARMNEST_SESSION", "some-session")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("csrf-invalid");
        web.post().uri("/auth/logout").exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("csrf-invalid");
        web.post().uri("/auth/logout").cookie("XSRF-TOKEN", csrf.getValue()).header("X-XSRF-TOKEN", "another")
                .exchange().expectStatus().isForbidden();
        // with its cookie's token: signed out (there was nothing to end), told where to go
        web.post().uri("/auth/logout").cookie("XSRF-TOKEN", csrf.getValue()).header("X-XSRF-TOKEN", csrf.getValue())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.redirect").isEqualTo("/");
        assertThat(List.of(TENANTS, CARE, BILLING)).allSatisfy(s -> s.verify(0, anyRequestedFor(anyUrl())));
    }

    @Test
    void aBearerClientIsServedAsBeforeEvenWithACookie() {
        String tenant = activeTenant();
        web.post().uri("/api/care/v1/tenants/" + tenant + "/volunteers").cookie("WARMNEST_SESSION", "whatever")
                .header("Authorization", ISSUER.user(tenant).bearer())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk();
        // no credentials at all on the API: as before
        web.get().uri("/api/care/v1/tenants/" + tenant + "/volunteers").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }
}
