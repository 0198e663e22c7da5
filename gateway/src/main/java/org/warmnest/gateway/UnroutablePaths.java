package org.warmnest.gateway;

import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.warmnest.gateway.problem.Problem;
import org.warmnest.gateway.problem.ProblemResponses;

import reactor.core.publisher.Mono;

/**
 * The services' {@code /internal/**} endpoints are for service accounts inside the cluster and are never
 * reachable through the gateway. No route names them, but a routed path is forwarded as written and the
 * service normalises it: {@code /api/care/../../internal/...} or its percent-encoded forms would arrive as
 * an internal path. So any path with dot segments, encoded dots or slashes, or backslashes is refused too
 * (404 {@code not-found}, before authentication: such a path is never served, whoever asks).
 * <p>
 * Routes, security rules, the identity gate and the services all match the <em>decoded</em> path, so a path must
 * have one spelling only: a percent-encoded unreserved character ({@code /%61pi/...} for {@code /api/...}, RFC 3986
 * section 2.3: ALPHA, DIGIT, {@code - . _ ~}) is refused with 400 {@code path-not-canonical}, and a broken escape
 * ({@code %zz}, a lone {@code %}) or an encoded control character ({@code %00}) with 400 {@code bad-request}.
 * <p>
 * The prefix {@code /api/<service>/} is matched without regard to case, as a reader would expect of a prefix:
 * {@code /API/care/...} or {@code /Api/CARE/...} is taken as {@code /api/care/...} before anything else sees it,
 * so it gets exactly the plain path's answer (the identity gate, the limits, the rules and the route all see one
 * spelling). The rest of the path is the service's, and stays as written.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class UnroutablePaths implements WebFilter {

    private final ProblemResponses problems;

    UnroutablePaths(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        if (raw != null && isUnroutable(raw)) {
            return problems.write(exchange, Problem.notFound());
        }
        Spelling spelling = raw == null ? Spelling.CANONICAL : spelling(raw);
        if (spelling == Spelling.ENCODED_UNRESERVED) {
            return problems.write(exchange, Problem.of(HttpStatus.BAD_REQUEST, "path-not-canonical"));
        }
        if (spelling == Spelling.MALFORMED) {
            return problems.write(exchange, Problem.badRequest());
        }
        String canonical = raw == null ? null : canonicalPrefix(raw);
        if (canonical != null) {
            ServerHttpRequest request = exchange.getRequest().mutate().path(canonical).build();
            return chain.filter(exchange.mutate().request(request).build());
        }
        return chain.filter(exchange);
    }

    /**
     * The raw path with its {@code /api/<service>/} prefix in lower case, or null when it already is (or the path is
     * not under {@code /api/}).
     */
    static String canonicalPrefix(String rawPath) {
        if (rawPath.length() < 5 || !rawPath.regionMatches(true, 0, "/api/", 0, 5)) {
            return null;
        }
        int end = rawPath.indexOf('/', 5);
        end = end < 0 ? rawPath.length() : end;
        String prefix = rawPath.substring(0, end);
        String lower = prefix.toLowerCase(Locale.ROOT);
        return lower.equals(prefix) ? null : lower + rawPath.substring(end);
    }

    enum Spelling {
        CANONICAL, ENCODED_UNRESERVED, MALFORMED
    }

    /** How the raw path uses percent-encoding: only where a character must be encoded, or otherwise. */
    static Spelling spelling(String rawPath) {
        for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
            int value = i + 2 < rawPath.length() ? hex(rawPath.charAt(i + 1), rawPath.charAt(i + 2)) : -1;
            if (value < 0 || value < 0x20 || value == 0x7f) {
                return Spelling.MALFORMED;
            }
            if (isUnreserved((char) value)) {
                return Spelling.ENCODED_UNRESERVED;
            }
        }
        return Spelling.CANONICAL;
    }

    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    static boolean isUnroutable(String rawPath) {
        String path = rawPath.toLowerCase(Locale.ROOT);
        if (path.equals("/internal") || path.startsWith("/internal/") || path.contains("%2e") || path.contains("%2f")
                || path.contains("%5c") || path.contains("\\") || path.contains(";")) {
            return true;
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
