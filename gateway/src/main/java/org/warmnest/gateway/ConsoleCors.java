package org.warmnest.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.warmnest.gateway.problem.Problem;
import org.warmnest.gateway.problem.ProblemResponses;

import reactor.core.publisher.Mono;

/**
 * CORS for the console's origins, answered here before authentication (a preflight carries no token). A
 * preflight from any other origin is refused (403); other requests from other origins pass without CORS
 * headers, so the browser keeps their answers from the page. Tokens travel in a header, never in cookies:
 * no credentials.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ConsoleCors implements WebFilter {

    private final CorsConfiguration config = new CorsConfiguration();
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemResponses problems;

    ConsoleCors(GatewayProperties properties, ProblemResponses problems) {
        this.problems = problems;
        config.setAllowedOrigins(properties.cors().allowedOrigins());
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
                HttpHeaders.ACCEPT_LANGUAGE, Correlation.TRACEPARENT));
        config.setExposedHeaders(List.of(Correlation.TRACEPARENT, HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION));
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofMinutes(30));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!CorsUtils.isCorsRequest(request)) {
            return chain.filter(exchange);
        }
        boolean preflight = CorsUtils.isPreFlightRequest(request);
        String origin = request.getHeaders().getOrigin();
        if (config.checkOrigin(origin) == null) {
            return preflight ? problems.write(exchange, Problem.accessDenied()) : chain.filter(exchange);
        }
        boolean allowed = processor.process(config, exchange);
        if (!allowed) {
            exchange.getResponse().setStatusCode(null);
            return problems.write(exchange, Problem.accessDenied());
        }
        return preflight ? exchange.getResponse().setComplete() : chain.filter(exchange);
    }
}
