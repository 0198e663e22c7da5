package org.warmnest.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.warmnest.gateway.identity.IdentityState.Reading;
import org.warmnest.gateway.identity.IdentityState.TenantStatus;
import org.warmnest.gateway.problem.Problem;

class IdentityPolicyTest {

    static final long REVOKED_AT = 1_800_000_000L;

    @ParameterizedTest(name = "synced={0} revokedAt={1} iat={2} token {3}={4} path {5}={6} -> {7}")
    @CsvSource(nullValues = "-", value = {
            // synced, revoked at, iat, token tenant, its status, path tenant, its status, refusal
            "false, -, 0, 530402, ACTIVE, 530402, ACTIVE, identity-state-unavailable",
            "true, -, 0, 530402, ACTIVE, 530402, ACTIVE, -",
            "true, -, 0, -, -, -, -, -",
            // revocation: at or before the instant is refused; after passes; no iat cannot prove it is newer
            "true, 1800000000, 1799999999, -, -, -, -, token-revoked",
            "true, 1800000000, 1800000000, -, -, -, -, token-revoked",
            "true, 1800000000, 1800000001, -, -, -, -, -",
            "true, 1800000000, -, -, -, -, -, token-revoked",
            // the token's tenant must be active
            "true, -, 0, 530402, SUSPENDED, -, -, tenant-suspended",
            "true, -, 0, 530402, ARCHIVED, -, -, tenant-archived",
            "true, -, 0, 530402, PROVISIONING, -, -, tenant-not-ready",
            "true, -, 0, 530402, -, -, -, tenant-unknown",
            // the path's tenant: only suspended and archived are the gateway's to refuse
            "true, -, 0, -, -, 530423, SUSPENDED, tenant-suspended",
            "true, -, 0, -, -, 530423, ARCHIVED, tenant-archived",
            "true, -, 0, -, -, 530423, PROVISIONING, -",
            "true, -, 0, -, -, 530423, -, -",
            "true, -, 0, 530400, ACTIVE, 530423, SUSPENDED, tenant-suspended",
            // the token's tenant is judged first
            "true, -, 0, 530400, ARCHIVED, 530423, SUSPENDED, tenant-archived" })
    void decides(boolean synced, Long revokedAt, Long iat, String tokenTenant, TenantStatus tokenStatus,
            String pathTenant, TenantStatus pathStatus, String refusal) {
        Reading reading = new Reading(synced, revokedAt == null ? OptionalLong.empty() : OptionalLong.of(revokedAt),
                tokenStatus, pathStatus);
        Caller caller = new Caller("user-1", tokenTenant, pathTenant);
        assertThat(IdentityPolicy.refusal(reading, iat == null ? null : Instant.ofEpochSecond(iat), caller)
                .map(Problem::code).orElse(null)).isEqualTo(refusal);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "/api/care/v1/tenants/530402/volunteers, 530402",
            "/api/tenants/v1/tenants/530402, 530402",
            "/api/billing/v2/tenants/530400/allocations/7, 530400",
            "/api/tenants/v1/tenants, -",
            "/api/tenants/v1/tenants/53040/areas, -",
            "/api/tenants/v1/tenants/5304021/areas, -",
            "/api/tenants/v1/contractors/530402, -",
            "/api/care/tenants/530402/volunteers, -",
            "/docs/care/v3/api-docs, -" })
    void findsTheTenantInThePath(String path, String tenant) {
        assertThat(Caller.pathTenant(path)).isEqualTo(tenant);
    }
}
