package org.warmnest.platform.security;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.warmnest.platform.migration.TenantSchemaMigrator;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.problem.ProblemWriter;
import org.warmnest.platform.tenancy.TenantRegistry;

import org.springframework.http.HttpStatus;

/**
 * Every service is an OAuth2 resource server: a token's signature (RS256 only, keys from the issuer's
 * JWKS), issuer, audience and expiry are verified; roles come from {@code realm_access.roles}. Internal
 * endpoints take only service accounts. Failures are problem responses like any other.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
public class ResourceServerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties,
            @org.springframework.beans.factory.annotation.Value("${warmnest.security.jwks-min-refresh-interval:30s}") java.time.Duration minRefreshInterval) {
        return decoder(properties, minRefreshInterval, java.time.Clock.systemUTC());
    }

    /**
     * RS256 only, keys from the issuer's JWKS fetched at most once per {@code minRefreshInterval}
     * ({@link ThrottledJwkSource}), issuer, audience, expiry and Keycloak's access-token {@code typ}.
     */
    static NimbusJwtDecoder decoder(SecurityProperties properties, java.time.Duration minRefreshInterval,
            java.time.Clock clock) {
        if (properties.jwksUri() == null || properties.issuer() == null) {
            throw new IllegalStateException("warmnest.security.issuer and warmnest.security.jwks-uri must be set");
        }
        // A fetch gets generous timeouts so a slow issuer is not a 401.
        var timeouts = new org.springframework.http.client.SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(java.time.Duration.ofSeconds(3));
        timeouts.setReadTimeout(java.time.Duration.ofSeconds(10));
        var http = new org.springframework.web.client.RestTemplate(timeouts);
        ThrottledJwkSource keys = new ThrottledJwkSource(
                () -> http.getForObject(properties.jwksUri(), String.class), minRefreshInterval,
                java.time.Duration.ofMinutes(5), clock);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        JwtClaimValidator<List<String>> audience = new JwtClaimValidator<>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(properties.audience()));
        // Expiry is required (a token without exp would be valid forever); nbf is checked when present.
        JwtTimestampValidator timestamps = new JwtTimestampValidator(java.time.Duration.ofSeconds(30));
        timestamps.setAllowEmptyExpiryClaim(false);
        // Keycloak marks access tokens typ=Bearer; an ID token must not pass as one.
        JwtClaimValidator<Object> accessToken = new JwtClaimValidator<>("typ",
                typ -> typ == null || "Bearer".equalsIgnoreCase(String.valueOf(typ)));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtIssuerValidator(properties.issuer()), audience, accessToken));
        return decoder;
    }

    /** One expression handler for method security and for {@link HandlerAuthorization}, so both judge alike. */
    @Bean
    static MethodSecurityExpressionHandler methodSecurityExpressionHandler() {
        return new DefaultMethodSecurityExpressionHandler();
    }

    @Bean
    HandlerAuthorization handlerAuthorization(MethodSecurityExpressionHandler expressions) {
        return new HandlerAuthorization(expressions);
    }

    @Bean
    TenantAccessPolicy tenantAccessPolicy() {
        return new TenantAccessPolicy();
    }

    @Bean
    SecurityFilterChain warmnestSecurityFilterChain(HttpSecurity http, JwtDecoder decoder, ProblemWriter problems,
            TenantAccessPolicy policy, TenantRegistry registry, TenantSchemaMigrator migrator,
            SecurityProperties properties, IdentityStateReads identityState, ContractorEngagements engagements)
            throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> CurrentUser.realmRoles(jwt).stream()
                .map(role -> (org.springframework.security.core.GrantedAuthority) new SimpleGrantedAuthority(
                        "ROLE_" + role))
                .toList());

        var entryPoint = (org.springframework.security.web.AuthenticationEntryPoint) (request, response, e) -> {
            boolean badToken = e instanceof OAuth2AuthenticationException;
            response.setHeader("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
            problems.write(request, response,
                    new ProblemException(HttpStatus.UNAUTHORIZED, badToken ? "token-invalid" : "unauthenticated"));
        };
        var denied = (org.springframework.security.web.access.AccessDeniedHandler) (request, response,
                e) -> problems.write(request, response, ProblemException.forbidden("access-denied"));

        TenantRequestFilter tenants = new TenantRequestFilter(policy, registry, migrator, problems,
                properties.platformPaths(), properties.lifecyclePaths());
        // Not beans: as beans they would also run as plain servlet filters, outside the security chain.
        IdentityGate identity = new IdentityGate(identityState, problems, properties.lifecyclePaths());
        ContractorScope contractors = new ContractorScope(engagements, problems);

        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**",
                                "/swagger-ui.html", "/error")
                        .permitAll()
                        .requestMatchers("/internal/**").hasRole(Roles.SERVICE)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                // the token's user and tenants against the identity state, then the path's tenant, then the
                // contractor's engagement in it
                .addFilterAfter(identity, BearerTokenAuthenticationFilter.class)
                .addFilterAfter(tenants, IdentityGate.class)
                .addFilterAfter(contractors, TenantRequestFilter.class);
        return http.build();
    }
}
