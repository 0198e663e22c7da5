package org.warmnest.gateway.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who is calling and on which tenant, once the token is verified: kept as an exchange attribute for the rate
 * limits and the access log.
 *
 * @param subject     the token's {@code sub}
 * @param tokenTenant the token's {@code tenant} claim; null for platform admins and service accounts
 * @param pathTenant  the tenant named by the path ({@code /api/<svc>/v<n>/tenants/<code>/...}); null if none
 */
public record Caller(String subject, String tokenTenant, String pathTenant) {

    public static final String ATTRIBUTE = Caller.class.getName();

    private static final Pattern PATH_TENANT = Pattern.compile("^/api/[^/]+/v\\d+/tenants/(\\d{6})(?:/.*)?$");

    /** The tenant code in the path, when the path follows the convention and names a six-digit code. */
    public static String pathTenant(String path) {
        // decoded as the services decode it: /tenants/%3530402 names 530402 there, so it does here
        Matcher matcher = PATH_TENANT.matcher(decoded(path));
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static final Pattern LIFECYCLE = Pattern.compile(
            "^/api/tenants/v\\d+/tenants/\\d{6}(?:/(?:provisioning|suspend|activate|archive))?/?$");

    /** The paths that manage a tenant itself, served whatever the tenant's status (tenant-service's lifecycle paths). */
    public static boolean isTenantLifecyclePath(String path) {
        return LIFECYCLE.matcher(decoded(path)).matches();
    }

    private static String decoded(String path) {
        try {
            return org.springframework.web.util.UriUtils.decode(path, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return path;
        }
    }

    /** The tenant whose budget a request spends: the caller's own, else the one it acts on. */
    public String rateLimitTenant() {
        return tokenTenant != null ? tokenTenant : pathTenant;
    }

    public static Caller of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
