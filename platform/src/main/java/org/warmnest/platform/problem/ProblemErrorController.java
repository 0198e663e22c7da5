package org.warmnest.platform.problem;

import java.util.Locale;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The {@code /error} page of every service: whatever ended in {@code sendError} (a filter, the container) is
 * answered as a problem with the status's code ({@code bad-request}, {@code not-found}...), never Spring's default
 * error body. A {@link ProblemException} that reached the container keeps its own code.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden // the container's page, no operation of the API
public class ProblemErrorController implements ErrorController {

    private final Problems problems;

    public ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, Locale locale) {
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemDetail problem;
        if (exception instanceof ProblemException known) {
            problem = problems.build(known, locale);
        } else {
            HttpStatus status = status(request);
            problem = problems.build(status, ProblemAdvice.codeFor(status), null, null, locale);
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        // reached directly, /error is no page of its own
        return status == null || status.value() < 400 ? HttpStatus.NOT_FOUND : status;
    }
}
