package org.warmnest.platform.test;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service under test at a fresh PostgreSQL database of its own (its requests as the application login,
 * its migrations as the migration login) and at the test issuer. One
 * database per Spring test context, so cached contexts keep their data apart.
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
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("warmnest-test", p));
    }
}
