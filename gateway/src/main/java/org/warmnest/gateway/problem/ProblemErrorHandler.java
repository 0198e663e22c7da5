package org.warmnest.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import io.netty.channel.ConnectTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Every error that reaches the top of the gateway becomes a problem response: no route (404), a backend that
 * cannot be reached (503) or breaks off (502, any I/O error after connecting), a Redis failure (503, fail closed), anything else (500, logged).
 * Runs before Boot's default handler.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final ProblemResponses responses;

    ProblemErrorHandler(ProblemResponses responses) {
        this.responses = responses;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = problemFor(error);
        if (problem.status().is5xxServerError()) {
            MDC.put(ProblemResponses.TRACE_ID, exchange.getAttributeOrDefault(ProblemResponses.TRACE_ID, ""));
            try {
                log.warn("{} {} failed: {} ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        problem.code(), error.toString(),
                        problem.status() == HttpStatus.INTERNAL_SERVER_ERROR ? error : null);
            } finally {
                MDC.remove(ProblemResponses.TRACE_ID);
            }
        }
        return responses.write(exchange, problem);
    }

    static Problem problemFor(Throwable error) {
        if (error instanceof ProblemException problem) {
            return problem.problem();
        }
        if (error instanceof ResponseStatusException status) {
            return switch (status.getStatusCode().value()) {
                case 400 -> Problem.of(HttpStatus.BAD_REQUEST, "bad-request");
                case 404 -> Problem.notFound();
                case 405 -> Problem.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
                case 413 -> Problem.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "?");
                case 415 -> Problem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
                case 502 -> badGateway();
                case 503 -> serviceUnavailable();
                case 504 -> Problem.of(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout");
                default -> internalError();
            };
        }
        if (error instanceof DataAccessException) {
            return Problem.identityStateUnavailable();
        }
        if (error instanceof AuthenticationServiceException) {
            // The issuer's keys could not be fetched: not the client's fault.
            return serviceUnavailable();
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException) {
                return serviceUnavailable();
            }
            if (cause instanceof PrematureCloseException || cause instanceof IOException) {
                return badGateway();
            }
            if (cause instanceof TimeoutException) {
                return Problem.of(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout");
            }
        }
        return internalError();
    }

    private static Problem badGateway() {
        return Problem.of(HttpStatus.BAD_GATEWAY, "bad-gateway");
    }

    private static Problem serviceUnavailable() {
        return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable");
    }

    private static Problem internalError() {
        return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error");
    }
}
