package org.warmnest.platform.tracing;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Carries the current trace into a call to another service, as a new span of it. A call made outside any
 * trace goes without one, and the callee starts its own.
 */
public class TraceparentPropagation implements ClientHttpRequestInterceptor {

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (!request.getHeaders().containsHeader(Traceparent.HEADER)) {
            Traceparent.current().ifPresent(t -> request.getHeaders().set(Traceparent.HEADER, t.child().header()));
        }
        return execution.execute(request, body);
    }
}
