package org.warmnest.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Services trust the forwarding headers (client address, host, scheme) and the trace context the gateway sends,
 * and must never see identity or tenant headers a client made up. So every such header a client sends is
 * dropped before anything else looks at the request; the gateway then adds its own {@code X-Forwarded-*} when it
 * routes, and {@link Correlation} its own {@code traceparent}. {@code Authorization} passes unchanged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientHeaders implements WebFilter {

    private static final Set<String> NAMES = Set.of("forwarded", "x-real-ip", "x-rewrite-url", "traceparent",
            "tracestate", "baggage", "b3", "true-client-ip", "x-originating-ip", "x-remote-ip", "x-remote-addr");
    private static final List<String> PREFIXES = List.of("x-forwarded-", "x-original-", "x-tenant", "x-user",
            "x-warmnest-", "x-auth", "x-internal", "x-envoy-", "x-amzn-", "x-b3-");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        List<String> dropped = headers.headerNames().stream().filter(ClientHeaders::isDropped).toList();
        if (dropped.isEmpty()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(r -> r.headers(h -> dropped.forEach(h::remove))).build());
    }

    static boolean isDropped(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        // "-ip" endings cover the proxies' client-address headers: Client-IP, X-Client-IP, CF-Connecting-IP...
        return NAMES.contains(lower) || lower.endsWith("client-ip") || lower.endsWith("connecting-ip")
                || PREFIXES.stream().anyMatch(lower::startsWith);
    }
}
