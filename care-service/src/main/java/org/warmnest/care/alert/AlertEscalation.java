package org.warmnest.care.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.care.alert.EscalationPolicy.Plan;
import org.warmnest.care.alert.EscalationPolicy.Step;
import org.warmnest.care.alert.NotificationOutbox.AlertFacts;
import org.warmnest.platform.migration.TenantSchemaMigrator;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Escalates the alerts whose time to acknowledge has passed, tenant by tenant, the tenant set explicitly for
 * each. Exactly once across replicas, by two guards: a PostgreSQL advisory lock per tenant and job, taken for the
 * transaction ({@code pg_try_advisory_xact_lock}), lets one replica work a tenant at a time (the others skip it
 * this tick); and each escalation is a conditional update from the position read to the position planned, so
 * that even a run that got past the lock cannot move an alert twice or move one just acknowledged. The
 * notifications and the timeline go in the same transaction as the update.
 * <p>
 * Everything is in the database: after a restart the next tick finds whatever fell due meanwhile and puts it
 * where the deadlines say it should be ({@link EscalationPolicy}).
 */
@Component
class AlertEscalation {

    private static final Logger log = LoggerFactory.getLogger(AlertEscalation.class);
    /** The first key of this job's advisory locks; the second is the tenant's code. */
    static final int LOCK_KEY = 0x41_4C_45_52; // "ALER"
    static final String ACTOR = Alerts.SYSTEM_PREFIX + "escalation";

    private final TenantRegistry registry;
    private final TenantSchemaMigrator migrator;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final EscalationPolicy policy;
    private final DutyRoster roster;
    private final NotificationOutbox outbox;
    private final AlertTimeline timeline;
    private final AlertProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    AlertEscalation(TenantRegistry registry, TenantSchemaMigrator migrator, PlatformTransactionManager transactions,
            DataSource dataSource, EscalationPolicy policy, DutyRoster roster, NotificationOutbox outbox,
            AlertTimeline timeline, AlertProperties properties, Clock clock, MeterRegistry meters) {
        this.registry = registry;
        this.migrator = migrator;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.jdbc = JdbcClient.create(dataSource);
        this.policy = policy;
        this.roster = roster;
        this.outbox = outbox;
        this.timeline = timeline;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** One run over every tenant with a schema; returns how many alerts moved. */
    int tick() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int moved = 0;
        for (TenantCode tenant : registry.withSchemas()) {
            if (registry.status(tenant).orElse(TenantStatus.PROVISIONING) == TenantStatus.PROVISIONING
                    || migrator.isBroken(tenant)) {
                continue;
            }
            try {
                Integer n = TenantContext.callAs(tenant, () -> transaction.execute(tx -> escalate(tenant, now)));
                moved += n == null ? 0 : n;
            } catch (RuntimeException e) { // one tenant's failure must not stop the others' alerts
                log.error("escalating the alerts of {} failed; the next tick tries again", tenant.value(), e);
            }
        }
        return moved;
    }

    private int escalate(TenantCode tenant, Instant now) {
        Boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(?, ?)")
                .params(LOCK_KEY, Integer.parseInt(tenant.value())).query(Boolean.class).single();
        if (!Boolean.TRUE.equals(mine)) {
            log.debug("another replica escalates the alerts of {}", tenant.value());
            return 0;
        }
        List<Due> due = jdbc.sql("select id, elder_name, kind, grid_code, community_code, street_code, raised_by, "
                + "level, level_since, ack_deadline, notify_round from " + tenant.schema() + ".alert "
                + "where status = 'OPEN' and ack_deadline <= ? order by ack_deadline, id limit ?")
                .params(AlertTimeline.utc(now), properties.escalationBatch())
                .query((rs, i) -> new Due(
                        new AlertFacts(rs.getObject("id", UUID.class), rs.getString("elder_name"),
                                Alert.Kind.valueOf(rs.getString("kind")), rs.getString("grid_code"),
                                rs.getString("raised_by")),
                        new Alert.AlertPlace(rs.getString("grid_code"), rs.getString("community_code"),
                                rs.getString("street_code")),
                        new EscalationPolicy.Position(AlertLevel.valueOf(rs.getString("level")),
                                rs.getObject("level_since", OffsetDateTime.class).toInstant(),
                                rs.getObject("ack_deadline", OffsetDateTime.class).toInstant(),
                                rs.getInt("notify_round"))))
                .list();
        int moved = 0;
        for (Due d : due) {
            // one alert that cannot be escalated (a fault in its data) must not hold back the tenant's others
            jdbc.sql("savepoint alert_escalation").update();
            try {
                if (escalate(tenant, d, now)) {
                    moved++;
                }
                jdbc.sql("release savepoint alert_escalation").update();
            } catch (DataAccessException e) {
                jdbc.sql("rollback to savepoint alert_escalation").update();
                log.error("alert {} of {} could not be escalated; the next tick tries again", d.alert().id(),
                        tenant.value(), e);
            }
        }
        return moved;
    }

