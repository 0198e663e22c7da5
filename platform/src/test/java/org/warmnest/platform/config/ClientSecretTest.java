package org.warmnest.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** A service's client secret has no fallback outside the local profile: without one the service does not start. */
class ClientSecretTest {

    private static String resolvedSecret(Map<String, Object> properties, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        environment.setActiveProfiles(profiles);
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("warmnest.service-auth.client-secret");
    }

    @Test
    void withoutTheVariableThereIsNoSecretAndTheServiceRefusesToStart() {
        String secret = resolvedSecret(Map.of("spring.application.name", "care-service"));
        assertThat(secret).isEmpty();
        assertThatThrownBy(() -> PlatformDefaults.requireClientSecret(secret))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WARMNEST_CLIENT_SECRET");
    }

    @Test
    void theVariableIsTheSecret() {
        assertThat(resolvedSecret(Map.of("spring.application.name", "care-service", "WARMNEST_CLIENT_SECRET",
                "s3cret"))).isEqualTo("s3cret");
    }

    @Test
    void onlyTheLocalProfileFallsBackToTheLocalRealmsDevelopmentSecret() {
        String secret = resolvedSecret(Map.of("spring.application.name", "care-service"), "local");
        assertThat(secret).isEqualTo("dev-care-service-secret");
        PlatformDefaults.requireClientSecret(secret);
    }
}
