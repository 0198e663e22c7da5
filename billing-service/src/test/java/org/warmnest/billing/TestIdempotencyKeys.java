package org.warmnest.billing;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Billing's tests act as a well-behaved client: every POST without an {@code Idempotency-Key} gets a fresh one,
 * unless it says {@code X-Test-Without-Idempotency-Key} (the tests of the keys themselves set their own).
 */
@AutoConfiguration
public class TestIdempotencyKeys {

    public static final String WITHOUT = "X-Test-Without-Idempotency-Key";

    @Bean
    MockMvcBuilderCustomizer idempotencyKeys() {
        return builder -> builder.addFilters(new KeyFilter());
    }

    static final class KeyFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            if (!"POST".equals(http.getMethod()) || http.getHeader("Idempotency-Key") != null
                    || http.getHeader(WITHOUT) != null) {
                chain.doFilter(request, response);
                return;
            }
            String key = UUID.randomUUID().toString();
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public String getHeader(String name) {
                    return "Idempotency-Key".equalsIgnoreCase(name) ? key : super.getHeader(name);
                }

                @Override
                public Enumeration<String> getHeaders(String name) {
                    return "Idempotency-Key".equalsIgnoreCase(name) ? Collections.enumeration(List.of(key))
                            : super.getHeaders(name);
                }

                @Override
                public Enumeration<String> getHeaderNames() {
                    List<String> names = Collections.list(super.getHeaderNames());
                    names.add("Idempotency-Key");
                    return Collections.enumeration(names);
                }
            }, response);
        }
    }
}
