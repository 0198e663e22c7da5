package org.warmnest.tenant.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the realm is, and how tenant state reaches the gateway.
 *
 * @param enabled           manage groups and users in Keycloak; off only in tests that do not need it (user
 *                          administration then answers 503 {@code identity-disabled})
 * @param serverUrl         Keycloak's base address, e.g. {@code http://127.0.0.1:8180}
 * @param realm             the realm, {@code warmnest}
 * @param clientId          tenant-service's own client (client credentials; its service account holds
 *                          realm-management's manage-users, view-users, query-users, query-groups, view-realm)
 * @param clientSecret      its secret
 * @param statePrefix       prefix of the Redis keys the gateway reads (see {@link IdentityState})
 * @param stateSyncInterval how often the whole tenant state is written again (it also heals a Redis restart)
 * @param revocationTtl     how long a disabled user's revocation is kept for the gateway: longer than the longest
 *                          access token (5 minutes in the realm), after which Keycloak refuses the user anyway
 */
@ConfigurationProperties("warmnest.identity")
public record IdentityProperties(Boolean enabled, String serverUrl, String realm, String clientId, String clientSecret,
        String statePrefix, Duration stateSyncInterval, Duration revocationTtl) {

    public IdentityProperties {
        enabled = enabled == null || enabled;
        realm = realm == null ? "warmnest" : realm;
        statePrefix = statePrefix == null ? "warmnest:" : statePrefix;
        stateSyncInterval = stateSyncInterval == null ? Duration.ofSeconds(15) : stateSyncInterval;
        revocationTtl = revocationTtl == null ? Duration.ofMinutes(15) : revocationTtl;
    }

    public boolean isEnabled() {
        return enabled;
    }
}
