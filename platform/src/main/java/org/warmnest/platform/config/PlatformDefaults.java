package org.warmnest.platform.config;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.warmnest.platform.tenancy.SchemaPerTenantConnectionProvider;

/** Settings every service shares, at the lowest precedence so a service or the environment can override them. */
public class PlatformDefaults implements EnvironmentPostProcessor {

    /** The profile of a service run on a developer's machine against the local realm. */
    public static final String LOCAL_PROFILE = "local";

    /** A service calls its neighbours with its own client's secret: there is none by default outside the local profile. */
    static void requireClientSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("No client secret: set WARMNEST_CLIENT_SECRET"
                    + " (warmnest.service-auth.client-secret) to the secret of the service's Keycloak client."
                    + " Only the '" + LOCAL_PROFILE + "' profile falls back to the local realm's development secret.");
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> d = new HashMap<>();
        d.put("spring.jpa.open-in-view", "false");
        d.put("spring.jpa.hibernate.ddl-auto", "none");
        d.put("spring.jpa.properties.hibernate.jdbc.time_zone", "UTC");
        d.put("spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access", "false");
        d.put("spring.jpa.database-platform", "org.hibernate.dialect.PostgreSQLDialect");
        // bulk writes (imports) go to the database in batches, not a statement per row
        d.put("spring.jpa.properties.hibernate.jdbc.batch_size", "200");
        d.put("spring.jpa.properties.hibernate.order_inserts", "true");
        d.put("spring.jpa.properties.hibernate.order_updates", "true");
        // A pooled connection outside a tenant points at a schema that never exists, and is reset to it on return.
        d.put("spring.datasource.hikari.schema", SchemaPerTenantConnectionProvider.NO_TENANT_SCHEMA);
        d.put("spring.datasource.hikari.maximum-pool-size", "10");
        d.put("spring.liquibase.enabled", "false");
        d.put("spring.messages.basename", "messages,platform-messages");
        d.put("spring.messages.fallback-to-system-locale", "false");
        d.put("spring.web.locale", "zh_CN");
        d.put("spring.web.locale-resolver", "accept-header");
        d.put("server.error.include-stacktrace", "never");
        d.put("server.error.include-message", "never");
        d.put("server.shutdown", "graceful");
        // Bureaus upload spreadsheets of tens of thousands of rows.
        d.put("spring.servlet.multipart.max-file-size", "20MB");
        d.put("spring.servlet.multipart.max-request-size", "21MB");
        // Behind the gateway: X-Forwarded-* (client address, scheme, host) are believed from the trusted proxies only
        // (Tomcat's RemoteIpValve), loopback unless WARMNEST_TRUSTED_PROXIES (a regular expression of addresses)
        // names the gateway's; from anyone else they are ignored. The OpenAPI server URL is pinned (PublicAddress).
        d.put("server.forward-headers-strategy", "native");
        d.put("server.tomcat.remoteip.internal-proxies",
                "${WARMNEST_TRUSTED_PROXIES:127\\.\\d+\\.\\d+\\.\\d+|0:0:0:0:0:0:0:1|::1}");
        d.put("warmnest.public-url", "${WARMNEST_PUBLIC_URL:http://127.0.0.1:8080}");
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.health.livenessstate.enabled", "true");
        d.put("management.health.readinessstate.enabled", "true");
        d.put("management.metrics.tags.application", "${spring.application.name:warmnest}");
        d.put("springdoc.swagger-ui.path", "/swagger-ui.html");
        // Every log line of a request names its trace (see TraceparentFilter); blank outside requests.
        d.put("logging.pattern.correlation", "[%X{traceId:-},%X{spanId:-}] ");
        d.put("logging.level.liquibase", "WARN");
        d.put("logging.level.com.zaxxer.hikari.pool.ProxyConnection", "ERROR");
        // The neighbours a service calls and its own client for calling them, from the same variables everywhere
        // (a service that lacked these once called its neighbours' local ports without a token when deployed).
        d.put("warmnest.services.tenant-url", "${WARMNEST_TENANT_URL:http://127.0.0.1:8081}");
        d.put("warmnest.services.care-url", "${WARMNEST_CARE_URL:http://127.0.0.1:8082}");
        d.put("warmnest.services.billing-url", "${WARMNEST_BILLING_URL:http://127.0.0.1:8083}");
        d.put("warmnest.service-auth.token-uri",
                "${WARMNEST_TOKEN_URI:http://127.0.0.1:8180/realms/warmnest/protocol/openid-connect/token}");
        d.put("warmnest.service-auth.client-id", "${WARMNEST_CLIENT_ID:${spring.application.name}}");
        // The local realm's development secret only where the local profile is on; anywhere else a service without
        // WARMNEST_CLIENT_SECRET does not start (requireClientSecret).
        d.put("warmnest.service-auth.client-secret", environment.matchesProfiles(LOCAL_PROFILE)
                ? "${WARMNEST_CLIENT_SECRET:dev-${spring.application.name}-secret}" : "${WARMNEST_CLIENT_SECRET:}");
        // The migration login, which owns the schemas (the application's login is spring.datasource.username).
        d.put("warmnest.database.migration-username", "${WARMNEST_DB_MIGRATION_USER:}");
        d.put("warmnest.database.migration-password", "${WARMNEST_DB_MIGRATION_PASSWORD:}");
        // Redis: the identity state tenant-service writes (IdentityGate) and its engagement changes (ContractorScope).
        // Standard properties, so that SPRING_DATA_REDIS_* or a service's own settings (a password) just work.
        d.put("spring.data.redis.host", "${WARMNEST_REDIS_HOST:127.0.0.1}");
        d.put("spring.data.redis.port", "${WARMNEST_REDIS_PORT:6379}");
        d.put("spring.data.redis.password", "${WARMNEST_REDIS_PASSWORD:}");
        // every request waits on it: fail fast (503) rather than hang
        d.put("spring.data.redis.connect-timeout", "1s");
        d.put("spring.data.redis.timeout", "2s");
        d.put("warmnest.identity.state-prefix", "${WARMNEST_IDENTITY_STATE_PREFIX:warmnest:}");
        environment.getPropertySources().addLast(new MapPropertySource("warmnest-platform-defaults", d));
    }
}
