package org.warmnest.platform.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Errors that never reach a controller are problem+json too, as every other error: a request Tomcat refuses before
 * the application sees it (a broken escape, {@code %00}, a character not allowed in a URI) was Tomcat's HTML page,
 * a request Spring Security's firewall refuses ({@code //x}, {@code ;}, an encoded slash) and any other
 * {@code sendError} were Spring's default JSON error. Now the host's error report valve, the firewall's handler and
 * the {@code /error} page all write a problem with a stable code.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemErrorController.class)
public class ErrorRendering {

    /** Tomcat's own refusals: the host's error report valve writes a problem instead of an HTML page. */
    @Bean
    TomcatContextCustomizer problemErrorReportValve(Problems problems, JsonMapper json) {
        // The context is not on its host yet when customised; the host has added its error report valve when the
        // context starts: replace it then, before the host's pipeline starts.
        return context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())
                    && context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ProblemErrorReportValve) {
                        return;
                    }
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemErrorReportValve(problems, json));
            }
        });
    }

    /** The firewall's refusals ({@code //}, {@code ;}, encoded slashes and percent signs...). */
    @Bean
    RequestRejectedHandler problemOnRejectedRequest(ProblemWriter problems) {
        return (request, response, rejected) -> problems.write(request, response,
                new ProblemException(HttpStatus.BAD_REQUEST, "bad-request"));
    }

    /** Writes a problem where Tomcat would write its HTML error page. */
    public static class ProblemErrorReportValve extends ErrorReportValve {

        private final Problems problems;
        private final JsonMapper json;

        public ProblemErrorReportValve(Problems problems, JsonMapper json) {
            this.problems = problems;
            this.json = json;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            ProblemDetail problem = problems.build(known != null ? known : HttpStatus.BAD_REQUEST,
                    ProblemAdvice.codeFor(known != null ? known : HttpStatus.BAD_REQUEST), null, null,
                    LocaleSupport.resolve(request.getHeader("Accept-Language")));
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(json.writeValueAsString(problem));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the connection is gone or the response committed: nothing more to say
            }
        }
    }
}
