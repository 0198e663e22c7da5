package org.warmnest.gateway.console;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.warmnest.gateway.problem.Problem;
import org.warmnest.gateway.problem.ProblemResponses;

import reactor.core.publisher.Mono;

/**
 * The console's pages and its session endpoints. Its built files (the {@code console} module, on the classpath
 * under {@code static/}) are served at {@code /}; any other page path of the console's router gets its
 * {@code index.html} (never cached, so a new release is picked up at once; the hashed files under
 * {@code /assets/} are cached for a year). {@code /auth/me} says who is signed in, from the session's access
 * token; {@code /auth/login?next=} starts the sign-in with Keycloak and comes back to {@code next}.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages {

    /**
     * Scripts and styles from the console's own origin only (Element Plus sets inline styles on elements, so
     * style attributes are allowed); images also as data and blob URLs (photos shown from a download); no frames,
     * no plugins, forms post only here.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    static final String INDEX = "static/index.html";

    @Bean
    RouterFunction<ServerResponse> consoleRoutes(ProblemResponses problems, ConsoleProperties console) {
        Resource index = new ClassPathResource(INDEX);
        RequestPredicate page = request -> ("GET".equals(request.method().name())
                || "HEAD".equals(request.method().name())) && isPage(request.path());
        return RouterFunctions.route()
                .GET("/auth/me", request -> me(request, problems, console))
                .GET("/auth/login", request -> login(request, problems, console))
                .route(page, request -> elsewhere(request, console) != null
                        ? ServerResponse.status(HttpStatus.FOUND).location(elsewhere(request, console)).build()
                        : index.exists() ? ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                                .cacheControl(CacheControl.noCache()).bodyValue(index)
                        : problem(request, problems, Problem.notFound()))
                .build();
    }

    /**
     * The same page at the console's public address, when it was asked for at another (e.g. {@code localhost} for
     * {@code 127.0.0.1}): the session cookie and the sign-in's way back belong to one address. Null when it is there.
     */
    static java.net.URI elsewhere(ServerRequest request, ConsoleProperties console) {
        if (console.publicUrl() == null || console.publicUrl().isBlank()) {
            return null;
        }
        java.net.URI pub = java.net.URI.create(console.publicUrl());
        java.net.URI asked = request.uri();
        // the scheme and a default port are not compared: TLS may end in front of the gateway
        if (pub.getHost() == null || (pub.getHost().equalsIgnoreCase(asked.getHost())
                && (pub.getPort() < 0 || pub.getPort() == asked.getPort()))) {
            return null;
        }
        String base = console.publicUrl().endsWith("/") ? console.publicUrl().substring(0,
                console.publicUrl().length() - 1) : console.publicUrl();
        return java.net.URI.create(base + asked.getRawPath() + (asked.getRawQuery() == null ? ""
                : "?" + asked.getRawQuery()));
    }

    /** A path of the console's router: not reserved, and no file name (files are the resource handler's). */
    static boolean isPage(String path) {
        if (!ConsoleSecurity.isConsolePath(path)) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return path.equals("/") || path.equals("/index.html") || !last.contains(".");
    }

    private static Mono<ServerResponse> me(ServerRequest request, ProblemResponses problems,
            ConsoleProperties console) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .ofType(JwtAuthenticationToken.class)
                .flatMap(authentication -> request.session().flatMap(session -> {
                    Jwt token = authentication.getToken();
                    Object signedInAt = session.getAttributes().get(ConsoleSecurity.SIGNED_IN_AT);
                    Instant start = signedInAt instanceof Long millis ? Instant.ofEpochMilli(millis)
                            : session.getCreationTime();
                    Map<String, Object> me = new LinkedHashMap<>();
                    me.put("subject", token.getSubject());
                    me.put("username", token.getClaimAsString("preferred_username"));
                    me.put("name", token.getClaimAsString("name"));
                    me.put("tenant", token.getClaimAsString("tenant"));
                    me.put("contractor", token.getClaimAsString("contractor"));
                    Map<String, Object> realm = token.getClaimAsMap("realm_access");
                    Object roles = realm == null ? null : realm.get("roles");
                    me.put("roles", roles instanceof List<?> list ? list : List.of());
                    me.put("idleTimeoutSeconds", session.getMaxIdleTime().toSeconds());
                    me.put("expiresAt", start.plus(console.absoluteTimeout()).toString());
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                            .cacheControl(CacheControl.noStore()).bodyValue(me);
                }))
                .switchIfEmpty(Mono.defer(() -> problem(request, problems, Problem.unauthenticated())));
    }

    private static Mono<ServerResponse> login(ServerRequest request, ProblemResponses problems,
            ConsoleProperties console) {
        if (!console.signInConfigured()) {
            return problem(request, problems, Problem.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "console-sign-in-unavailable"));
        }
        String next = safeNext(request.queryParam("next").orElse("/"));
        return request.session().flatMap(session -> {
            session.getAttributes().put(ConsoleSecurity.NEXT, next);
            return ServerResponse.status(HttpStatus.FOUND)
                    .location(java.net.URI.create("/oauth2/authorization/" + ConsoleSecurity.REGISTRATION))
                    .cacheControl(CacheControl.noStore()).build();
        });
    }

    /** Only a path of this site: never another host ({@code //host}, {@code /\host}, {@code https:}). */
    static String safeNext(String next) {
        if (next == null || next.length() > 512 || !next.startsWith("/") || next.startsWith("//")
                || next.startsWith("/\\") || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }

    private static Mono<ServerResponse> problem(ServerRequest request, ProblemResponses problems, Problem problem) {
        return ServerResponse.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .bodyValue(problems.json(problem, request.path(), request.headers().firstHeader("Accept-Language")));
    }
}
