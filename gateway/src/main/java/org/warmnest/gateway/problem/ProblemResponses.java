package org.warmnest.gateway.problem;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Problem} as RFC 9457 {@code application/problem+json}, with title and detail in Simplified
 * Chinese unless the client's {@code Accept-Language} prefers English.
 */
@Component
public class ProblemResponses {

    static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;
    /** The exchange attribute holding the request's trace id (set by the gateway's Correlation filter). */
    public static final String TRACE_ID = "traceId";
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final MessageSource messages;
    private final JsonMapper json = JsonMapper.builder().build();

    public ProblemResponses() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("gateway-problems");
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        this.messages = source;
    }

    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        var fields = body(problem, exchange.getRequest().getPath().value(),
                locale(exchange.getRequest().getHeaders().getFirst("Accept-Language")));
        String traceId = exchange.getAttribute(TRACE_ID);
        if (traceId != null) {
            fields.put("traceId", traceId); // to quote to support, as the services' problems do
        }
        byte[] body = json.writeValueAsBytes(fields);
        response.setStatusCode(problem.status());
        var headers = response.getHeaders();
        headers.setContentType(PROBLEM_JSON);
        headers.setContentLength(body.length);
        problem.headers().forEach(headers::set);
        // A request the gateway refuses itself is answered before the request has been read to its end (a body, or
        // just the end of the message). Keeping such a connection alive has left the client's next request on it
        // unread (measured: 1 in about 5,000 refusals on keep-alive connections hung until the client's timeout;
        // never with the connection closed). Refusals are rare for well-behaved clients: close the connection.
        // Not for a body refused as too large while the client may still be sending it: closing then would lose the
        // answer itself; the server discards what comes.
        if (problem.status().value() != 413) {
            headers.set("Connection", "close");
        }
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /** The problem's JSON for a response written outside WebFlux (no exchange); no instance when it is null. */
    public byte[] json(Problem problem, String instance, String acceptLanguage) {
        var fields = body(problem, instance, locale(acceptLanguage));
        if (instance == null) {
            fields.remove("instance");
        }
        return json.writeValueAsBytes(fields);
    }

    LinkedHashMap<String, Object> body(Problem problem, String instance, Locale locale) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", problem.type());
        body.put("title", message("problem." + problem.code() + ".title", problem, locale));
        body.put("status", problem.status().value());
        body.put("detail", message("problem." + problem.code() + ".detail", problem, locale));
        body.put("code", problem.code());
        body.put("instance", instance);
        return body;
    }

    private String message(String key, Problem problem, Locale locale) {
        return messages.getMessage(key, problem.args().toArray(), problem.status().getReasonPhrase(), locale);
    }

    /** zh-CN unless the client ranks English above Chinese; a malformed header gets the default. */
    static Locale locale(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return DEFAULT_LOCALE;
        }
        try {
            // Ranges come sorted by weight; the first naming a language we speak decides (en-US is English).
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String language = range.getRange().split("-")[0];
                if (range.getWeight() > 0 && (language.equals("zh") || language.equals("*"))) {
                    return DEFAULT_LOCALE;
                }
                if (range.getWeight() > 0 && language.equals("en")) {
                    return Locale.ENGLISH;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // fall through to the default
        }
        return DEFAULT_LOCALE;
    }
}
