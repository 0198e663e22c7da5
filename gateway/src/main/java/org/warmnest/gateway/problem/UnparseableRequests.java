package org.warmnest.gateway.problem;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A request whose URI cannot even be parsed ({@code %zz}, a lone {@code %}) is refused by Spring's HTTP adapter
 * before any filter runs, with a 400 and no body at all. This gives that 400 the problem body every other refusal
 * has ({@code bad-request}); the request's URI is not echoed.
 */
@Component
class UnparseableRequests implements NettyServerCustomizer {

    private final ProblemResponses problems;

    UnparseableRequests(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
        return server.mapHandle((handled, connection) -> handled.then(Mono.defer(() -> {
            // Only the adapter's refusal ends with a 400 set and nothing sent: everything else writes its answer.
            if (connection instanceof HttpServerResponse response && !response.hasSentHeaders()
                    && response.status().equals(HttpResponseStatus.BAD_REQUEST)) {
                String language = connection instanceof HttpServerRequest request
                        ? request.requestHeaders().get(HttpHeaders.ACCEPT_LANGUAGE) : null;
                byte[] body = problems.json(Problem.badRequest(), null, language);
                return response.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .header(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length))
                        .header(HttpHeaders.CONNECTION, "close")
                        .sendByteArray(Mono.just(body)).then();
            }
            return Mono.<Void>empty();
        })));
    }
}
