package org.warmnest.platform.tracing;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The first filter of every request, ahead of security: continues the caller's trace when its
 * {@code traceparent} is well formed (else starts a new one), does this service's work as a new span of it,
 * with both ids in the MDC for every log line and in the response's {@code traceparent}, and removes them
 * afterwards. Problem responses quote the trace id, so a user can give it to support.
 */
public class TraceparentFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = TraceparentFilter.class.getName() + ".trace";
    /** The access log ({@code logging.level.org.warmnest.access=warn} silences it). */
    private static final org.slf4j.Logger ACCESS = org.slf4j.LoggerFactory.getLogger("org.warmnest.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Traceparent trace = request.getAttribute(ATTRIBUTE) instanceof Traceparent known ? known
                : Traceparent.parse(request.getHeader(Traceparent.HEADER)).map(Traceparent::child)
                        .orElseGet(Traceparent::fresh);
        request.setAttribute(ATTRIBUTE, trace);
        if (!response.isCommitted()) {
            response.setHeader(Traceparent.HEADER, trace.header());
        }
        long started = System.nanoTime();
        try (Traceparent.Scope ignored = trace.open()) {
            try {
                chain.doFilter(request, response);
            } finally {
                if (ACCESS.isInfoEnabled() && !isAsyncStarted(request) && isTheRequestsOwnPass(request)
                        && !request.getRequestURI().startsWith("/actuator")) {
                    // one line per request, under its trace id: the service's side of the gateway's access log
                    ACCESS.info("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                            (System.nanoTime() - started) / 1_000_000);
                }
            }
        }
    }

    private static boolean isTheRequestsOwnPass(HttpServletRequest request) {
        return request.getDispatcherType() == jakarta.servlet.DispatcherType.REQUEST;
    }

    /** An error page rendered after the request's own pass keeps the request's trace. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
