package org.warmnest.gateway.security;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.warmnest.gateway.identity.IdentityGate;
import org.warmnest.gateway.ratelimit.RateLimits;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.warmnest.gateway.problem.Problem;
import org.warmnest.gateway.problem.ProblemResponses;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

/**
 * The gateway is an OAuth2 resource server: every {@code /api/**} request needs a valid access token; probes and
 * the API documentation are public; the metrics need the scrape credential ({@link MetricsScrape}); anything else
 * is refused. Every request with a verified token, whatever its path, passes the identity gate and the rate limits
 * between authentication and authorisation. Stateless: no session, no CSRF (bearer tokens only, never cookies).
 * Refusals, the firewall's included ({@code //}, {@code %00}, {@code %25}...), are problem responses.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    static final String[] PUBLIC_PATHS = { "/actuator/health/**", "/actuator/info", "/swagger-ui.html",
            "/swagger-ui/**", "/v3/api-docs/**", "/docs/*/v3/api-docs", "/webjars/**" };

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, Clock clock) {
        if (properties.jwksUri() == null || properties.issuer() == null) {
            throw new IllegalStateException("warmnest.security.issuer and warmnest.security.jwks-uri must be set");
        }
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.jwksConnectTimeout().toMillis())
                .responseTimeout(properties.jwksReadTimeout());
        WebClient jwks = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        ThrottledJwkSet keys = new ThrottledJwkSet(
                () -> jwks.get().uri(properties.jwksUri()).retrieve().bodyToMono(String.class),
                properties.jwksMinRefreshInterval(), properties.jwksMaxAge(), clock);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
                // Pinned: a token that says alg none or HS256 (keyed with our public key) is refused.
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                // typ is checked by TokenRules, where access tokens of both conventions are accepted.
                .validateType(false)
                .build();
        OAuth2TokenValidator<Jwt> rules = TokenRules.validator(properties, clock);
        decoder.setJwtValidator(rules);
        return new VerifiedTokenCache(decoder, rules, 10_000);
    }

    /** A request Spring Security's firewall refuses (an empty segment, an encoded NUL or percent...) is a problem too. */
    @Bean
    ServerExchangeRejectedHandler problemOnRejectedExchange(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(exchange, Problem.badRequest());
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            ProblemResponses problems, IdentityGate gate, RateLimits limits) {
        ServerAuthenticationEntryPoint entryPoint = (exchange, e) -> problems.write(exchange,
                e instanceof OAuth2AuthenticationException ? Problem.tokenInvalid() : Problem.unauthenticated());
        ServerAccessDeniedHandler denied = (exchange, e) -> problems.write(exchange, Problem.accessDenied());
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(
                        org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(PUBLIC_PATHS).permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().denyAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                // after the token is verified and before anything is authorised or routed: for every path
                .addFilterBefore(gate::filter, SecurityWebFiltersOrder.EXCEPTION_TRANSLATION)
                .addFilterBefore(limits::filter, SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }
}
