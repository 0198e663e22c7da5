package org.warmnest.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.warmnest.gateway.problem.Problem;
import org.warmnest.gateway.problem.ProblemResponses;

import reactor.core.publisher.Mono;

/**
 * {@code /actuator/prometheus} names every backend the gateway routes to, so it is not public: it takes HTTP Basic
 * with the scrape credential ({@code warmnest.gateway.metrics.username}/{@code .password}, {@code WARMNEST_METRICS_USER}
 * and {@code WARMNEST_METRICS_PASSWORD}), and nothing else, in a chain of its own (an access token does not open it,
 * and the credential opens nothing but it). Without a password configured nobody can scrape.
 */
@Configuration(proxyBeanMethods = false)
class MetricsScrape {

    static final String PATH = "/actuator/prometheus";
    static final String ROLE = "METRICS_SCRAPER";

    @Bean
    @Order(1)
    SecurityWebFilterChain metricsScrapeChain(ServerHttpSecurity http, ProblemResponses problems,
            @Value("${warmnest.gateway.metrics.username:prometheus}") String username,
            @Value("${warmnest.gateway.metrics.password:}") String password) {
        ServerAuthenticationEntryPoint entryPoint = (exchange, e) -> problems.write(exchange,
                Problem.of(HttpStatus.UNAUTHORIZED, "unauthenticated").withHeader("WWW-Authenticate",
                        "Basic realm=\"metrics\""));
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(PATH))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(
                        org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
                .httpBasic(basic -> basic.authenticationManager(scraper(username, password))
                        .authenticationEntryPoint(entryPoint))
                .authorizeExchange(exchanges -> exchanges.anyExchange().hasRole(ROLE))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((exchange, e) -> problems.write(exchange, Problem.accessDenied())))
                .build();
    }

    static ReactiveAuthenticationManager scraper(String username, String password) {
        byte[] expected = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        return authentication -> {
            byte[] given = (authentication.getName() + ":" + authentication.getCredentials())
                    .getBytes(StandardCharsets.UTF_8);
            if (password.isEmpty() || !MessageDigest.isEqual(expected, given)) {
                return Mono.error(new BadCredentialsException("not the scrape credential"));
            }
            return Mono.just(UsernamePasswordAuthenticationToken.authenticated(username, null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
        };
    }
}
