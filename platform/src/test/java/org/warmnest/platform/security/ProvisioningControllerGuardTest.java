package org.warmnest.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.warmnest.platform.tenancy.ProvisioningController;
import org.warmnest.platform.tenancy.TenantProvisioner;

/** The platform's own endpoints, as a service's handler mapping sees them: service accounts only. */
class ProvisioningControllerGuardTest {

    final HandlerAuthorization authorization = new HandlerAuthorization(new DefaultMethodSecurityExpressionHandler());

    @Test
    void everyProvisioningEndpointAdmitsServiceAccountsOnly() {
        Map<RequestMappingInfo, HandlerMethod> handlers = handlers(new ProvisioningController(
                mock(TenantProvisioner.class), "tenant-service"));
        assertThat(handlers).hasSize(3);
        handlers.forEach((mapping, handler) -> assertThat(authorization.admittedRoles(handler))
                .as(mapping.toString()).contains(Set.of(Roles.SERVICE)));
    }

    @RestController
    static class Careless {
        @GetMapping("/careless/{id}")
        String read(@PathVariable String id) {
            return id;
        }

        @PostMapping("/careless/{id}")
        @PreAuthorize("#id == 'mine'")
        String byArgument(@PathVariable String id) {
            return id;
        }
    }

    /** The guard itself: an endpoint without a rule, or with one it cannot judge alone, has no role set. */
    @Test
    void anUnguardedOrArgumentBoundEndpointHasNoRoleSet() {
        handlers(new Careless()).forEach((mapping, handler) -> {
            assertThat(authorization.admittedRoles(handler)).as(mapping.toString()).isEmpty();
            assertThat(authorization.decide(handler, () -> null)).isIn(HandlerAuthorization.Verdict.UNGUARDED,
                    HandlerAuthorization.Verdict.DEFERRED);
        });
    }

    static Map<RequestMappingInfo, HandlerMethod> handlers(Object controller) {
        var context = new GenericWebApplicationContext(new MockServletContext());
        @SuppressWarnings("unchecked")
        Class<Object> type = (Class<Object>) controller.getClass();
        context.registerBean(type, () -> controller);
        context.refresh();
        RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping.getHandlerMethods();
    }
}
