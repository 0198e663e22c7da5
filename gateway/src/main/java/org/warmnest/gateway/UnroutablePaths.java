package org.warmnest.gateway;

import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.warmnest.gateway.problem.Problem;
import org.warmnest.gateway.problem.ProblemResponses;

import reactor.core.publisher.Mono;

/**
 * The services' {@code /internal/**} endpoints are for service accounts inside the cluster and are never
 * reachable through the gateway. No route names them, but a routed path is forwarded as written and the
 * service normalises it: {@code /api/care/../../internal/...} or its percent-encoded forms would arrive as
 * an internal path. So any path with dot segments, encoded dots or slashes, or backslashes is refused too
 * (404 {@code not-found}, before authentication: such a path is never served, whoever asks).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class UnroutablePaths implements WebFilter {

    private final ProblemResponses problems;

    UnroutablePaths(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        if (raw != null && isUnroutable(raw)) {
            return problems.write(exchange, Problem.notFound());
        }
        return chain.filter(exchange);
    }

    static boolean isUnroutable(String rawPath) {
        String path = rawPath.toLowerCase(Locale.ROOT);
        if (path.equals("/internal") || path.startsWith("/internal/") || path.contains("%2e") || path.contains("%2f")
                || path.contains("%5c") || path.contains("\\") || path.contains(";")) {
            return true;
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
