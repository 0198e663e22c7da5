package org.warmnest.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.warmnest.gateway.support.GatewayIT;
import org.warmnest.gateway.support.TestIssuer;

/** Token buckets per user and per tenant, with limits low enough to reach in a test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "warmnest.gateway.rate-limit.user.replenish-per-second=0.5",
        "warmnest.gateway.rate-limit.user.burst=3",
        "warmnest.gateway.rate-limit.tenant.replenish-per-second=0.2",
        "warmnest.gateway.rate-limit.tenant.burst=5" })
class RateLimitIT extends GatewayIT {

    @Test
    void aUserOverTheBurstIsToldWhenToRetry() {
        String tenant = activeTenant();
        TestIssuer.Token token = ISSUER.user(tenant);
        for (int i = 0; i < 3; i++) {
            get(tenant, token).expectStatus().isOk();
        }
        get(tenant, token)
                .expectStatus().isEqualTo(429)
                .expectHeader().valueMatches("Retry-After", "[1-9][0-9]*")
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.code").isEqualTo("rate-limited")
                .jsonPath("$.type").isEqualTo("urn:warmnest:problem:rate-limited")
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.title").isEqualTo("请求过于频繁");
        // Another user of the same tenant still has the tenant's budget.
        get(tenant, ISSUER.user(tenant)).expectStatus().isOk();
    }

    @Test
    void aTenantOverItsBurstIsLimitedWhoeverAsks() {
        String tenant = activeTenant();
        for (int i = 0; i < 5; i++) {
            get(tenant, ISSUER.user(tenant)).expectStatus().isOk();
        }
        String retryAfter = get(tenant, ISSUER.user(tenant))
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .returnResult(String.class).getResponseHeaders().getFirst("Retry-After");
        // One token at 0.2 per second: about five seconds.
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 5L);
        // A platform admin acting on the tenant spends the same budget (the tenant in the path).
        get(tenant, ISSUER.platformAdmin()).expectStatus().isEqualTo(429);
        // Another tenant is not affected.
        String other = activeTenant();
        get(other, ISSUER.user(other)).expectStatus().isOk();
    }

    @Test
    void aRefusedRequestSpendsNothingAndBucketsExpire() {
        String tenant = activeTenant();
        TestIssuer.Token token = ISSUER.user(tenant);
        for (int i = 0; i < 3; i++) {
            get(tenant, token).expectStatus().isOk();
        }
        get(tenant, token).expectStatus().isEqualTo(429);
        get(tenant, token).expectStatus().isEqualTo(429);
        // The user's refusals did not spend the tenant's tokens: two more users get through.
        get(tenant, ISSUER.user(tenant)).expectStatus().isOk();
        get(tenant, ISSUER.user(tenant)).expectStatus().isOk();

        String userKey = PREFIX + "rl:user:" + token.subject();
        String tenantKey = PREFIX + "rl:tenant:" + tenant;
        assertThat(redis.getExpire(userKey).block()).isPositive();
        assertThat(redis.getExpire(tenantKey).block()).isPositive();
    }

    @Test
    void aPathSpelledOtherwiseSpendsTheSameBudget() {
        String tenant = activeTenant();
        TestIssuer.Token token = ISSUER.user(tenant);
        // the prefix in any case is the plain path: served, and the burst of 3 is spent all the same
        for (String path : java.util.List.of("/API/care/v1/tenants/", "/Api/care/v1/tenants/", "/api/CARE/v1/tenants/")) {
            web.get().uri(path + tenant + "/volunteers").header("Authorization", token.bearer()).exchange()
                    .expectStatus().isOk();
        }
        get(tenant, token).expectStatus().isEqualTo(429);
    }

    private WebTestClient.ResponseSpec get(String tenant, TestIssuer.Token token) {
        return web.get().uri("/api/care/v1/tenants/" + tenant + "/volunteers")
                .header("Authorization", token.bearer()).exchange();
    }
}
