package org.warmnest.gateway.ratelimit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.warmnest.gateway.identity.Caller;
import org.warmnest.gateway.problem.Problem;
import org.warmnest.gateway.problem.ProblemResponses;

import reactor.core.publisher.Mono;

/**
 * Rate limits per user and per tenant: two token buckets in Redis ({@code warmnest:rl:user:<sub>},
 * {@code warmnest:rl:tenant:<code>}, under {@code warmnest.identity.state-prefix}, each with a TTL of its refill time), taken from atomically by one Lua
 * script: a request passes only when both have a token, and then spends one of each. Over the limit: 429 with
 * {@code Retry-After}. A Redis failure is a 503, as for the identity state. Runs inside the security chain right
 * after the {@link org.warmnest.gateway.identity.IdentityGate}, for every request with a verified token.
 */
@Component
public class RateLimits {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
    private static final RedisScript<List> TAKE = RedisScript.of(
            org.warmnest.gateway.identity.IdentityState.script("redis/rate-limit.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;
    private final RateLimitProperties properties;
    private final String prefix;
    private final ProblemResponses problems;
    private final Clock clock;

    RateLimits(ReactiveStringRedisTemplate redis, RateLimitProperties properties,
            @Value("${warmnest.identity.state-prefix}") String keyPrefix, ProblemResponses problems, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.prefix = keyPrefix + "rl:";
        this.problems = problems;
        this.clock = clock;
    }

    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Caller caller = Caller.of(exchange);
        if (!properties.enabled() || caller == null) {
            return chain.filter(exchange);
        }
        List<String> keys = new ArrayList<>(List.of(prefix + "user:" + caller.subject()));
        List<String> args = new ArrayList<>(List.of(Long.toString(clock.millis())));
        args.addAll(bucketArgs(properties.user()));
        if (caller.rateLimitTenant() != null) {
            keys.add(prefix + "tenant:" + caller.rateLimitTenant());
            args.addAll(bucketArgs(properties.tenant()));
        }
        return redis.execute(TAKE, keys, args).collectList()
                .map(reply -> reply.size() == 1 && reply.get(0) instanceof List<?> inner ? inner : reply)
                .map(reply -> Long.parseLong(String.valueOf(reply.get(0))))
                .onErrorResume(e -> {
                    log.warn("rate limits unreadable, refusing: {}", e.toString());
                    return Mono.just(-1L);
                })
                .flatMap(waitSeconds -> {
                    if (waitSeconds < 0) {
                        return problems.write(exchange, Problem.identityStateUnavailable());
                    }
                    if (waitSeconds > 0) {
                        return problems.write(exchange, Problem.rateLimited(waitSeconds));
                    }
                    return chain.filter(exchange);
                });
    }

    private static List<String> bucketArgs(RateLimitProperties.Bucket bucket) {
        return List.of(Double.toString(bucket.replenishPerSecond()), Integer.toString(bucket.burst()));
    }
}
