package org.warmnest.care.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.alert.NotificationOutbox.AlertFacts;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.care.elder.ElderFiles;
import org.warmnest.care.elder.ElderFiles.ElderRef;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;

import jakarta.persistence.criteria.Predicate;

/**
 * Raising alerts and taking them through their steps: acknowledge, act, resolve, follow up. A worker reaches the
 * elder through {@link ElderFiles}, so contractor staff raise and handle alerts only about their contractor's
 * elders; the cadence engine raises missed-contact alerts as the system. Every step is on the alert's timeline
 * in the same transaction.
 */
@Service
class Alerts implements AlertRaising {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    /** Raised or done by the platform itself, not a person. */
    static final String SYSTEM_PREFIX = "system:";
    static final String CADENCE = SYSTEM_PREFIX + "cadence";

    private final AlertRepository alerts;
    private final ElderFiles elders;
    private final AreaDirectory areas;
    private final EscalationPolicy policy;
    private final DutyRoster roster;
    private final AlertEscalation escalation;
    private final AlertTimeline timeline;
    private final NotificationOutbox outbox;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.warmnest.care.visit.VisitRecords visitRecords;

    Alerts(AlertRepository alerts, ElderFiles elders, AreaDirectory areas, EscalationPolicy policy, DutyRoster roster,
            AlertEscalation escalation, AlertTimeline timeline, NotificationOutbox outbox, DataSource dataSource,
            Clock clock, org.warmnest.care.visit.VisitRecords visitRecords) {
        this.alerts = alerts;
        this.elders = elders;
        this.areas = areas;
        this.policy = policy;
        this.roster = roster;
        this.escalation = escalation;
        this.timeline = timeline;
        this.outbox = outbox;
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        this.visitRecords = visitRecords;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A worker reports an emergency about an elder in their reach. */
    @Transactional
    Alert raise(UUID elderId, Alert.Kind kind, String description) {
        if (kind == Alert.Kind.MISSED_CONTACT) {
            throw ProblemException.invalid("kind", "alert-kind-system-only");
        }
        ElderRef elder = elders.require(elderId);
        ElderRow row = elderRow(elderId).orElseThrow(() -> ProblemException.notFound("elder-not-found", elderId));
        if (!"ACTIVE".equals(elder.status())) {
            throw ProblemException.conflict("alert-elder-not-active", elderId, elder.status());
        }
        return raise(new Alert.Raised(elderId, elder.name(), elder.contractorId(), kind, Alert.Source.WORKER,
                blankToNull(description), null, null, CurrentUser.get().subject(), now(), place(row)));
    }

    @Override
    @Transactional
    public UUID raiseMissedContact(UUID elderId, UUID planItemId, LocalDate day, String detail) {
        if (elderId == null || planItemId == null || day == null) {
            throw new IllegalArgumentException("elder, plan item and day are required");
        }
        TenantContext.require();
        // callers for the same item and day queue here, so the second finds the first's alert
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("alert-missed-contact:" + planItemId + ":" + day)
                .query().singleRow();
        Optional<Alert> existing = alerts.findByPlanItemIdAndMissedDay(planItemId, day);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        ElderRow row = elderRow(elderId).orElseThrow(() -> ProblemException.notFound("elder-not-found", elderId));
        if (!"ACTIVE".equals(row.status())) {
            throw ProblemException.conflict("alert-elder-not-active", elderId, row.status());
        }
        return raise(new Alert.Raised(elderId, row.name(), row.contractorId(), Alert.Kind.MISSED_CONTACT,
                Alert.Source.CADENCE, detail == null ? null : AlertTimeline.clip(detail.strip(), 500), planItemId, day,
                CADENCE, now(), place(row))).id();
    }

    private Alert raise(Alert.Raised raised) {
        String tenant = TenantContext.require().value();
        Map<AlertLevel, List<AlertDuty>> duties = roster.of(raised.place(), tenant);
        EscalationPolicy.Plan plan = policy.start(raised.at(), l -> !duties.get(l).isEmpty());
        Alert alert = alerts.saveAndFlush(new Alert(UUID.randomUUID(), raised, plan.position()));
        timeline.record(alert.id(), AlertTimeline.Kind.RAISED, AlertLevel.GRID, raised.at(), raised.at(),
                raised.by(), raised.kind().chineseName + (raised.description() == null ? ""
                        : "：" + raised.description()));
        escalation.record(AlertFacts.of(alert), plan, duties, raised.at());
        return alert;
    }

    @Transactional
    Alert acknowledge(UUID id, String note) {
        Alert a = lockVisible(id);
        Instant now = now();
        a.acknowledge(CurrentUser.get().subject(), now, blankToNull(note));
        alerts.flush();
        timeline.record(a.id(), AlertTimeline.Kind.ACKNOWLEDGED, a.level(), now, now, a.acknowledgedBy(),
                a.acknowledgementNote());
        outbox.toRaiser(AlertFacts.of(a), NotificationOutbox.Topic.ACKNOWLEDGED, a.level(), a.ackDeadline(), now);
        return a;
    }

    @Transactional
    Alert act(UUID id, String note) {
        Alert a = lockVisible(id);
        Instant now = now();
        a.act(CurrentUser.get().subject(), now, note.strip());
        alerts.flush();
        timeline.record(a.id(), AlertTimeline.Kind.ACTING, a.level(), now, now, a.actingBy(), a.actionNote());
        return a;
    }

    @Transactional
    Alert resolve(UUID id, String resolution) {
        Alert a = lockVisible(id);
        Instant now = now();
        a.resolve(CurrentUser.get().subject(), now, resolution.strip());
        alerts.flush();
        timeline.record(a.id(), AlertTimeline.Kind.RESOLVED, a.level(), now, now, a.resolvedBy(), a.resolution());
        return a;
    }

    @Transactional
    Alert followUp(UUID id, Instant visitedAt, Alert.FollowUpMode mode, String note, UUID serviceRecordId) {
        Alert a = lockVisible(id);
        Instant now = now();
        Instant visited = visitedAt.truncatedTo(ChronoUnit.MICROS);
        if (visited.isAfter(now)) {
            throw ProblemException.invalid("visitedAt", "date-in-future");
        }
        if (a.resolvedAt() != null && visited.isBefore(a.resolvedAt())) {
            throw ProblemException.invalid("visitedAt", "visit-before-resolution");
        }
        if (serviceRecordId != null) {
            visitRecords.requireVisitOf(serviceRecordId, a.elderId());
        }
        a.followUp(CurrentUser.get().subject(), now, visited, mode, blankToNull(note), serviceRecordId);
        alerts.flush();
        timeline.record(a.id(), AlertTimeline.Kind.FOLLOWED_UP, a.level(), visited, now, a.followUpBy(),
                mode.name() + (a.followUpNote() == null ? "" : "：" + a.followUpNote()));
        return a;
    }

    @Transactional(readOnly = true)
    Alert one(UUID id) {
        return visible(alerts.findById(id), id);
    }

    List<AlertTimeline.Event> timeline(UUID id) {
        return timeline.of(id);
    }

    record Filter(Alert.Status status, AlertLevel level, Alert.Kind kind, UUID elderId, Instant from, Instant to) {
    }

    @Transactional(readOnly = true)
    Page<Alert> list(Filter f, Pageable pageable) {
        Optional<UUID> contractor = CurrentUser.get().contractorScope();
        Specification<Alert> spec = (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            contractor.ifPresent(c -> where.add(cb.equal(root.get("contractorId"), c)));
            if (f.status() != null) {
                where.add(cb.equal(root.get("status"), f.status()));
            }
            if (f.level() != null) {
                where.add(cb.equal(root.get("level"), f.level()));
            }
            if (f.kind() != null) {
                where.add(cb.equal(root.get("kind"), f.kind()));
            }
            if (f.elderId() != null) {
                where.add(cb.equal(root.get("elderId"), f.elderId()));
            }
            if (f.from() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("raisedAt"), f.from()));
            }
            if (f.to() != null) {
                where.add(cb.lessThan(root.get("raisedAt"), f.to()));
            }
            return cb.and(where.toArray(new Predicate[0]));
        };
        return alerts.findAll(spec, pageable);
    }

    /** The alert if the caller may see it, locked for a step; contractor staff reach their contractor's only. */
    private Alert lockVisible(UUID id) {
        return visible(alerts.lockById(id), id);
    }

    private static Alert visible(Optional<Alert> found, UUID id) {
        Optional<UUID> contractor = CurrentUser.get().contractorScope();
        return found.filter(a -> contractor.map(c -> c.equals(a.contractorId())).orElse(true))
                .orElseThrow(() -> ProblemException.notFound("alert-not-found", id));
    }

    /** The columns of the elder's file an alert needs, read without a caller's scope (see the callers). */
    private record ElderRow(String name, UUID contractorId, String gridCode, String communityCode, String streetCode,
            String status) {
    }

    private Optional<ElderRow> elderRow(UUID elderId) {
        return jdbc.sql("select name, contractor_id, grid_code, community_code, street_code, status from "
                + TenantContext.require().schema() + ".elder where id = ?").param(elderId)
                .query((rs, i) -> new ElderRow(rs.getString("name"), rs.getObject("contractor_id", UUID.class),
                        rs.getString("grid_code"), rs.getString("community_code"), rs.getString("street_code"),
                        rs.getString("status")))
                .optional();
    }

    /**
     * Where the elder lives, as the area directory says now; when tenant-service cannot answer, as the elder's file
     * says. An emergency is never refused because a neighbouring service is down.
     */
    private Alert.AlertPlace place(ElderRow elder) {
        TenantCode tenant = TenantContext.require();
        try {
            Optional<AreaDirectory.GridPlace> grid = areas.grid(tenant, elder.gridCode());
            if (grid.isPresent()) {
                return new Alert.AlertPlace(grid.get().gridCode(), grid.get().communityCode(),
                        grid.get().streetCode());
            }
        } catch (ProblemException e) {
            log.warn("areas of {} unavailable ({}); the alert takes the elder file's community and street",
                    tenant.value(), e.code());
        }
        return new Alert.AlertPlace(elder.gridCode(), elder.communityCode(), elder.streetCode());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
