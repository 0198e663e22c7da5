package org.warmnest.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.IdentityStateReads.Reading;
import org.warmnest.platform.tenancy.TenantStatus;

/**
 * The service's identity check, as the gateway's: a token issued at 1000 by a user of 530402 acting on 530402,
 * against the state read from Redis.
 */
class IdentityGateTest {

    static final Instant ISSUED = Instant.ofEpochSecond(1000);

    @ParameterizedTest(name = "{0}: {6} {7}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "all well                              | true  | null | ACTIVE    | ACTIVE    | 530402 | 200 | null",
            "state not written whole               | false | null | ACTIVE    | ACTIVE    | 530402 | 503 | identity-state-unavailable",
            "disabled after the token              | true  | 1000 | ACTIVE    | ACTIVE    | 530402 | 401 | token-revoked",
            "disabled before the token (re-enabled)| true  | 999  | ACTIVE    | ACTIVE    | 530402 | 200 | null",
            "own tenant suspended                  | true  | null | SUSPENDED | ACTIVE    | 530402 | 403 | tenant-suspended",
            "own tenant archived                   | true  | null | ARCHIVED  | ACTIVE    | 530402 | 403 | tenant-archived",
            "path tenant suspended                 | true  | null | ACTIVE    | SUSPENDED | 530402 | 403 | tenant-suspended",
            "path tenant archived                  | true  | null | ACTIVE    | ARCHIVED  | 530402 | 410 | tenant-archived",
            "path tenant unknown: the registry's   | true  | null | ACTIVE    | null      | 530402 | 200 | null",
            "lifecycle path (no path tenant asked) | true  | null | ACTIVE    | null      | null   | 200 | null",
            "provisioning: the registry's          | true  | null | ACTIVE    | PROVISIONING | 530402 | 200 | null" })
    void refusal(String name, boolean synced, Long revokedAt, TenantStatus own, TenantStatus path, String pathTenant,
            int status, String code) {
        Reading state = new Reading(synced, revokedAt == null ? OptionalLong.empty() : OptionalLong.of(revokedAt),
                own, path);
        Optional<ProblemException> refusal = IdentityGate.refusal(state, ISSUED, "530402", pathTenant);
        assertThat(refusal.map(r -> r.status().value()).orElse(200)).isEqualTo(status);
        assertThat(refusal.map(ProblemException::code).orElse(null)).isEqualTo(code);
    }

    @ParameterizedTest(name = "reply {0}")
    @CsvSource(delimiter = '|', value = { "unsynced", "synced,,ACTIVE,", "synced,12x,ACTIVE,SUSPENDED" })
    void readsTheScriptsReply(String reply) {
        Reading r = IdentityStateReads.reading(java.util.List.of(reply.split(",", -1)));
        switch (reply) {
        case "unsynced" -> assertThat(r.synced()).isFalse();
        case "synced,,ACTIVE," -> assertThat(r).isEqualTo(new Reading(true, OptionalLong.empty(),
                TenantStatus.ACTIVE, null));
        default -> {
            // a revocation that cannot be read refuses every token of the user
            assertThat(r.revokedAt()).hasValue(Long.MAX_VALUE);
            assertThat(r.pathTenant()).isEqualTo(TenantStatus.SUSPENDED);
        }
        }
    }
}
