package org.warmnest.platform.security;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.problem.ProblemWriter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Judges a handler's {@code @PreAuthorize} before its arguments are resolved: otherwise a caller who may not
 * call the endpoint at all learns from a 400 how its request body is validated. Refused with the same
 * {@code 403 access-denied} as method security; rules that refer to arguments are left to method security,
 * which runs in any case when the handler is called.
 */
public class AuthorizeBeforeBinding implements HandlerInterceptor {

    private final HandlerAuthorization authorization;
    private final ProblemWriter problems;

    public AuthorizeBeforeBinding(HandlerAuthorization authorization, ProblemWriter problems) {
        this.authorization = authorization;
        this.problems = problems;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (handler instanceof HandlerMethod method && authorization.decide(method,
                () -> SecurityContextHolder.getContext().getAuthentication()) == HandlerAuthorization.Verdict.DENIED) {
            problems.write(request, response, ProblemException.forbidden("access-denied"));
            return false;
        }
        return true;
    }
}
