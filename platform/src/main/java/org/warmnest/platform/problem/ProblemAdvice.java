package org.warmnest.platform.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error leaves a service as problem+json with a stable code. Unknown failures are logged and
 * answered with a bare {@code internal-error}: never a stack trace or SQL text.
 */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final Problems problems;
    private final MessageSource messages;

    public ProblemAdvice(Problems problems, MessageSource messages) {
        this.problems = problems;
        this.messages = messages;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e, Locale locale) {
        return respond(problems.build(e, locale));
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<ProblemDetail> invalid(BindException e, Locale locale) {
        List<ProblemException.FieldProblem> fields = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            String code = error.getCode() == null ? "invalid" : error.getCode();
            String message = error.isBindingFailure() ? null : messages.getMessage(error, locale);
            fields.add(new ProblemException.FieldProblem(error.getField(), code, message));
        }
        e.getBindingResult().getGlobalErrors().forEach(error -> fields.add(new ProblemException.FieldProblem(
                error.getObjectName(), error.getCode(), messages.getMessage(error, locale))));
        return respond(problems.build(HttpStatus.BAD_REQUEST, "validation-failed", null, fields, locale));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e, Locale locale) {
        List<ProblemException.FieldProblem> fields = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
            String name = result.getMethodParameter().getParameterName();
            String[] codes = error.getCodes();
            String code = codes == null || codes.length == 0 ? "invalid" : codes[codes.length - 1];
            fields.add(new ProblemException.FieldProblem(name, code, messages.getMessage(error, locale)));
        }));
        return respond(problems.build(HttpStatus.BAD_REQUEST, "validation-failed", null, fields, locale));
    }

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> violated(jakarta.validation.ConstraintViolationException e, Locale locale) {
        List<ProblemException.FieldProblem> fields = new ArrayList<>();
        e.getConstraintViolations().forEach(v -> {
            String path = v.getPropertyPath().toString();
            String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
            String code = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            fields.add(new ProblemException.FieldProblem(field, code, v.getMessage()));
        });
        return respond(problems.build(HttpStatus.BAD_REQUEST, "validation-failed", null, fields, locale));
    }

    @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(Exception e, Locale locale) {
        return respond(problems.build(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", null, null, locale));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, Locale locale) {
        return respond(problems.build(HttpStatus.BAD_REQUEST, "malformed-request", null, null, locale));
    }

    @ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
    ResponseEntity<ProblemDetail> badParameter(Exception e, Locale locale) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return respond(problems.build(HttpStatus.BAD_REQUEST, "validation-failed", null,
                List.of(new ProblemException.FieldProblem(name, "invalid", null)), locale));
    }

    @ExceptionHandler({ AccessDeniedException.class, AuthorizationDeniedException.class })
    ResponseEntity<ProblemDetail> denied(Exception e, Locale locale) {
        return respond(problems.build(HttpStatus.FORBIDDEN, "access-denied", null, null, locale));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrent(OptimisticLockingFailureException e, Locale locale) {
        return respond(problems.build(HttpStatus.CONFLICT, "concurrent-modification", null, null, locale));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e, Locale locale) {
        // the state and constraint only: the driver's message can quote the whole row, personal data included
        log.warn("Refused by a database constraint: {}", constraintOf(e));
        return respond(problems.build(HttpStatus.CONFLICT, "conflict", null, null, locale));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, Locale locale) {
        if (e instanceof ErrorResponse known) {
            HttpStatusCode status = known.getStatusCode();
            return respond(problems.build(status, codeFor(status), null, null, locale));
        }
        log.error("Unexpected failure", e);
        return respond(problems.build(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", null, null, locale));
    }

    static String constraintOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException c) {
                return "constraint " + c.getConstraintName() + " (SQLState " + c.getSQLState() + ")";
            }
            if (t instanceof java.sql.SQLException sql) {
                return "SQLState " + sql.getSQLState();
            }
        }
        return e.getClass().getSimpleName();
    }

    static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "access-denied";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "unavailable";
            default -> status.is4xxClientError() ? "bad-request" : "internal-error";
        };
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
