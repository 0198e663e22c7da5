package org.warmnest.care.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.care.elder.ElderRoles;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The caller's in-app notifications (alerts to acknowledge, news of alerts they raised). Each person reads only
 * their own, found by their account; those who may act on alerts have an inbox.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/notifications")
@Tag(name = "notifications", description = "In-app notifications of the caller")
class NotificationController {

    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    NotificationController(DataSource dataSource, JsonMapper json, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.json = json;
        this.clock = clock;
    }

    record NotificationView(UUID id, UUID alertId, NotificationOutbox.Topic topic, AlertLevel level, int round,
            String title, String body, Map<String, String> params, Instant createdAt, Instant readAt) {
    }

    @GetMapping("/mine")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "The caller's in-app notifications, newest first; unread only if asked")
    PageView<NotificationView> mine(@PathVariable String tenant,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        String subject = CurrentUser.get().subject();
        String where = " from " + table() + " where channel = 'IN_APP' and recipient_subject = ?"
                + (unread ? " and read_at is null" : "");
        long total = jdbc.sql("select count(*)" + where).param(subject).query(Long.class).single();
        List<NotificationView> items = jdbc.sql("select *" + where + " order by created_at desc, id limit ? offset ?")
                .params(subject, size, (long) page * size)
                .query((rs, i) -> new NotificationView(rs.getObject("id", UUID.class),
                        rs.getObject("alert_id", UUID.class),
                        NotificationOutbox.Topic.valueOf(rs.getString("topic")),
                        AlertLevel.valueOf(rs.getString("level")), rs.getInt("round"), rs.getString("title"),
                        rs.getString("body"), json.readValue(rs.getString("params"), PARAMS),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("read_at", OffsetDateTime.class) == null ? null
                                : rs.getObject("read_at", OffsetDateTime.class).toInstant()))
                .list();
        return new PageView<>(items, page, size, total);
    }

    /** Marks one of the caller's notifications read; someone else's is not found. Repeating it changes nothing. */
    @PostMapping("/{id}/read")
    @PreAuthorize(ElderRoles.WRITERS)
    Map<String, Object> read(@PathVariable String tenant, @PathVariable UUID id) {
        String subject = CurrentUser.get().subject();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int found = jdbc.sql("update " + table() + " set read_at = coalesce(read_at, ?) "
                + "where id = ? and channel = 'IN_APP' and recipient_subject = ?")
                .params(AlertTimeline.utc(now), id, subject).update();
        if (found == 0) {
            throw ProblemException.notFound("notification-not-found", id);
        }
        return Map.of("id", id, "read", true);
    }

    private static String table() {
        return TenantContext.require().schema() + ".notification";
    }
}
