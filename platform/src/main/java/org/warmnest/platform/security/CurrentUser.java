package org.warmnest.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;

/**
 * The caller as the access token describes it. The claim contract the identity provider must honour:
 * {@code sub}; {@code tenant} (the user's home tenant code, absent for platform admins and services);
 * {@code contractor} (the contractor's id, for contractor staff); roles in {@code realm_access.roles}.
 */
public record CurrentUser(String subject, String username, Optional<TenantCode> tenant, Optional<String> contractor,
        Set<String> roles) {

    public static final String TENANT_CLAIM = "tenant";
    public static final String CONTRACTOR_CLAIM = "contractor";

    public static CurrentUser from(Jwt jwt) {
        String tenant = jwt.getClaimAsString(TENANT_CLAIM);
        String contractor = jwt.getClaimAsString(CONTRACTOR_CLAIM);
        String username = jwt.getClaimAsString("preferred_username");
        return new CurrentUser(jwt.getSubject(), username == null ? jwt.getSubject() : username,
                tenant == null || tenant.isBlank() ? Optional.empty()
                        : Optional.of(TenantCode.isValid(tenant) ? TenantCode.of(tenant) : invalidClaim()),
                Optional.ofNullable(contractor).filter(c -> !c.isBlank()).map(CurrentUser::contractorId),
                realmRoles(jwt));
    }

    /** The caller of the current request; fails if the request is not authenticated with a token. */
    public static CurrentUser get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken token) {
            return from(token.getToken());
        }
        throw new ProblemException(HttpStatus.UNAUTHORIZED, "unauthenticated");
    }

    public static Set<String> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return Set.of();
        }
        return roles.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    /** The contractor whose staff the caller is; contractor staff see only their contractor's records. */
    public Optional<java.util.UUID> contractorId() {
        return contractor.map(java.util.UUID::fromString);
    }

    /**
     * The contractor whose records alone the caller may reach, for features scoped to contractors. Contractor
     * staff without a contractor in their token are refused, never widened to the whole tenant.
     */
    public Optional<java.util.UUID> contractorScope() {
        Optional<java.util.UUID> contractor = contractorId();
        if (contractor.isEmpty() && hasAnyRole(Roles.CONTRACTOR_MANAGER, Roles.CARE_WORKER)
                && !hasAnyRole(Roles.BUREAU_ADMIN, Roles.PLATFORM_ADMIN)) {
            throw ProblemException.forbidden("contractor-claim-missing");
        }
        return contractor;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... wanted) {
        return List.of(wanted).stream().anyMatch(roles::contains);
    }

    public boolean isPlatformAdmin() {
        return hasRole(Roles.PLATFORM_ADMIN);
    }

    public boolean isService() {
        return hasRole(Roles.SERVICE);
    }

    /** A contractor is named by its id; anything else in the claim is refused, not guessed at. */
    private static String contractorId(String claim) {
        try {
            return java.util.UUID.fromString(claim).toString();
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "contractor-claim-invalid");
        }
    }

    private static TenantCode invalidClaim() {
        throw new ProblemException(HttpStatus.FORBIDDEN, "tenant-claim-missing");
    }
}
