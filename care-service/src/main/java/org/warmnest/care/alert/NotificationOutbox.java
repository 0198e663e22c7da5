package org.warmnest.care.alert;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.warmnest.care.alert.Notifier.Channel;
import org.warmnest.platform.tenancy.TenantContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes notifications into the outbox in the transaction of the step they tell (a raise, an escalation, an
 * acknowledgement), so that a step is never without its notifications nor a notification without its step. Each
 * is unique per alert, topic, level, round, channel and recipient: asked twice, the outbox keeps one.
 * In-app notifications are delivered by being written; the others wait for the {@link NotificationDispatcher}.
 */
@Component
class NotificationOutbox {

    enum Topic {
        /** To the duty of a level: acknowledge this alert. */
        DUTY,
        /** To the raiser: the alert went up a level. */
        ESCALATED,
        /** To the raiser: someone acknowledged it. */
        ACKNOWLEDGED
    }

    /** What a notification tells of its alert. */
    record AlertFacts(UUID id, String elderName, Alert.Kind kind, String gridCode, String raisedBy) {

        static AlertFacts of(Alert a) {
            return new AlertFacts(a.id(), a.elderName(), a.kind(), a.gridCode(), a.raisedBy());
        }
    }

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(CHINA);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final boolean sms;

    NotificationOutbox(DataSource dataSource, JsonMapper json, List<Notifier> notifiers) {
        this.jdbc = JdbcClient.create(dataSource);
        this.json = json;
        this.sms = notifiers.stream().anyMatch(n -> n.channel() == Channel.SMS && n.available());
    }

    /**
     * Tells each person on duty at the level: in the log always, in-app when they have an account, by SMS when a
     * gateway is configured. Returns how they were told, for the timeline (empty when all was told before).
     */
    List<String> toDuty(AlertFacts alert, AlertLevel level, int round, List<AlertDuty> duties, Instant deadline,
            Instant now) {
        InTransaction.require("a notification");
        String template = round == 0 ? "ALERT_DUTY" : "ALERT_REMINDER";
        Map<String, String> params = params(alert, level, deadline);
        if (round > 0) {
            params.put("round", Integer.toString(round));
        }
        String title = (round == 0 ? "紧急情况待确认：" : "紧急情况仍未确认（第" + round + "次提醒）：")
                + alert.kind().chineseName;
        String body = level.chineseName + "：网格" + alert.gridCode() + "老人" + params.get("elder")
                + alert.kind().chineseName + "，请于" + params.get("deadline") + "前确认处置。";
        List<String> told = new ArrayList<>();
        for (AlertDuty d : duties) {
            List<String> channels = new ArrayList<>();
            Recipient who = new Recipient(d.name(), d.phone(), d.userSubject(), d.id());
            if (insert(alert, Topic.DUTY, level, round, Channel.LOG, d.id().toString(), who, template, params, title,
                    body, now)) {
                channels.add("日志");
            }
            if (d.userSubject() != null && insert(alert, Topic.DUTY, level, round, Channel.IN_APP, d.userSubject(),
                    who, template, params, title, body, now)) {
                channels.add("站内");
            }
            if (sms && insert(alert, Topic.DUTY, level, round, Channel.SMS, d.phone(), who, template, params, title,
                    body, now)) {
                channels.add("短信");
            }
            if (!channels.isEmpty()) {
                told.add(d.name() + "（" + String.join("、", channels) + "）");
            }
        }
        return told;
    }

    /** Tells the worker who raised the alert how it goes, in-app; a raise by the system has nobody to tell. */
    boolean toRaiser(AlertFacts alert, Topic topic, AlertLevel level, Instant deadline, Instant now) {
        InTransaction.require("a notification");
        if (alert.raisedBy().startsWith(Alerts.SYSTEM_PREFIX)) {
            return false;
        }
        Map<String, String> params = params(alert, level, deadline);
        String title = topic == Topic.ESCALATED ? "您上报的紧急情况已升级至" + level.chineseName
                : "您上报的紧急情况已由" + level.chineseName + "确认";
        String body = "老人" + params.get("elder") + alert.kind().chineseName + "：" + title + "。";
        return insert(alert, topic, level, 0, Channel.IN_APP, alert.raisedBy(),
                new Recipient(null, null, alert.raisedBy(), null), "ALERT_" + topic.name(), params, title, body, now);
    }

    private record Recipient(String name, String phone, String subject, UUID dutyId) {
    }

    private Map<String, String> params(AlertFacts alert, AlertLevel level, Instant deadline) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("alertId", alert.id().toString());
        p.put("elder", masked(alert.elderName()));
        p.put("kind", alert.kind().chineseName);
        p.put("grid", alert.gridCode());
        p.put("level", level.chineseName);
        p.put("deadline", CLOCK_TIME.format(deadline));
        return p;
    }

    /** The surname only (王**): an SMS or a lock screen is no place for an elder's full name. */
    static String masked(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    private boolean insert(AlertFacts alert, Topic topic, AlertLevel level, int round, Channel channel, String key,
            Recipient who, String template, Map<String, String> params, String title, String body, Instant now) {
        boolean inApp = channel == Channel.IN_APP;
        return jdbc.sql("insert into " + TenantContext.require().schema() + ".notification (id, alert_id, topic, "
                + "level, round, channel, recipient_key, recipient_name, recipient_subject, recipient_phone, duty_id, "
                + "template, params, title, body, status, attempts, next_attempt_at, created_at, sent_at, version) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, 0, ?, ?, ?, 0) "
                + "on conflict (alert_id, topic, level, round, channel, recipient_key) do nothing")
                .params(UUID.randomUUID(), alert.id(), topic.name(), level.name(), round, channel.name(), key,
                        who.name(), who.subject(), who.phone(), who.dutyId(), template,
                        json.writeValueAsString(params), AlertTimeline.clip(title, 100), AlertTimeline.clip(body, 500),
                        inApp ? "SENT" : "PENDING", inApp ? null : AlertTimeline.utc(now), AlertTimeline.utc(now),
                        inApp ? AlertTimeline.utc(now) : null)
                .update() == 1;
    }
}
