package org.warmnest.care.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.care.alert.Notifier.Channel;
import org.warmnest.care.alert.Notifier.Delivery;
import org.warmnest.care.alert.Notifier.Outgoing;
import org.warmnest.platform.migration.TenantSchemaMigrator;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the outbox's pending notifications, tenant by tenant. Each is claimed with {@code FOR UPDATE SKIP LOCKED}
 * in a transaction of its own, sent, and marked in that transaction: two dispatchers (two replicas) never take the
 * same one, and a transaction never holds more than one send. A passing failure (5xx, timeout) is tried again
 * after a growing wait, up to the configured attempts; a refusal (4xx) fails at once with its reason. Should a
 * replica die between the send and the commit, the notification is sent again under the same request id, which
 * the SMS provider deduplicates on.
 */
@Component
class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    private final TenantRegistry registry;
    private final TenantSchemaMigrator migrator;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final Map<Channel, Notifier> notifiers = new EnumMap<>(Channel.class);
    private final AlertProperties.Dispatch settings;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    NotificationDispatcher(TenantRegistry registry, TenantSchemaMigrator migrator,
            PlatformTransactionManager transactions, DataSource dataSource, List<Notifier> notifiers,
            AlertProperties properties, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.registry = registry;
        this.migrator = migrator;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.jdbc = JdbcClient.create(dataSource);
        notifiers.stream().filter(Notifier::available).forEach(n -> this.notifiers.put(n.channel(), n));
        this.settings = properties.dispatch();
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /** One run over every tenant; returns how many notifications were handled (sent, retried later or failed). */
    int dispatch() {
        int handled = 0;
        for (TenantCode tenant : registry.withSchemas()) {
            if (registry.status(tenant).orElse(TenantStatus.PROVISIONING) == TenantStatus.PROVISIONING
                    || migrator.isBroken(tenant)) {
                continue;
            }
            try {
                handled += TenantContext.callAs(tenant, () -> dispatch(tenant));
            } catch (RuntimeException e) {
                log.error("sending the notifications of {} failed; the next run tries again", tenant.value(), e);
            }
        }
        return handled;
    }

    private int dispatch(TenantCode tenant) {
        int handled = 0;
        while (handled < settings.batch()) {
            Boolean one = transaction.execute(tx -> sendOne(tenant));
            if (!Boolean.TRUE.equals(one)) {
                break;
            }
            handled++;
        }
        return handled;
    }

    private boolean sendOne(TenantCode tenant) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String table = tenant.schema() + ".notification";
        Optional<Outgoing> next = jdbc.sql("select * from " + table + " where status = 'PENDING' "
                + "and next_attempt_at <= ? order by next_attempt_at, id limit 1 for update skip locked")
                .param(AlertTimeline.utc(now))
                .query((rs, i) -> new Outgoing(rs.getObject("id", UUID.class), Channel.valueOf(rs.getString("channel")),
                        rs.getString("recipient_name"), rs.getString("recipient_phone"),
                        rs.getString("recipient_subject"), rs.getString("template"),
                        json.readValue(rs.getString("params"), PARAMS), rs.getString("title"), rs.getString("body"),
                        rs.getInt("attempts")))
                .optional();
        if (next.isEmpty()) {
            return false;
        }
        Outgoing n = next.get();
        Notifier notifier = notifiers.get(n.channel());
        Delivery d;
        if (notifier == null) {
            d = Delivery.failed("no " + n.channel() + " channel is configured");
        } else {
            try {
                d = notifier.send(n);
            } catch (RuntimeException e) {
                d = Delivery.retry(AlertTimeline.clip(e.getClass().getSimpleName() + ": " + e.getMessage(), 250));
            }
        }
        int attempts = n.attempts() + 1;
        meters.counter("warmnest.notifications.deliveries", "channel", n.channel().name(), "outcome",
                d.outcome().name()).increment();
        switch (d.outcome()) {
            case SENT:
                jdbc.sql("update " + table + " set status = 'SENT', attempts = ?, sent_at = ?, next_attempt_at = null, "
                        + "provider_id = ?, last_error = null, version = version + 1 where id = ?")
                        .params(attempts, AlertTimeline.utc(now), d.providerId(), n.id()).update();
                break;
            case RETRY:
                if (attempts < settings.maxAttempts()) {
                    jdbc.sql("update " + table + " set attempts = ?, next_attempt_at = ?, last_error = ?, "
                            + "version = version + 1 where id = ?")
                            .params(attempts, AlertTimeline.utc(now.plus(settings.after(attempts))),
                                    AlertTimeline.clip(d.detail(), 300), n.id())
                            .update();
                    break;
                }
                fail(table, n, attempts, "gave up after " + attempts + " attempts: " + d.detail());
                break;
            default:
                fail(table, n, attempts, d.detail());
                break;
        }
        return true;
    }

    private void fail(String table, Outgoing n, int attempts, String reason) {
        log.warn("notification {} ({}) to {} failed: {}", n.id(), n.channel(), n.recipientName(), reason);
        jdbc.sql("update " + table + " set status = 'FAILED', attempts = ?, next_attempt_at = null, last_error = ?, "
                + "version = version + 1 where id = ?")
                .params(attempts, AlertTimeline.clip(reason, 300), n.id()).update();
    }
}
