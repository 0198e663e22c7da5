package org.warmnest.platform.problem;

import java.io.IOException;
import java.util.Locale;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.support.RequestContextUtils;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem response from a servlet filter, before MVC and its advice are reached. */
public class ProblemWriter {

    private final Problems problems;
    private final JsonMapper json;

    public ProblemWriter(Problems problems, JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemException e) throws IOException {
        write(request, response, problems.build(e, locale(request)));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    public Problems problems() {
        return problems;
    }

    public static Locale locale(HttpServletRequest request) {
        var resolver = RequestContextUtils.getLocaleResolver(request);
        return resolver != null ? resolver.resolveLocale(request) : LocaleSupport.resolve(request.getHeader("Accept-Language"));
    }
}
