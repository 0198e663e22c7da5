package org.warmnest.platform.test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.warmnest.platform.security.HandlerAuthorization;
import org.warmnest.platform.security.Roles;

/**
 * Every endpoint of a service (its handler methods, and the platform's) with the roles its
 * {@code @PreAuthorize} admits, each role judged alone with the service's own expression handler. A service's
 * guard test holds them to the rules and to its role matrix, so an endpoint added without a rule fails the build.
 */
public final class EndpointRoles {

    /** Roles that never change anything. */
    public static final Set<String> READ_ONLY = Set.of(Roles.AUDITOR, Roles.VOLUNTEER);

    private static final Set<RequestMethod> READS = EnumSet.of(RequestMethod.GET, RequestMethod.HEAD,
            RequestMethod.OPTIONS);

    /**
     * @param controller the handler's class
     * @param admitted   empty when the endpoint has no rule or one that cannot be judged without its arguments
     */
    public record Endpoint(String name, Class<?> controller, boolean writes, Optional<String> rule,
            Optional<Set<String>> admitted) {
    }

    private EndpointRoles() {
    }

    public static List<Endpoint> of(ApplicationContext context) {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        HandlerAuthorization authorization = context.getBean(HandlerAuthorization.class);
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = e.getValue();
            if (!handler.getBeanType().getName().startsWith("org.warmnest.")
                    || org.springframework.boot.webmvc.error.ErrorController.class.isAssignableFrom(handler.getBeanType())) {
                continue; // the error page and the framework's own (OpenAPI documents), open by the filter chain's rules
            }
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            String name = (methods.isEmpty() ? "ANY" : methods.stream().map(Enum::name).sorted()
                    .collect(Collectors.joining(","))) + " " + String.join(",", e.getKey().getPatternValues());
            endpoints.add(new Endpoint(name, handler.getBeanType(), methods.isEmpty() || !READS.containsAll(methods),
                    authorization.expressionOf(handler), authorization.admittedRoles(handler)));
        }
        return endpoints;
    }

    /** What breaks the rules: no rule, a rule that cannot be judged alone, no role admitted, a read-only role writing. */
    public static List<String> violations(List<Endpoint> endpoints) {
        List<String> found = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (e.rule().isEmpty()) {
                found.add(e.name() + ": no @PreAuthorize");
            } else if (e.admitted().isEmpty()) {
                found.add(e.name() + ": @PreAuthorize(\"" + e.rule().get() + "\") cannot be judged by role");
            } else if (e.admitted().get().isEmpty()) {
                found.add(e.name() + ": admits no role");
            } else if (e.writes()) {
                e.admitted().get().stream().filter(READ_ONLY::contains)
                        .forEach(role -> found.add(e.name() + ": a write admits " + role));
            }
        }
        return found;
    }

    /** Endpoint name (methods and path) to the roles it admits, sorted: compare it with the documented matrix. */
    public static Map<String, Set<String>> matrix(List<Endpoint> endpoints) {
        Map<String, Set<String>> matrix = new TreeMap<>();
        endpoints.forEach(e -> matrix.put(e.name(), e.admitted().orElse(Set.of())));
        return matrix;
    }

    /** A role set as a matrix row is written. */
    public static Set<String> roles(String... roles) {
        return new java.util.TreeSet<>(List.of(roles));
    }
}
