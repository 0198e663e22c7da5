package org.warmnest.gateway.console;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import org.warmnest.gateway.problem.Problem;
import org.warmnest.gateway.problem.ProblemResponses;

import reactor.core.publisher.Mono;

/**
 * Turns a console session into the access token it holds, for {@code /api/**} and {@code /auth/me}: the token
 * (refreshed with Keycloak when it is about to expire) is verified like any bearer token, becomes the request's
 * authentication and its {@code Authorization} header, and the browser's cookies are not passed on. From here on a
 * console call is a bearer call: the identity gate, the rate limits and the route see no difference, and the
 * service gets the user's own token (token relay). A session past its absolute lifetime, or whose refresh Keycloak
 * refuses (the user disabled, the Keycloak session ended), is ended: {@code 401 session-ended}.
 */
@Component
class SessionTokens {

    private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

    private final ReactiveOAuth2AuthorizedClientManager clients;
    private final ReactiveJwtDecoder decoder;
    private final ProblemResponses problems;
    private final ConsoleProperties console;
    private final Clock clock;

    SessionTokens(ReactiveOAuth2AuthorizedClientManager clients, ReactiveJwtDecoder decoder,
            ProblemResponses problems, ConsoleProperties console, Clock clock) {
        this.clients = clients;
        this.decoder = decoder;
        this.problems = problems;
        this.console = console;
        this.clock = clock;
    }

    static boolean applies(String path) {
        return path.startsWith("/api/") || path.equals("/auth/me");
    }

    Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!applies(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .ofType(OAuth2AuthenticationToken.class)
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                // not signed in: the rules refuse /api/** (401) and /auth/me says so
                .flatMap(signedIn -> signedIn.isEmpty() ? chain.filter(exchange)
                        : exchange.getSession().flatMap(session -> relay(exchange, chain, signedIn.get(), session)));
    }

    private Mono<Void> relay(ServerWebExchange exchange, WebFilterChain chain, OAuth2AuthenticationToken signedIn,
            WebSession session) {
        if (pastAbsoluteLifetime(session)) {
            return end(exchange, session, "absolute lifetime");
        }
        OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest
                .withClientRegistrationId(ConsoleSecurity.REGISTRATION).principal(signedIn)
                .attribute(ServerWebExchange.class.getName(), exchange).build();
        return clients.authorize(request)
                .flatMap(client -> decoder.decode(client.getAccessToken().getTokenValue()))
                .map(Result::ofToken)
                .onErrorResume(OAuth2AuthorizationException.class, e -> Mono.just(Result.ended(e.getMessage())))
                .onErrorResume(JwtException.class, e -> Mono.just(Result.ended(e.getMessage())))
                .defaultIfEmpty(Result.ended("no authorized client"))
                .flatMap(result -> {
                    if (result.token() == null) {
                        return end(exchange, session, result.reason());
                    }
                    Jwt token = result.token();
                    JwtAuthenticationToken authentication = new JwtAuthenticationToken(token, List.of(),
                            token.getSubject());
                    var relayed = exchange.getRequest().mutate().headers(headers -> {
                        headers.setBearerAuth(token.getTokenValue());
                        headers.remove(HttpHeaders.COOKIE); // the session is the gateway's, not the service's
                    }).build();
                    return chain.filter(exchange.mutate().request(relayed).principal(Mono.just(authentication))
                            .build()).contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication));
                });
    }

    private boolean pastAbsoluteLifetime(WebSession session) {
        Object signedInAt = session.getAttributes().get(ConsoleSecurity.SIGNED_IN_AT);
        Instant start = signedInAt instanceof Long millis ? Instant.ofEpochMilli(millis) : session.getCreationTime();
        return !clock.instant().isBefore(start.plus(console.absoluteTimeout()));
    }

    private Mono<Void> end(ServerWebExchange exchange, WebSession session, String reason) {
        log.info("console session ended: {}", reason);
        return session.invalidate().then(problems.write(exchange,
                Problem.of(HttpStatus.UNAUTHORIZED, "session-ended")));
    }

    private record Result(Jwt token, String reason) {

        static Result ofToken(Jwt token) {
            return new Result(token, null);
        }

        static Result ended(String reason) {
            return new Result(null, reason);
        }
    }
}
