package org.warmnest.gateway.security;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
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
 * The gateway is an OAuth2 resource server: every {@code /api/**} request needs a valid access token; probes,
 * metrics and the API documentation are public; anything else is refused. Stateless: no session, no CSRF
 * (bearer tokens only, never cookies). Refusals are problem responses.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    static final String[] PUBLIC_PATHS = { "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**", "/docs/*/v3/api-docs", "/webjars/**" };

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
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri())
                // Pinned: a token that says alg none or HS256 (keyed with our public key) is refused.
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                // typ is checked by TokenRules, where access tokens of both conventions are accepted.
                .validateType(false)
                .webClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build())
                .build();
        OAuth2TokenValidator<Jwt> rules = TokenRules.validator(properties, clock);
        decoder.setJwtValidator(rules);
        return new VerifiedTokenCache(decoder, rules, 10_000);
    }

    @Bean
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            ProblemResponses problems) {
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
                .build();
    }
}
