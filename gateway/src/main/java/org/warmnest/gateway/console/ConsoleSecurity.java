package org.warmnest.gateway.console;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.AuthorizationCodeReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.RefreshTokenReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.warmnest.gateway.identity.IdentityGate;
import org.warmnest.gateway.problem.Problem;
import org.warmnest.gateway.problem.ProblemResponses;
import org.warmnest.gateway.ratelimit.RateLimits;
import org.warmnest.gateway.security.SecurityProperties;

import reactor.core.publisher.Mono;

/**
 * The console's backend-for-frontend. A browser signs in with Keycloak through the gateway ({@code oauth2Login},
 * authorization code with PKCE, the confidential client {@code warmnest-gateway}); its tokens stay in the
 * gateway's session, kept in Redis, and never reach page scripts: the browser holds only an {@code HttpOnly}
 * session cookie. On each {@code /api/**} call of the console the gateway relays the session's access token
 * (refreshed when due) to the service, after the same identity gate and rate limits as a bearer token.
 * <p>
 * This chain takes the requests with no {@code Authorization} header that belong to the console: its pages and
 * files, its sign-in and sign-out, and {@code /api/**} calls carrying the session cookie. Every other request,
 * bearer-token clients' included, goes to the stateless chain as before. Writes need the CSRF token (cookie
 * {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN}). Sessions end after {@code idle-timeout} unused and
 * {@code absolute-timeout} after sign-in; signing out ends the Keycloak session too.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String REGISTRATION = "keycloak";
    static final String SESSION_COOKIE = "WARMNEST_SESSION";
    static final String CSRF_COOKIE = "XSRF-TOKEN";
    static final String CSRF_HEADER = "X-XSRF-TOKEN";
    /** Session attributes: where to go after signing in, and when the user signed in. */
    static final String NEXT = "warmnest.console.next";
    static final String SIGNED_IN_AT = "warmnest.console.signedInAt";

    /** Paths that are never the console's pages: the API, sign-in machinery, documentation and the actuator. */
    static final String[] NOT_PAGES = { "/api", "/auth", "/oauth2", "/login", "/logout", "/docs", "/swagger-ui",
            "/swagger-ui.html", "/v3", "/webjars", "/actuator", "/internal" };

    /** A page of the console (the router's paths) or one of its files: not a reserved path. */
    static boolean isConsolePath(String path) {
        for (String reserved : NOT_PAGES) {
            if (path.equals(reserved) || path.startsWith(reserved + "/")) {
                return false;
            }
        }
        return true;
    }

    static boolean hasSessionCookie(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(SESSION_COOKIE);
        return cookie != null && !cookie.getValue().isEmpty();
    }

    /** The requests this chain takes (see the class comment). */
    static ServerWebExchangeMatcher consoleRequests() {
        return exchange -> {
            if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
                return ServerWebExchangeMatcher.MatchResult.notMatch();
            }
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            boolean console = isConsolePath(path) || path.startsWith("/auth/") || path.startsWith("/oauth2/")
                    || path.startsWith("/login/oauth2/")
                    || (path.startsWith("/api/") && hasSessionCookie(exchange));
            return console ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    @Bean
    ReactiveClientRegistrationRepository consoleClientRegistrations(ConsoleProperties console,
            SecurityProperties security) {
        return new InMemoryReactiveClientRegistrationRepository(registration(console, security));
    }

    static ClientRegistration registration(ConsoleProperties console, SecurityProperties security) {
        if (security.issuer() == null) {
            throw new IllegalStateException("warmnest.security.issuer must be set");
        }
        String issuer = trimSlash(security.issuer());
        String browserFacing = console.keycloakUrl() == null || console.keycloakUrl().isBlank() ? issuer
                : trimSlash(console.keycloakUrl());
        String redirect = console.publicUrl() == null || console.publicUrl().isBlank()
                ? "{baseUrl}/login/oauth2/code/{registrationId}"
                : trimSlash(console.publicUrl()) + "/login/oauth2/code/" + REGISTRATION;
        return ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(console.clientId())
                // without a secret the chain never starts a sign-in; the registration is still well-formed
                .clientSecret(console.signInConfigured() ? console.clientSecret() : "unconfigured")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirect)
                .scope("openid", "profile")
                .authorizationUri(browserFacing + "/protocol/openid-connect/auth")
                .tokenUri(issuer + "/protocol/openid-connect/token")
                .jwkSetUri(security.jwksUri() != null ? security.jwksUri()
                        : issuer + "/protocol/openid-connect/certs")
                .issuerUri(issuer)
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(Map.of("end_session_endpoint",
                        issuer + "/protocol/openid-connect/logout"))
                .clientName("WarmNest console")
                .build();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The session's tokens live in the session itself (Redis), so any gateway replica can relay them. */
    @Bean
    ServerOAuth2AuthorizedClientRepository consoleAuthorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    @Bean
    DefaultReactiveOAuth2AuthorizedClientManager consoleAuthorizedClientManager(
            ReactiveClientRegistrationRepository registrations, ServerOAuth2AuthorizedClientRepository clients,
            java.time.Clock clock) {
        DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(
                registrations, clients);
        RefreshTokenReactiveOAuth2AuthorizedClientProvider refresh =
                new RefreshTokenReactiveOAuth2AuthorizedClientProvider();
        refresh.setClock(clock);
        refresh.setClockSkew(Duration.ofSeconds(30)); // refreshed a little before it expires, not after
        manager.setAuthorizedClientProvider(new DelegatingReactiveOAuth2AuthorizedClientProvider(
                new AuthorizationCodeReactiveOAuth2AuthorizedClientProvider(), refresh));
        return manager;
    }

    @Bean
    @Order(0)
    SecurityWebFilterChain consoleSecurityChain(ServerHttpSecurity http, ConsoleProperties console,
            ReactiveClientRegistrationRepository registrations, ServerOAuth2AuthorizedClientRepository clients,
            SessionTokens sessionTokens, KeycloakLogout keycloakLogout, ProblemResponses problems,
            IdentityGate gate, RateLimits limits, ReactiveJwtDecoder decoder) {
        ServerAuthenticationEntryPoint entryPoint = (exchange, e) -> problems.write(exchange,
                Problem.unauthenticated());
        ServerAccessDeniedHandler denied = (exchange, e) -> problems.write(exchange, Problem.accessDenied());
        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict").secure(console.secureCookies()));
        DefaultServerOAuth2AuthorizationRequestResolver authorizationRequests =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        // PKCE as well as the client secret: a stolen code is useless without the session's verifier
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http
                .securityMatcher(consoleRequests())
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(
                        org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .accessDeniedHandler((exchange, e) -> problems.write(exchange,
                                Problem.of(HttpStatus.FORBIDDEN, "csrf-invalid"))))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(ConsolePages.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/**").authenticated()
                        .pathMatchers("/auth/me", "/auth/login").permitAll()
                        .pathMatchers(HttpMethod.GET, "/oauth2/authorization/**", "/login/oauth2/code/**").permitAll()
                        .pathMatchers(HttpMethod.POST, "/auth/logout").permitAll()
                        .matchers(exchange -> isPageRead(exchange) ? ServerWebExchangeMatcher.MatchResult.match()
                                : ServerWebExchangeMatcher.MatchResult.notMatch()).permitAll()
                        .anyExchange().denyAll())
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .logout(logout -> logout
                        .requiresLogout(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/auth/logout"))
                        .logoutHandler(new DelegatingServerLogoutHandler(keycloakLogout,
                                new SecurityContextServerLogoutHandler(), new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler((filterExchange, authentication) -> {
                            var response = filterExchange.getExchange().getResponse();
                            response.setStatusCode(HttpStatus.OK);
                            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
                            response.addCookie(ResponseCookie.from(SESSION_COOKIE, "").path("/").maxAge(0)
                                    .httpOnly(true).sameSite("Lax").secure(console.secureCookies()).build());
                            byte[] body = "{\"redirect\":\"/\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
                        }))
                // the CSRF cookie on every answer of the console, so the page has it before its first write
                .addFilterAfter((exchange, chain) -> {
                    Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
                    return (token == null ? Mono.<CsrfToken>empty() : token).then(chain.filter(exchange));
                }, SecurityWebFiltersOrder.CSRF)
                // the session's access token, as if the browser had sent it: then the same gate and limits
                .addFilterBefore(sessionTokens::filter, SecurityWebFiltersOrder.LOGOUT)
                .addFilterBefore(gate::filter, SecurityWebFiltersOrder.EXCEPTION_TRANSLATION)
                .addFilterBefore(limits::filter, SecurityWebFiltersOrder.AUTHORIZATION);
        if (console.signInConfigured()) {
            http.oauth2Login(login -> login
                    .clientRegistrationRepository(registrations)
                    .authorizedClientRepository(clients)
                    .authorizationRequestResolver(authorizationRequests)
                    .authenticationSuccessHandler((filterExchange, authentication) -> {
                        ServerWebExchange exchange = filterExchange.getExchange();
                        return exchange.getSession().flatMap(session -> {
                            Object next = session.getAttributes().remove(NEXT);
                            session.getAttributes().put(SIGNED_IN_AT, Instant.now().toEpochMilli());
                            return redirect(exchange, next instanceof String s ? s : "/");
                        });
                    })
                    .authenticationFailureHandler((filterExchange, e) -> redirect(filterExchange.getExchange(),
                            "/?signin=failed")));
        }
        return http.build();
    }

    /** A GET or HEAD of a console page or file. */
    static boolean isPageRead(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                && isConsolePath(exchange.getRequest().getPath().pathWithinApplication().value());
    }

    static Mono<Void> redirect(ServerWebExchange exchange, String location) {
        exchange.getResponse().setStatusCode(HttpStatus.FOUND);
        exchange.getResponse().getHeaders().setLocation(URI.create(location));
        return exchange.getResponse().setComplete();
    }
}
