package org.warmnest.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.warmnest.platform.config.PlatformDefaults;

/**
 * billing-service reaches tenant-service and care-service where the deployment says, with its own service token:
 * the same environment variables as the other services, which the platform's defaults read (a contract cannot be
 * drafted, signed or claimed without), and its own client name and local secret from its application name.
 */
class NeighbourConfigurationTest {

    static StandardEnvironment environment(Map<String, Object> variables, String... profiles) throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        env.setActiveProfiles(profiles);
        // only what the test gives, whatever the machine's own environment holds
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new MapPropertySource("deployment", variables));
        for (var source : new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))) {
            env.getPropertySources().addLast(source);
        }
        new PlatformDefaults().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void theNeighboursAndTheServiceAccountComeFromTheDeploymentsVariables() throws Exception {
        StandardEnvironment env = environment(Map.of("WARMNEST_TENANT_URL", "http://tenant-service:8081",
                "WARMNEST_CARE_URL", "http://care-service:8082",
                "WARMNEST_TOKEN_URI", "http://keycloak:8180/realms/warmnest/protocol/openid-connect/token",
                "WARMNEST_CLIENT_ID", "billing-service", "WARMNEST_CLIENT_SECRET", "s3cret"));
        assertThat(env.getProperty("warmnest.services.tenant-url")).isEqualTo("http://tenant-service:8081");
        assertThat(env.getProperty("warmnest.services.care-url")).isEqualTo("http://care-service:8082");
        assertThat(env.getProperty("warmnest.service-auth.token-uri"))
                .isEqualTo("http://keycloak:8180/realms/warmnest/protocol/openid-connect/token");
        assertThat(env.getProperty("warmnest.service-auth.client-secret")).isEqualTo("s3cret");
    }

    @Test
    void locallyTheyDefaultToTheLocalProductAndOnlyTheLocalProfileToItsSecret() throws Exception {
        StandardEnvironment env = environment(Map.of());
        assertThat(env.getProperty("warmnest.services.tenant-url")).isEqualTo("http://127.0.0.1:8081");
        assertThat(env.getProperty("warmnest.services.care-url")).isEqualTo("http://127.0.0.1:8082");
        assertThat(env.getProperty("warmnest.service-auth.client-id")).isEqualTo("billing-service");
        assertThat(env.getProperty("warmnest.service-auth.client-secret")).isEmpty();
        assertThat(environment(Map.of(), "local").getProperty("warmnest.service-auth.client-secret"))
                .isEqualTo("dev-billing-service-secret");
    }
}
