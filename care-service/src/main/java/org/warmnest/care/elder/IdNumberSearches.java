package org.warmnest.care.elder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.problem.Problems;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tracing.Traceparent;

import jakarta.persistence.EntityManager;

/**
 * The exact-ID search is a sensitive read: whether a number is on file, and whose file it is, tells as much as the
 * number itself. So it is for the roles that may read numbers in full only, needs a reason, is written to the same
 * append-only trail as full reads (the number's keyed hash, never the number) in the search's transaction, and is
 * limited per user (per minute and per hour), so that numbers cannot be tried one after another.
 */
@Component
class IdNumberSearches {

    static final String FIELD = "idNumberSearch";

    /** The caller searched too often; {@code retryAfter} is when the oldest search in the window leaves it. */
    static final class Limited extends RuntimeException {
        final long retryAfterSeconds;

        Limited(long retryAfterSeconds) {
            super("id-search-rate-limited", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private final EntityManager em;
    private final Clock clock;
    private final int perMinute;
    private final int perHour;

    IdNumberSearches(EntityManager em, Clock clock,
            @Value("${warmnest.elders.id-search.per-minute:5}") int perMinute,
            @Value("${warmnest.elders.id-search.per-hour:30}") int perHour) {
        this.em = em;
        this.clock = clock;
        this.perMinute = perMinute;
        this.perHour = perHour;
    }

    /** Refuses callers who may not search by number, and those without a reason; nothing else is checked here. */
    void checkAllowed(String reason) {
        if (!CurrentUser.get().hasAnyRole(ElderRoles.REVEALER_ROLES)) {
            throw ProblemException.forbidden("id-search-not-allowed");
        }
        if (reason == null || reason.strip().length() < 2) {
            throw ProblemException.invalid("reason", "required");
        }
    }

    /** Admits the search within the caller's limits and records it; in the search's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void admitAndRecord(byte[] hash, String reason) {
        checkAllowed(reason);
        CurrentUser user = CurrentUser.get();
        Instant now = clock.instant();
        // one caller's searches are counted one at a time, so that parallel requests cannot slip past the limit
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", "id-search:" + user.subject()).getSingleResult();
        limit(user.subject(), now, Duration.ofMinutes(1), perMinute);
        limit(user.subject(), now, Duration.ofHours(1), perHour);
        em.createNativeQuery("insert into pii_access (id, elder_id, subject, username, roles, contractor_id, fields, "
                + "reason, accessed_at, trace_id, id_number_hash) values (:id, null, :subject, :username, "
                + "cast(:roles as text[]), :contractor, cast(:fields as text[]), :reason, :at, :trace, :hash)")
                .setParameter("id", UUID.randomUUID()).setParameter("subject", user.subject())
                .setParameter("username", user.username())
                .setParameter("roles", "{" + String.join(",", user.roles().stream().sorted().toList()) + "}")
                .setParameter("contractor", user.contractorId().orElse(null))
                .setParameter("fields", "{" + FIELD + "}").setParameter("reason", reason.strip())
                .setParameter("at", now)
                .setParameter("trace", Traceparent.current().map(Traceparent::traceId).orElse(null))
                .setParameter("hash", hash).executeUpdate();
    }

    private void limit(String subject, Instant now, Duration window, int max) {
        Object[] r = (Object[]) em.createNativeQuery("select count(*), min(accessed_at) from pii_access"
                + " where subject = :subject and accessed_at > :since and fields @> array['" + FIELD + "']::text[]")
                .setParameter("subject", subject).setParameter("since", now.minus(window)).getSingleResult();
        if (((Number) r[0]).intValue() >= max) {
            Instant oldest = ElderRegistry.toInstant(r[1]);
            throw new Limited(Math.max(1, Duration.between(now, oldest.plus(window)).toSeconds() + 1));
        }
    }

    /** The limit's answer: 429 with Retry-After, as the gateway's own limit answers. */
    @RestControllerAdvice(assignableTypes = { ElderController.class, ElderSheetController.class })
    static class LimitAnswer {

        private final Problems problems;

        LimitAnswer(Problems problems) {
            this.problems = problems;
        }

        @ExceptionHandler(Limited.class)
        ResponseEntity<ProblemDetail> limited(Limited e, Locale locale) {
            ProblemDetail problem = problems.build(HttpStatus.TOO_MANY_REQUESTS, "id-search-rate-limited",
                    new Object[] { e.retryAfterSeconds }, null, locale);
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
    }
}
