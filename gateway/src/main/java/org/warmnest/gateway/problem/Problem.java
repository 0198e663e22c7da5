package org.warmnest.gateway.problem;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A refusal the gateway itself produces: a stable {@code code} (the problem type is
 * {@code urn:warmnest:problem:<code>}), its status, the arguments of its localised detail and any headers the
 * client needs with it ({@code WWW-Authenticate}, {@code Retry-After}).
 */
public record Problem(HttpStatus status, String code, List<Object> args, Map<String, String> headers) {

    public Problem {
        args = List.copyOf(args);
        headers = Map.copyOf(headers);
    }

    public static Problem of(HttpStatus status, String code, Object... args) {
        return new Problem(status, code, List.of(args), Map.of());
    }

    public Problem withHeader(String name, String value) {
        var all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new Problem(status, code, args, all);
    }

    public String type() {
        return "urn:warmnest:problem:" + code;
    }

    public static Problem unauthenticated() {
        return of(HttpStatus.UNAUTHORIZED, "unauthenticated").withHeader("WWW-Authenticate", "Bearer");
    }

    public static Problem tokenInvalid() {
        return of(HttpStatus.UNAUTHORIZED, "token-invalid").withHeader("WWW-Authenticate",
                "Bearer error=\"invalid_token\"");
    }

    public static Problem tokenRevoked() {
        return of(HttpStatus.UNAUTHORIZED, "token-revoked").withHeader("WWW-Authenticate",
                "Bearer error=\"invalid_token\"");
    }

    public static Problem accessDenied() {
        return of(HttpStatus.FORBIDDEN, "access-denied");
    }

    public static Problem notFound() {
        return of(HttpStatus.NOT_FOUND, "not-found");
    }

    public static Problem badRequest() {
        return of(HttpStatus.BAD_REQUEST, "bad-request");
    }

    public static Problem identityStateUnavailable() {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "identity-state-unavailable");
    }

    public static Problem payloadTooLarge(long limitBytes) {
        return of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", Long.toString(limitBytes / 1024));
    }

    public static Problem rateLimited(long retryAfterSeconds) {
        return of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", Long.toString(retryAfterSeconds))
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }
}
