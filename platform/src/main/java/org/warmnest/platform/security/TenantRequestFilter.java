package org.warmnest.platform.security;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.warmnest.platform.migration.TenantSchemaMigrator;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.problem.ProblemWriter;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.tenancy.TenantContextAccess;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Resolves the tenant a request acts on, or refuses it. One convention everywhere: the tenant's code is the
 * path segment after {@code /tenants/} in {@code /api/<service>/v<n>/tenants/<code>/...}
 * (and {@code /internal/v<n>/tenants/<code>/...}). The code must be valid, within the caller's scope, and
 * the tenant active here; only then is the tenant set for the request, and it is cleared afterwards.
 * <p>
 * An API path without a tenant is served only when the service declares it a platform path (such as the
 * tenant directory itself); anything else is refused. There is no default tenant.
 */
public class TenantRequestFilter extends OncePerRequestFilter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TenantRequestFilter.class);
    private static final org.springframework.web.util.UrlPathHelper PATHS = new org.springframework.web.util.UrlPathHelper();

    static final Pattern TENANT_PATH = Pattern.compile("^/(?:api/[a-z][a-z-]*|internal)/v[0-9]+/tenants/([^/]+)(/.*)?$");

    private final TenantAccessPolicy policy;
    private final TenantRegistry registry;
    private final TenantSchemaMigrator migrator;
    private final ProblemWriter problems;
    private final List<PathPattern> platformPaths;
    private final List<PathPattern> lifecyclePaths;

    public TenantRequestFilter(TenantAccessPolicy policy, TenantRegistry registry, TenantSchemaMigrator migrator,
            ProblemWriter problems, List<String> platformPaths, List<String> lifecyclePaths) {
        this.policy = policy;
        this.registry = registry;
        this.migrator = migrator;
        this.problems = problems;
        this.platformPaths = platformPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.lifecyclePaths = lifecyclePaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    /** Only what is open to everyone is left alone; every other path either names a tenant or is declared. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
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
        String path = path(request);
        Matcher m = TENANT_PATH.matcher(path);
        TenantCode tenant;
        try {
            if (!m.matches()) {
                if (path.startsWith("/internal/") || matches(platformPaths, path)) {
                    chain.doFilter(request, response);
                    return;
                }
                throw new ProblemException(HttpStatus.BAD_REQUEST, "tenant-required");
            }
            tenant = TenantCode.of(m.group(1));
            policy.authorize(CurrentUser.from(token.getToken()), tenant);
            if (matches(lifecyclePaths, path)) {
                chain.doFilter(request, response); // managing the tenant itself, whatever its status
                return;
            }
            requireServable(tenant);
        } catch (ProblemException e) {
            problems.write(request, response, e);
            return;
        } catch (RuntimeException e) {
            log.error("Tenant resolution failed", e);
            problems.write(request, response,
                    new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error"));
            return;
        }
        TenantContextAccess.set(tenant);
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContextAccess.clear();
        }
    }

    private void requireServable(TenantCode tenant) {
        TenantStatus status = registry.status(tenant)
                .orElseThrow(() -> ProblemException.notFound("tenant-not-found", tenant.value()));
        switch (status) {
            case ACTIVE -> {
                if (migrator != null && migrator.isBroken(tenant)) {
                    throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "tenant-schema-incomplete",
                            tenant.value(), "");
                }
            }
            case PROVISIONING -> throw new ProblemException(HttpStatus.CONFLICT, "tenant-not-ready", tenant.value());
            case SUSPENDED -> throw new ProblemException(HttpStatus.FORBIDDEN, "tenant-suspended", tenant.value());
            case ARCHIVED -> throw new ProblemException(HttpStatus.GONE, "tenant-archived", tenant.value());
        }
    }

    private static boolean matches(List<PathPattern> patterns, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return patterns.stream().anyMatch(p -> p.matches(container));
    }

    /** The decoded path within the application: what the handler mappings will match, not the raw URI. */
    private static String path(HttpServletRequest request) {
        return PATHS.getPathWithinApplication(request);
    }

    /** Exposed for tests of the path convention. */
    static boolean isTenantPath(String path) {
        return TENANT_PATH.matcher(path).matches();
    }
}
