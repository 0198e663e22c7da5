package org.warmnest.gateway.identity;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.warmnest.gateway.problem.Problem;
import org.warmnest.gateway.problem.ProblemResponses;

import reactor.core.publisher.Mono;

/**
 * Right after the token is verified, checks its subject and tenants against {@link IdentityState} on every request
 * that carries a verified token, whatever its path looks like, failing closed when the state cannot be read. It runs
 * inside the security chain, after authentication and before authorisation ({@code GatewaySecurity}), so a path the
 * gateway then refuses or does not route is checked too: no spelling of a path can step around it.
 */
@Component
public class IdentityGate {

    private static final Logger log = LoggerFactory.getLogger(IdentityGate.class);

    private final IdentityState state;
    private final ProblemResponses problems;

    IdentityGate(ReactiveStringRedisTemplate redis, @Value("${warmnest.identity.state-prefix}") String prefix,
            ProblemResponses problems) {
        this.state = new IdentityState(redis, prefix);
        this.problems = problems;
    }

    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .flatMap(authentication -> check(exchange, authentication.getToken()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(refusal -> refusal.isPresent() ? problems.write(exchange, refusal.get())
                        : chain.filter(exchange));
    }

    private Mono<Optional<Problem>> check(ServerWebExchange exchange, Jwt token) {
        Caller caller = new Caller(token.getSubject(), token.getClaimAsString("tenant"),
                Caller.pathTenant(exchange.getRequest().getPath().value()));
        exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
        // Managing a tenant itself (reading it, lifting its suspension) works whatever its status, as at the service.
        String pathTenantToCheck = Caller.isTenantLifecyclePath(exchange.getRequest().getPath().value()) ? null
                : caller.pathTenant();
        return state.read(caller.subject(), caller.tokenTenant(), pathTenantToCheck)
                .map(reading -> IdentityPolicy.refusal(reading, token.getIssuedAt(), caller))
                .onErrorResume(e -> {
                    log.warn("identity state unreadable, refusing: {}", e.toString());
                    return Mono.just(Optional.of(Problem.identityStateUnavailable()));
                });
    }
}
