package org.warmnest.gateway;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.warmnest.gateway.identity.Caller;
import org.warmnest.gateway.problem.ProblemResponses;

import reactor.core.publisher.Mono;

/**
 * Every request gets a fresh W3C trace context ({@code traceparent: 00-<trace id>-<span id>-01}): sent to the
 * service, returned to the client, and in one access line per request (method, path, status, ms, trace id, the
 * token's tenant and subject). A client's own trace context is never continued ({@link ClientHeaders} drops it):
 * the trace starts at the edge.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class Correlation implements WebFilter {

    static final String TRACEPARENT = "traceparent";
    /** The MDC key {@code logging.pattern.correlation} shows, also the exchange attribute of the trace id. */
    static final String TRACE_ID = ProblemResponses.TRACE_ID;

    private static final Logger access = LoggerFactory.getLogger("org.warmnest.gateway.access");
    private static final HexFormat HEX = HexFormat.of();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceId = randomHex(16);
        String traceparent = "00-" + traceId + "-" + randomHex(8) + "-01";
        exchange.getAttributes().put(TRACE_ID, traceId);
        ServerHttpResponse response = exchange.getResponse();
        // Set at commit so that a service's own traceparent never replaces the gateway's.
        response.beforeCommit(() -> {
            response.getHeaders().set(TRACEPARENT, traceparent);
            return Mono.empty();
        });
        long start = System.nanoTime();
        ServerWebExchange traced = exchange.mutate()
                .request(r -> r.headers(h -> h.set(TRACEPARENT, traceparent))).build();
        return chain.filter(traced).doFinally(signal -> logAccess(exchange, traceId, start));
    }

    private static void logAccess(ServerWebExchange exchange, String traceId, long start) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        Caller caller = Caller.of(exchange);
        MDC.put(TRACE_ID, traceId);
        try {
            access.info("{} {} {} {}ms trace={} tenant={} sub={}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), status == null ? "-" : status.value(), ms, traceId,
                    caller == null || caller.tokenTenant() == null ? "-" : caller.tokenTenant(),
                    caller == null ? "-" : caller.subject());
        } finally {
            MDC.remove(TRACE_ID);
        }
    }

    /** Random lowercase hex; never all zeros, which W3C trace context reserves as invalid. */
    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(random);
        } while (allZero(random));
        return HEX.formatHex(random);
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
