package org.warmnest.billing.idempotency;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.aopalliance.intercept.MethodInvocation;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.sql.SqlValues;

import jakarta.persistence.EntityManager;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency keys of money-moving requests, kept per tenant (table {@code idempotency_request}).
 * <ul>
 * <li>The key is entered, with a fingerprint of the caller, the operation and its arguments, in a transaction of
 * its own before the request runs: a duplicate arriving meanwhile finds it and gets {@code 409
 * idempotency-request-in-progress}.</li>
 * <li>The outcome is kept when the request ends: its response, or the problem it was refused with (4xx). The same
 * key and request then returns that outcome again (header {@code Idempotent-Replayed: true}); the same key with
 * another request or caller is {@code 422 idempotency-key-reused}.</li>
 * <li>A request that failed for a passing reason (5xx, 503, 429) leaves no key behind: it may be retried with the
 * same key.</li>
 * <li>A key whose request never finished (the service stopped between the two writes) is never run again, as the
 * money may have moved: it answers {@code 409 idempotency-outcome-unknown} and the journal tells what happened.</li>
 * </ul>
 */
@Component
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,100}");
    static final Duration UNFINISHED = Duration.ofMinutes(2);

    private final EntityManager em;
    private final TransactionTemplate own;
    private final JsonMapper json;
    private final Clock clock;

    IdempotentRequests(EntityManager em, PlatformTransactionManager transactions, JsonMapper json, Clock clock) {
        this.em = em;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.clock = clock;
    }

    private record Kept(String fingerprint, String state, Integer status, String response, String problemCode,
            String problemArgs, String problemFields, Instant createdAt) {
    }

    Object invoke(MethodInvocation invocation) throws Throwable {
        ServletRequestAttributes attributes = (ServletRequestAttributes) RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return invocation.proceed();
        }
        HttpServletRequest request = attributes.getRequest();
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "idempotency-key-required");
        }
        if (!KEY.matcher(key).matches()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "idempotency-key-invalid");
        }
        Method method = invocation.getMethod();
        String operation = request.getMethod() + " " + request.getRequestURI();
        String fingerprint = fingerprint(CurrentUser.get().subject(), operation, invocation.getArguments());
        Kept kept = own.execute(s -> enter(key, operation, fingerprint));
        if (kept != null) {
            return replay(kept, fingerprint, method, attributes);
        }
        Object result;
        try {
            result = invocation.proceed();
        } catch (ProblemException e) {
            if (e.status().is4xxClientError() && e.status() != HttpStatus.TOO_MANY_REQUESTS) {
                own.executeWithoutResult(s -> refused(key, e));
            } else {
                own.executeWithoutResult(s -> forget(key));
            }
            throw e;
        } catch (Throwable e) {
            own.executeWithoutResult(s -> forget(key));
            throw e;
        }
        own.executeWithoutResult(s -> done(key, status(method), result));
        return result;
    }

    /** Enters the key; null if it is new, else what is kept for it. */
    private Kept enter(String key, String operation, String fingerprint) {
        int entered = em.createNativeQuery("insert into idempotency_request (key, operation, fingerprint, state,"
                + " created_at) values (?1, ?2, ?3, 'IN_PROGRESS', ?4) on conflict (key) do nothing")
                .setParameter(1, key).setParameter(2, operation).setParameter(3, fingerprint)
                .setParameter(4, clock.instant()).executeUpdate();
        if (entered == 1) {
            return null;
        }
        Object[] r = (Object[]) em.createNativeQuery("select fingerprint, state, status, response, problem_code,"
                + " problem_args, problem_fields, created_at from idempotency_request where key = ?1")
                .setParameter(1, key).getSingleResult();
        return new Kept((String) r[0], (String) r[1], r[2] == null ? null : ((Number) r[2]).intValue(),
                (String) r[3], (String) r[4], (String) r[5], (String) r[6], SqlValues.instant(r[7]));
    }

    private Object replay(Kept kept, String fingerprint, Method method, ServletRequestAttributes attributes) {
        if (!kept.fingerprint().equals(fingerprint)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused");
        }
        if ("IN_PROGRESS".equals(kept.state())) {
            if (kept.createdAt().isBefore(clock.instant().minus(UNFINISHED))) {
                throw ProblemException.conflict("idempotency-outcome-unknown");
            }
            throw ProblemException.conflict("idempotency-request-in-progress");
        }
        if (attributes.getResponse() != null) {
            attributes.getResponse().setHeader("Idempotent-Replayed", "true");
        }
        if (kept.problemCode() != null) {
            List<ProblemException.FieldProblem> fields = new ArrayList<>();
            if (kept.problemFields() != null) {
                fields.addAll(List.of(json.readValue(kept.problemFields(), ProblemException.FieldProblem[].class)));
            }
            Object[] args = kept.problemArgs() == null ? new Object[0]
                    : json.readValue(kept.problemArgs(), Object[].class);
            throw new ProblemException(HttpStatus.valueOf(kept.status()), kept.problemCode(), fields, args);
        }
        JavaType type = json.getTypeFactory().constructType(method.getGenericReturnType());
        return kept.response() == null ? null : json.readValue(kept.response(), type);
    }

    private void done(String key, int status, Object result) {
        em.createNativeQuery("update idempotency_request set state = 'DONE', status = ?2, response = ?3,"
                + " completed_at = ?4 where key = ?1").setParameter(1, key).setParameter(2, status)
                .setParameter(3, result == null ? null : json.writeValueAsString(result))
                .setParameter(4, clock.instant()).executeUpdate();
    }

    private void refused(String key, ProblemException e) {
        em.createNativeQuery("update idempotency_request set state = 'DONE', status = ?2, problem_code = ?3,"
                + " problem_args = ?4, problem_fields = ?5, completed_at = ?6 where key = ?1").setParameter(1, key)
                .setParameter(2, e.status().value()).setParameter(3, e.code())
                .setParameter(4, json.writeValueAsString(e.args()))
                .setParameter(5, e.fieldProblems().isEmpty() ? null : json.writeValueAsString(e.fieldProblems()))
                .setParameter(6, clock.instant()).executeUpdate();
    }

    private void forget(String key) {
        em.createNativeQuery("delete from idempotency_request where key = ?1 and state = 'IN_PROGRESS'")
                .setParameter(1, key).executeUpdate();
    }

    private static int status(Method method) {
        ResponseStatus s = AnnotatedElementUtils.findMergedAnnotation(method, ResponseStatus.class);
        return s == null ? 200 : s.code().value();
    }

    /** Who asks, for what, with what: SHA-256 of the caller, the operation and the arguments as JSON. */
    private String fingerprint(String subject, String operation, Object[] arguments) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(subject.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(json.writeValueAsBytes(arguments));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
