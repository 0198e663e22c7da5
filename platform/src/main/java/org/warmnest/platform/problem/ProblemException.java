package org.warmnest.platform.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on. It becomes an RFC 9457 problem response whose {@code type} and
 * {@code code} are stable; the title and detail are looked up in the message bundles by code, so
 * one exception speaks zh-CN and en.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient Object[] args;
    private final List<FieldProblem> fieldProblems;

    public ProblemException(HttpStatus status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public ProblemException(HttpStatus status, String code, List<FieldProblem> fieldProblems, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.args = args;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public static ProblemException notFound(String code, Object... args) {
        return new ProblemException(HttpStatus.NOT_FOUND, code, args);
    }

    public static ProblemException conflict(String code, Object... args) {
        return new ProblemException(HttpStatus.CONFLICT, code, args);
    }

    public static ProblemException forbidden(String code, Object... args) {
        return new ProblemException(HttpStatus.FORBIDDEN, code, args);
    }

    public static ProblemException invalid(String field, String code, Object... args) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation-failed",
                List.of(new FieldProblem(field, code, null)), args);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    /** One invalid field: its path, a stable code and (once localised) a message. */
    public record FieldProblem(String field, String code, String message) {
    }
}
