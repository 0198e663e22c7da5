package org.warmnest.care.elder;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tracing.Traceparent;

import jakarta.persistence.EntityManager;

/**
 * The audit trail of full reads of an elder's sensitive data (PIPL): who, when, which elder, which fields and
 * why. Written in the reader's transaction, so that no sensitive value leaves without its record; the table
 * refuses updates and deletes.
 */
@Component
public class SensitiveReads {

    private final EntityManager em;
    private final Clock clock;

    SensitiveReads(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Records that the current caller reads these fields of the elder in full, for this reason. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Instant record(UUID elderId, List<String> fields, String reason) {
        return record(elderId, null, fields, reason);
    }

    /** Records that the current caller reads these fields of a volunteer in full, for this reason. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Instant recordVolunteer(UUID volunteerId, List<String> fields, String reason) {
        return record(null, volunteerId, fields, reason);
    }

    private Instant record(UUID elderId, UUID volunteerId, List<String> fields, String reason) {
        CurrentUser user = CurrentUser.get();
        Instant now = clock.instant();
        em.createNativeQuery("insert into pii_access (id, elder_id, volunteer_id, subject, username, roles, "
                + "contractor_id, fields, reason, accessed_at, trace_id) values (:id, :elder, :volunteer, :subject, "
                + ":username, cast(:roles as text[]), :contractor, cast(:fields as text[]), :reason, :at, :trace)")
                .setParameter("id", UUID.randomUUID()).setParameter("elder", elderId)
                .setParameter("volunteer", volunteerId)
                .setParameter("subject", user.subject()).setParameter("username", user.username())
                .setParameter("roles", "{" + String.join(",", user.roles().stream().sorted().toList()) + "}")
                .setParameter("contractor", user.contractorId().orElse(null))
                .setParameter("fields", "{" + String.join(",", fields) + "}").setParameter("reason", reason.strip())
                .setParameter("at", now)
                .setParameter("trace", Traceparent.current().map(Traceparent::traceId).orElse(null))
                .executeUpdate();
        return now;
    }
}
