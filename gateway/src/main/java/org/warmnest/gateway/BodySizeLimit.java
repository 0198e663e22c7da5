package org.warmnest.gateway;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.warmnest.gateway.problem.Problem;
import org.warmnest.gateway.problem.ProblemException;
import org.warmnest.gateway.problem.ProblemResponses;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps request bodies: {@code max-body-size}, or {@code max-upload-size} for imports and evidence photos (a path
 * ending in {@code /import} or {@code /evidence}, or containing {@code /imports}). A declared Content-Length over the cap is refused before
 * anything is read; a body without one (chunked) is counted as it streams to the service and cut off with the
 * same 413 once it passes the cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class BodySizeLimit implements WebFilter {

    private final long maxBody;
    private final long maxUpload;
    private final ProblemResponses problems;

    BodySizeLimit(GatewayProperties properties, ProblemResponses problems) {
        this.maxBody = properties.maxBodySize().toBytes();
        this.maxUpload = properties.maxUploadSize().toBytes();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long limit = limitFor(request.getPath().value());
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return problems.write(exchange, Problem.payloadTooLarge(limit));
        }
        if (declared >= 0) {
            return chain.filter(exchange); // the server reads no more than the declared length
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new ProblemException(Problem.payloadTooLarge(limit)));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    long limitFor(String path) {
        return path.endsWith("/import") || path.contains("/imports") || path.endsWith("/evidence") ? maxUpload : maxBody;
    }
}
