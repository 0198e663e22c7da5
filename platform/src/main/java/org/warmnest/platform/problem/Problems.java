package org.warmnest.platform.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.warmnest.platform.tracing.Traceparent;

/**
 * Builds problem details: a stable {@code type} URI per code, the code itself, a title and detail in the
 * caller's language, and the request's trace id. Used by the MVC advice and by filters that answer before MVC.
 */
public class Problems {

    public static final String TYPE_PREFIX = "urn:warmnest:problem:";

    private final MessageSource messages;

    public Problems(MessageSource messages) {
        this.messages = messages;
    }

    public ProblemDetail build(HttpStatusCode status, String code, Object[] args, List<ProblemException.FieldProblem> fields,
            Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(message("problem." + code + ".title", args, locale, defaultTitle(status)));
        String detail = message("problem." + code + ".detail", args, locale, null);
        if (detail != null) {
            problem.setDetail(detail);
        }
        problem.setProperty("code", code);
        // Quoted to support, it finds every log line of the request in every service it reached.
        Traceparent.current().ifPresent(t -> problem.setProperty("traceId", t.traceId()));
        if (fields != null && !fields.isEmpty()) {
            problem.setProperty("errors", fields.stream()
                    .map(f -> new ProblemException.FieldProblem(f.field(), f.code(),
                            f.message() != null ? f.message()
                                    : message("field." + f.code(), null, locale, f.code())))
                    .toList());
        }
        return problem;
    }

    public ProblemDetail build(ProblemException e, Locale locale) {
        return build(e.status(), e.code(), e.args(), e.fieldProblems(), locale);
    }

    private String message(String key, Object[] args, Locale locale, String fallback) {
        try {
            return messages.getMessage(key, args, locale);
        } catch (NoSuchMessageException e) {
            return fallback;
        }
    }

    private static String defaultTitle(HttpStatusCode status) {
        var known = org.springframework.http.HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
