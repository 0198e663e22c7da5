package org.warmnest.care.alert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.warmnest.platform.tenancy.TenantContext;

/**
 * An alert's timeline: what happened, at which level, when and by whom. Written in the transaction of the step
 * it tells; the table refuses updates and deletes, so the timeline is what the ledgers and an inquiry rely on.
 */
@Component
class AlertTimeline {

    enum Kind { RAISED, ESCALATED, NO_DUTY, NOTIFIED, REMINDED, ACKNOWLEDGED, ACTING, RESOLVED, FOLLOWED_UP }

    /**
     * @param at         when it happened (an escalation caught up after an outage is dated when it fell due)
     * @param recordedAt when it was written
     */
    record Event(UUID id, Kind kind, AlertLevel level, Instant at, Instant recordedAt, String actor, String detail) {
    }

    private final JdbcClient jdbc;

    AlertTimeline(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    void record(UUID alertId, Kind kind, AlertLevel level, Instant at, Instant recordedAt, String actor,
            String detail) {
        InTransaction.require("an alert's timeline");
        jdbc.sql("insert into " + table() + " (id, alert_id, kind, level, at, recorded_at, actor, detail) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), alertId, kind.name(), level == null ? null : level.name(), utc(at),
                        utc(recordedAt), actor, detail == null ? null : clip(detail, 1000))
                .update();
    }

    List<Event> of(UUID alertId) {
        return jdbc.sql("select * from " + table() + " where alert_id = ? order by at, seq")
                .param(alertId)
                .query((rs, i) -> new Event(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")),
                        rs.getString("level") == null ? null : AlertLevel.valueOf(rs.getString("level")),
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                        rs.getString("detail")))
                .list();
    }

    private static String table() {
        return TenantContext.require().schema() + ".alert_event";
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
