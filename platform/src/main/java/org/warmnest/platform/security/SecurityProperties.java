package org.warmnest.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service checks access tokens, and which API paths need no tenant.
 *
 * @param issuer         the only accepted {@code iss}
 * @param jwksUri        where the issuer's signing keys are published
 * @param audience       a value the token's {@code aud} must contain
 * @param platformPaths  API paths served without a tenant (path patterns), e.g. the tenant directory
 * @param lifecyclePaths tenant paths that manage the tenant itself and are served whatever its status
 */
@ConfigurationProperties("warmnest.security")
public record SecurityProperties(String issuer, String jwksUri, String audience, List<String> platformPaths,
        List<String> lifecyclePaths) {

    public SecurityProperties {
        audience = audience == null ? "warmnest-api" : audience;
        platformPaths = platformPaths == null ? List.of() : List.copyOf(platformPaths);
        lifecyclePaths = lifecyclePaths == null ? List.of() : List.copyOf(lifecyclePaths);
    }
}
