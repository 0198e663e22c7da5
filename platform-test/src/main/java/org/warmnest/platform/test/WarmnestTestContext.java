package org.warmnest.platform.test;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service under test at a fresh PostgreSQL database of its own (its requests as the application login,
 * its migrations as the migration login), at the test issuer, and at the real Redis under a key prefix of its own.
 * One database and one prefix per Spring test context, so cached contexts keep their data apart.
 */
public class WarmnestTestContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabases.Database db = TestDatabases.create();
        TestIssuer issuer = TestIssuer.get();
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", db.url());
        p.put("spring.datasource.username", db.username());
        p.put("spring.datasource.password", db.password());
        p.put("warmnest.database.migration-username", db.migrationUsername());
        p.put("warmnest.database.migration-password", db.migrationPassword());
        p.put("warmnest.security.issuer", issuer.issuer());
        p.put("warmnest.security.jwks-uri", issuer.jwksUri());
        p.put("warmnest.security.audience", TestIssuer.AUDIENCE);
        p.put("warmnest.service-auth.token-uri", issuer.tokenUri());
        p.put("warmnest.service-auth.client-id", "test-service");
        p.put("warmnest.service-auth.client-secret", "test-secret");
        p.put("warmnest.tenancy.status-cache-ttl", "0s");
        // The identity state and engagement changes under keys of this context's own, read afresh on every request;
        // written whole (the sync marker), as tenant-service does once it runs.
        String prefix = "warmnest-test:" + java.util.UUID.randomUUID() + ":";
        p.put("warmnest.identity.state-prefix", prefix);
        // a test that looks at the caches themselves sets its own (@TestPropertySource)
        for (String ttl : new String[] { "warmnest.identity.state-cache-ttl", "warmnest.contractor-scope.cache-ttl" }) {
            if (!context.getEnvironment().containsProperty(ttl)) {
                p.put(ttl, "0s");
            }
        }
        p.put("spring.data.redis.host", TestIdentityState.host());
        p.put("spring.data.redis.port", String.valueOf(TestIdentityState.port()));
        String redisPassword = System.getenv("WARMNEST_TEST_REDIS_PASSWORD");
        if (redisPassword != null && !redisPassword.isBlank()) {
            p.put("spring.data.redis.password", redisPassword);
        }
        TestIdentityState.of(prefix).synced();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("warmnest-test", p));
    }
}