    private record Due(AlertFacts alert, Alert.AlertPlace place, EscalationPolicy.Position position) {
    }

    private boolean escalate(TenantCode tenant, Due d, Instant now) {
        Map<AlertLevel, List<AlertDuty>> duties = roster.of(d.place(), tenant.value());
        Plan plan = policy.advance(d.position(), now, l -> !duties.get(l).isEmpty());
        if (!plan.moved()) {
            return false;
        }
        EscalationPolicy.Position from = d.position();
        EscalationPolicy.Position to = plan.position();
        int updated = jdbc.sql("update " + tenant.schema() + ".alert set level = ?, level_since = ?, ack_deadline = ?, "
                + "notify_round = ?, version = version + 1 where id = ? and status = 'OPEN' and level = ? "
                + "and notify_round = ? and ack_deadline = ? and ack_deadline <= ?")
                .params(to.level().name(), AlertTimeline.utc(to.since()), AlertTimeline.utc(to.deadline()), to.round(),
                        d.alert().id(), from.level().name(), from.round(), AlertTimeline.utc(from.deadline()),
                        AlertTimeline.utc(now))
                .update();
        if (updated == 0) {
            return false; // acknowledged a moment ago, or moved by a run that raced this one
        }
        record(d.alert(), plan, duties, now);
        return true;
    }

    /**
     * The timeline and the notifications of a plan's steps, in the caller's transaction: for a raise as for an
     * escalation.
     */
    void record(AlertFacts alert, Plan plan, Map<AlertLevel, List<AlertDuty>> duties, Instant now) {
        InTransaction.require("an escalation");
        for (Step s : plan.steps()) {
            switch (s.kind()) {
                case NO_DUTY:
                    meters.counter("warmnest.alerts.no-duty", "level", s.level().name()).increment();
                    timeline.record(alert.id(), AlertTimeline.Kind.NO_DUTY, s.level(), s.at(), now, ACTOR,
                            s.level().isTop() ? s.level().chineseName + "无值守人员：无人可通知" + reminder(s)
                                    : s.level().chineseName + "无值守人员：立即升级");
                    break;
                case REACHED:
                    if (s.from() != null) {
                        timeline.record(alert.id(), AlertTimeline.Kind.ESCALATED, s.level(), s.at(), now, ACTOR,
                                "自" + s.from().chineseName + "升级至" + s.level().chineseName + "（"
                                        + s.from().chineseName + "未在时限内确认）");
                        meters.counter("warmnest.alerts.escalated", "level", s.level().name()).increment();
                        outbox.toRaiser(alert, NotificationOutbox.Topic.ESCALATED, s.level(), deadline(s), now);
                    }
                    notifyDuty(alert, s, duties.get(s.level()), now);
                    break;
                default:
                    timeline.record(alert.id(), AlertTimeline.Kind.REMINDED, s.level(), s.at(), now, ACTOR,
                            "仍未确认，第" + s.round() + "次提醒" + reminder(s));
                    meters.counter("warmnest.alerts.reminded").increment();
                    notifyDuty(alert, s, duties.get(s.level()), now);
                    break;
            }
        }
    }

    private void notifyDuty(AlertFacts alert, Step s, List<AlertDuty> duties, Instant now) {
        if (duties.isEmpty()) {
            return;
        }
        List<String> told = outbox.toDuty(alert, s.level(), s.round(), duties, deadline(s), now);
        if (!told.isEmpty()) {
            timeline.record(alert.id(), AlertTimeline.Kind.NOTIFIED, s.level(), s.at(), now, ACTOR,
                    "通知" + s.level().chineseName + "：" + String.join("；", told));
        }
    }

    private Instant deadline(Step s) {
        return s.at().plus(policy.timeToAcknowledge(s.level()));
    }

    private static String reminder(Step s) {
        return s.missed() > 0 ? "（停机期间另有" + s.missed() + "次提醒未发出）" : "";
    }
}
