package org.warmnest.gateway.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.warmnest.gateway.support.GatewayIT;
import org.warmnest.gateway.support.TestIssuer;

/** Tenant and user state from Redis, checked on every request. */
class IdentityStateIT extends GatewayIT {

    @ParameterizedTest(name = "token tenant {0} -> {1}")
    @CsvSource({ "SUSPENDED, tenant-suspended, 租户已停用", "ARCHIVED, tenant-archived, 租户已归档",
            "PROVISIONING, tenant-not-ready, 租户尚未开通", ", tenant-unknown, 租户不存在" })
    void aTokenOfATenantThatIsNotActiveIsRefused(String status, String code, String title) {
        String tenant = activeTenant();
        if (status == null) {
            redis.opsForHash().remove(PREFIX + "tenant-status", tenant).block();
        } else {
            tenantStatus(tenant, status);
        }
        get("/api/care/v1/tenants/" + tenant + "/volunteers", ISSUER.user(tenant))
                .expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.code").isEqualTo(code)
                .jsonPath("$.title").isEqualTo(title)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(tenant));
        assertThat(CARE.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void suspendingATenantTakesEffectWithTheNextRequest() {
        String tenant = activeTenant();
        TestIssuer.Token token = ISSUER.user(tenant);
        get("/api/tenants/v1/tenants/" + tenant + "/areas", token).expectStatus().isOk();
        tenantStatus(tenant, "SUSPENDED");
        get("/api/tenants/v1/tenants/" + tenant + "/areas", token).expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("tenant-suspended");
        tenantStatus(tenant, "ACTIVE");
        get("/api/tenants/v1/tenants/" + tenant + "/areas", token).expectStatus().isOk();
    }

    @ParameterizedTest(name = "path tenant {0} -> {1}")
    @CsvSource({ "SUSPENDED, 403", "ARCHIVED, 403", "ACTIVE, 200", "PROVISIONING, 200", "UNKNOWN, 200" })
    void aSuspendedOrArchivedTenantInThePathIsRefusedEvenToPlatformAdmins(String status, int expected) {
        String tenant = activeTenant();
        if (status.equals("UNKNOWN")) {
            redis.opsForHash().remove(PREFIX + "tenant-status", tenant).block();
        } else {
            tenantStatus(tenant, status);
        }
        // PROVISIONING and unknown tenants are the service's to judge (tenant-service onboards them).
        get("/api/billing/v1/tenants/" + tenant + "/allocations", ISSUER.platformAdmin())
                .expectStatus().isEqualTo(expected);
        if (expected == 403) {
            get("/api/billing/v1/tenants/" + tenant + "/allocations", ISSUER.platformAdmin()).expectBody()
                    .jsonPath("$.code").isEqualTo("tenant-" + status.toLowerCase());
        }
    }

    @Test
    void aCityUserActingOnASuspendedDistrictIsRefused() {
        String city = activeTenant();
        String district = activeTenant();
        tenantStatus(district, "SUSPENDED");
        get("/api/care/v1/tenants/" + district + "/volunteers", ISSUER.user(city)).expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("tenant-suspended")
                .jsonPath("$.detail").isEqualTo("租户 " + district + " 已停用。");
    }

    @Test
    void aDisabledUserIsRefusedUntilSignedInAgain() {
        String tenant = activeTenant();
        Instant now = Instant.now();
        TestIssuer.Token before = ISSUER.user(tenant).issuedAt(now.minusSeconds(30));
        get("/api/care/v1/tenants/" + tenant + "/volunteers", before).expectStatus().isOk();

        revoke(before.subject(), now.minusSeconds(10));
        get("/api/care/v1/tenants/" + tenant + "/volunteers", before)
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .expectBody().jsonPath("$.code").isEqualTo("token-revoked");
        // Issued in the very second of the revocation: still refused.
        get("/api/care/v1/tenants/" + tenant + "/volunteers",
                ISSUER.user(tenant).subject(before.subject()).issuedAt(now.minusSeconds(10)))
                .expectStatus().isUnauthorized();
        // Re-enabled and signed in again: a token issued after the revocation passes.
        get("/api/care/v1/tenants/" + tenant + "/volunteers",
                ISSUER.user(tenant).subject(before.subject()).issuedAt(now))
                .expectStatus().isOk();
        // Someone else is not affected.
        get("/api/care/v1/tenants/" + tenant + "/volunteers", ISSUER.user(tenant).issuedAt(now.minusSeconds(30)))
                .expectStatus().isOk();
    }

    @Test
    void withoutTheSyncMarkerEveryApiRequestFailsClosed() {
        String tenant = activeTenant();
        unmarkSynced();
        get("/api/care/v1/tenants/" + tenant + "/volunteers", ISSUER.user(tenant))
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("identity-state-unavailable");
        get("/api/tenants/v1/tenants", ISSUER.platformAdmin()).expectStatus().isEqualTo(503);
        assertThat(CARE.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        // The documentation and probes do not depend on it.
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        markSynced();
        get("/api/care/v1/tenants/" + tenant + "/volunteers", ISSUER.user(tenant)).expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec get(String path, TestIssuer.Token token) {
        return web.get().uri(path).header("Authorization", token.bearer()).exchange();
    }
}
