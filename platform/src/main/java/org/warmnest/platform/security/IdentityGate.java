package org.warmnest.platform.security;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.problem.ProblemWriter;
import org.warmnest.platform.security.IdentityStateReads.Reading;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantStatus;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The gateway's identity check, made again by every service right after the token is verified, so that a token
 * sent straight to a service is held to the same state: a user disabled after the token was issued gets
 * {@code 401 token-revoked}; a suspended or archived tenant, the token's own or the path's, is refused; while the
 * state cannot be read (Redis unreachable, or tenant-service has not written it whole yet) every authenticated
 * request gets {@code 503 identity-state-unavailable}. Fail closed. A tenant unknown to the state or still
 * provisioning is left to the service's own registry ({@link TenantRequestFilter}).
 */
public class IdentityGate extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdentityGate.class);
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final IdentityStateReads state;
    private final ProblemWriter problems;
    private final List<PathPattern> lifecyclePaths;

    public IdentityGate(IdentityStateReads state, ProblemWriter problems, List<String> lifecyclePaths) {
        this.state = state;
        this.problems = problems;
        this.lifecyclePaths = lifecyclePaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = PATHS.getPathWithinApplication(request);
        return path.equals("/error") || path.startsWith("/actuator/") || path.equals("/actuator")
                || path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken token)) {
            chain.doFilter(request, response); // authorization answers 401
            return;
        }
        Jwt jwt = token.getToken();
        String tokenTenant = validTenant(jwt.getClaimAsString(CurrentUser.TENANT_CLAIM));
        String pathTenant = pathTenant(PATHS.getPathWithinApplication(request));
        Optional<ProblemException> refusal;
        try {
            refusal = refusal(state.read(jwt.getSubject(), tokenTenant, pathTenant), jwt.getIssuedAt(), tokenTenant,
                    pathTenant);
        } catch (RuntimeException e) {
            log.warn("identity state unreadable, refusing: {}", e.toString());
            refusal = Optional.of(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "identity-state-unavailable"));
        }
        if (refusal.isPresent()) {
            if (refusal.get().status() == HttpStatus.UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            }
            problems.write(request, response, refusal.get());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the token may pass, given the state; the same rules as the gateway's. */
    static Optional<ProblemException> refusal(Reading state, Instant issuedAt, String tokenTenant,
            String pathTenant) {
        if (!state.synced()) {
            return Optional.of(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "identity-state-unavailable"));
        }
        if (state.revokedAt().isPresent()
                && (issuedAt == null || issuedAt.getEpochSecond() <= state.revokedAt().getAsLong())) {
            return Optional.of(new ProblemException(HttpStatus.UNAUTHORIZED, "token-revoked"));
        }
        if (tokenTenant != null) {
            if (state.tokenTenant() == TenantStatus.SUSPENDED) {
                return Optional.of(ProblemException.forbidden("tenant-suspended", tokenTenant));
            }
            if (state.tokenTenant() == TenantStatus.ARCHIVED) {
                return Optional.of(ProblemException.forbidden("tenant-archived", tokenTenant));
            }
        }
        if (pathTenant != null) {
            // as the service's registry answers for its tenants
            if (state.pathTenant() == TenantStatus.SUSPENDED) {
                return Optional.of(ProblemException.forbidden("tenant-suspended", pathTenant));
            }
            if (state.pathTenant() == TenantStatus.ARCHIVED) {
                return Optional.of(new ProblemException(HttpStatus.GONE, "tenant-archived", pathTenant));
            }
        }
        return Optional.empty();
    }

    /** The tenant the path acts on; none for a path managing the tenant itself, served whatever its status. */
    private String pathTenant(String path) {
        Matcher m = TenantRequestFilter.TENANT_PATH.matcher(path);
        if (!m.matches() || !TenantCode.isValid(m.group(1))) {
            return null;
        }
        PathContainer container = PathContainer.parsePath(path);
        return lifecyclePaths.stream().anyMatch(p -> p.matches(container)) ? null : m.group(1);
    }

    private static String validTenant(String claim) {
        return claim != null && TenantCode.isValid(claim) ? claim : null;
    }
}
