package org.warmnest.gateway.identity;

import java.time.Instant;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.warmnest.gateway.identity.IdentityState.Reading;
import org.warmnest.gateway.identity.IdentityState.TenantStatus;
import org.warmnest.gateway.problem.Problem;

/**
 * Whether a verified token may pass, given the identity state: the state must be synced; a token issued at or
 * before its subject was disabled is revoked; the token's tenant must be active; a tenant in the path that is
 * suspended or archived is refused (anything else about the path tenant is left to the service, which checks
 * again against its own registry).
 */
final class IdentityPolicy {

    private IdentityPolicy() {
    }

    static Optional<Problem> refusal(Reading state, Instant issuedAt, Caller caller) {
        if (!state.synced()) {
            return Optional.of(Problem.identityStateUnavailable());
        }
        if (state.revokedAt().isPresent()
                && (issuedAt == null || issuedAt.getEpochSecond() <= state.revokedAt().getAsLong())) {
            return Optional.of(Problem.tokenRevoked());
        }
        if (caller.tokenTenant() != null) {
            Optional<Problem> refused = refusalOf(caller.tokenTenant(), state.tokenTenant());
            if (refused.isPresent()) {
                return refused;
            }
        }
        if (caller.pathTenant() != null && (state.pathTenant() == TenantStatus.SUSPENDED
                || state.pathTenant() == TenantStatus.ARCHIVED)) {
            return refusalOf(caller.pathTenant(), state.pathTenant());
        }
        return Optional.empty();
    }

    private static Optional<Problem> refusalOf(String tenant, TenantStatus status) {
        if (status == null) {
            return Optional.of(Problem.of(HttpStatus.FORBIDDEN, "tenant-unknown", tenant));
        }
        return switch (status) {
            case ACTIVE -> Optional.empty();
            case PROVISIONING -> Optional.of(Problem.of(HttpStatus.FORBIDDEN, "tenant-not-ready", tenant));
            case SUSPENDED -> Optional.of(Problem.of(HttpStatus.FORBIDDEN, "tenant-suspended", tenant));
            case ARCHIVED -> Optional.of(Problem.of(HttpStatus.FORBIDDEN, "tenant-archived", tenant));
        };
    }
}
