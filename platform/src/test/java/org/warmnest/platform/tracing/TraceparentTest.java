package org.warmnest.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TraceparentTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String INCOMING = "00-" + TRACE + "-00f067aa0ba902b7-01";

    @Test
    void aWellFormedHeaderIsRead() {
        assertThat(Traceparent.parse(INCOMING))
                .contains(new Traceparent(TRACE, "00f067aa0ba902b7", "01"));
    }

    @ParameterizedTest(name = "refused: \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // unknown version
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero span id
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", // short trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1", // short flags
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "not a traceparent" })
    void anythingElseIsRefused(String header) {
        assertThat(Traceparent.parse(header)).isEmpty();
    }

    @Test
    void aFreshTraceAndAChildAreWellFormed() {
        Traceparent fresh = Traceparent.fresh();
        assertThat(Traceparent.parse(fresh.header())).contains(fresh);
        Traceparent child = fresh.child();
        assertThat(child.traceId()).isEqualTo(fresh.traceId());
        assertThat(child.spanId()).isNotEqualTo(fresh.spanId());
        assertThat(Traceparent.parse(child.header())).contains(child);
    }

    @Test
    void theFilterContinuesTheCallersTraceInTheMdcAndTheResponseThenClearsIt() throws Exception {
        var request = new MockHttpServletRequest("GET", "/anything");
        request.addHeader("traceparent", INCOMING);
        var response = new MockHttpServletResponse();
        AtomicReference<String> traceInMdc = new AtomicReference<>();
        AtomicReference<String> spanInMdc = new AtomicReference<>();
        new TraceparentFilter().doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req,
                    jakarta.servlet.http.HttpServletResponse res) {
                traceInMdc.set(MDC.get("traceId"));
                spanInMdc.set(MDC.get("spanId"));
            }
        }));
        assertThat(traceInMdc.get()).isEqualTo(TRACE);
        assertThat(spanInMdc.get()).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7");
        assertThat(response.getHeader("traceparent")).isEqualTo("00-" + TRACE + "-" + spanInMdc.get() + "-01");
        assertThat(MDC.get("traceId")).isNull();
        assertThat(MDC.get("spanId")).isNull();
    }

    @Test
    void theFilterReplacesAMalformedTrace() throws Exception {
        var request = new MockHttpServletRequest("GET", "/anything");
        request.addHeader("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");
        var response = new MockHttpServletResponse();
        new TraceparentFilter().doFilter(request, response, new MockFilterChain());
        Traceparent answered = Traceparent.parse(response.getHeader("traceparent")).orElseThrow();
        assertThat(answered.traceId()).isNotEqualTo("00000000000000000000000000000000");
    }

    @Test
    void aCallToAnotherServiceCarriesTheCurrentTraceAsANewSpan() throws Exception {
        Traceparent current = Traceparent.parse(INCOMING).orElseThrow();
        var request = new MockClientHttpRequest(HttpMethod.PUT, "http://care/internal");
        try (var scope = current.open()) {
            new TraceparentPropagation().intercept(request, new byte[0], (r, b) -> new MockClientHttpResponse());
        }
        Traceparent sent = Traceparent.parse(request.getHeaders().getFirst("traceparent")).orElseThrow();
        assertThat(sent.traceId()).isEqualTo(TRACE);
        assertThat(sent.spanId()).isNotEqualTo(current.spanId());
        assertThat(MDC.get("traceId")).isNull();
    }

    @Test
    void aCallOutsideAnyTraceCarriesNone() throws Exception {
        var request = new MockClientHttpRequest(HttpMethod.PUT, "http://care/internal");
        new TraceparentPropagation().intercept(request, new byte[0], (r, b) -> new MockClientHttpResponse());
        assertThat(request.getHeaders().getFirst("traceparent")).isNull();
    }
}
