package org.warmnest.tenant.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

    @Bean
    IdentityDirectory identityDirectory(IdentityProperties properties) {
        return properties.isEnabled() ? new KeycloakDirectory(properties) : new Disabled();
    }

    /**
     * No realm to manage (tests that do not need one): tenants get no group, and user administration answers
     * 503 {@code identity-disabled}.
     */
    static final class Disabled implements IdentityDirectory {

        @Override
        public void ensureTenantGroup(TenantCode tenant, String name) {
        }

        @Override
        public void ensureContractorGroup(TenantCode tenant, UUID contractor, String name) {
            throw refused();
        }

        @Override
        public DirectoryUser create(NewDirectoryUser user) {
            throw refused();
        }

        @Override
        public List<DirectoryUser> members(TenantCode tenant, Optional<UUID> contractor, int first, int max) {
            throw refused();
        }

        @Override
        public Optional<DirectoryUser> find(String userId) {
            throw refused();
        }

        @Override
        public void disable(String userId, Disabler disabler) {
            throw refused();
        }

        @Override
        public void enable(String userId) {
            throw refused();
        }

        @Override
        public void delete(String userId) {
            throw refused();
        }

        private static ProblemException refused() {
            return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "identity-disabled");
        }
    }
}
