package org.warmnest.care.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.alert.AlertFixtures.ALERTS;
import static org.warmnest.care.alert.AlertFixtures.ONE;
import static org.warmnest.care.alert.AlertFixtures.anElder;
import static org.warmnest.care.alert.AlertFixtures.raiseBody;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.platform.migration.TenantSchemaMigrator;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestDatabases;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import jakarta.persistence.EntityManager;

/**
 * The escalation as replicas run it: two schedulers ticking at the same moment escalate and notify each alert
 * once; a tenant another replica is working is left alone; an acknowledgement racing a tick leaves a consistent
 * alert; and a replica started after an outage puts every alert where its deadlines say, each level told once.
 */
@ServiceTest
@Import(AlertTestConfiguration.class)
class AlertSchedulingIT {

    static final String T = "450304";
    static final String S = "t_" + T;

    @Autowired
    org.springframework.core.env.Environment environment;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AlertTestConfiguration.MovableClock clock;
    @Autowired
    AlertEscalation escalation;
    @Autowired
    TenantRegistry registry;
    @Autowired
    TenantSchemaMigrator migrator;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DataSource dataSource;
    @Autowired
    EscalationPolicy policy;
    @Autowired
    DutyRoster roster;
    @Autowired
    NotificationOutbox outbox;
    @Autowired
    AlertTimeline timeline;
    @Autowired
    AlertProperties properties;
    @Autowired
    EntityManager entityManager;

    final TestIssuer issuer = TestIssuer.get();
    final String admin = issuer.user(T, "bureau-admin").bearer();
    static boolean provisioned;
    static UUID elderG1;
    static UUID elderG2;
    Instant t0;

    @Autowired
    void provision(TenantProvisioner provisioner) throws Exception {
        if (!provisioned) {
            AlertFixtures.provision(provisioner, "450300", T);
            AlertFixtures.standardRoster(mvc, T);
            elderG1 = anElder().named("周大爷").in(mvc, T);
            elderG2 = anElder().named("吴奶奶").inGrid("G2").in(mvc, T);
            provisioned = true;
        }
    }

    @BeforeEach
    void now() {
        t0 = clock.reset();
    }

    /** Another replica: its own instance of the escalation, nothing shared but the database. */
    AlertEscalation anotherReplica() {
        return new AlertEscalation(registry, migrator, transactions, dataSource, policy, roster, outbox, timeline,
                properties, clock, new SimpleMeterRegistry());
    }

    UUID raise(UUID elder) throws Exception {
        String body = mvc.perform(post(ALERTS, T).header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content(raiseBody(elder, "ILLNESS", "胸闷气短")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return UUID.fromString(JsonPath.read(body, "$.id"));
    }

    String level(UUID alert) {
        return jdbc.queryForObject("select level from " + S + ".alert where id = ?", String.class, alert);
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    long dutyNotices(UUID alert, String level, int round) {
        return count("select count(*) from " + S + ".notification where alert_id = ? and topic = 'DUTY' and level = ? "
                + "and round = ?", alert, level, round);
    }

    /** Both replicas tick at the same moment, three times each. */
    void tickTogether(AlertEscalation one, AlertEscalation other) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (AlertEscalation replica : new AlertEscalation[] { one, other }) {
                runs.add(pool.submit(() -> {
                    int moved = 0;
                    for (int i = 0; i < 3; i++) {
                        start.await();
                        moved += replica.tick();
                    }
                    return moved;
                }));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoSchedulersTickingAtOnceEscalateAndNotifyEachAlertOnce() throws Exception {
        List<UUID> alerts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            alerts.add(raise(i % 2 == 0 ? elderG1 : elderG2));
        }
        AlertEscalation other = anotherReplica();
        String[][] stages = { { "15", "COMMUNITY" }, { "45", "STREET" }, { "105", "DISTRICT" } };
        for (String[] stage : stages) {
            clock.set(t0.plus(Duration.ofMinutes(Long.parseLong(stage[0]))));
            tickTogether(escalation, other);
            for (UUID a : alerts) {
                assertThat(level(a)).isEqualTo(stage[1]);
                assertThat(dutyNotices(a, stage[1], 0)).as(stage[1]).isEqualTo(3);
            }
        }
        clock.set(t0.plus(Duration.ofMinutes(225)));
        tickTogether(escalation, other);
        for (UUID a : alerts) {
            assertThat(count("select count(*) from " + S + ".alert_event where alert_id = ? and kind = 'ESCALATED'", a))
                    .isEqualTo(3);
            assertThat(count("select count(*) from " + S + ".alert_event where alert_id = ? and kind = 'REMINDED'", a))
                    .isEqualTo(1);
            assertThat(dutyNotices(a, "DISTRICT", 1)).isEqualTo(3);
            assertThat(count("select count(*) from " + S + ".notification where alert_id = ?", a))
                    .isEqualTo(5 * 3 + 3); // four levels and one reminder, three channels each; three to the raiser
            assertThat(count("select version from " + S + ".alert where id = ?", a)).isEqualTo(4);
        }
    }

    @Test
    void anAlertThatCannotBeEscalatedDoesNotHoldBackTheOthers() throws Exception {
        UUID broken = raise(elderG1);
        UUID fine = raise(elderG2);
        // a fault injected into the broken alert's notifications only
        TestDatabases.asMigrationLogin(environment).execute("create function " + S + ".refuse_notification() returns trigger language plpgsql as $$ "
                + "begin if new.alert_id = '" + broken + "' then raise exception 'injected fault'; end if; "
                + "return new; end $$");
        TestDatabases.asMigrationLogin(environment).execute("create trigger refuse_notification before insert on " + S + ".notification for each row "
                + "execute function " + S + ".refuse_notification()");
        try {
            clock.set(t0.plus(Duration.ofMinutes(15)));
            escalation.tick();
            assertThat(level(fine)).isEqualTo("COMMUNITY");
            assertThat(level(broken)).isEqualTo("GRID"); // untouched: no escalation without its notifications
            assertThat(count("select count(*) from " + S + ".alert_event where alert_id = ? and kind = 'ESCALATED'",
                    broken)).isZero();
        } finally {
            TestDatabases.asMigrationLogin(environment).execute("drop trigger refuse_notification on " + S + ".notification");
            TestDatabases.asMigrationLogin(environment).execute("drop function " + S + ".refuse_notification()");
        }
        escalation.tick();
        assertThat(level(broken)).isEqualTo("COMMUNITY");
        assertThat(dutyNotices(broken, "COMMUNITY", 0)).isEqualTo(3);
    }

    @Test
    void aTenantAnotherReplicaIsWorkingIsLeftToIt() throws Exception {
        UUID alert = raise(elderG1);
        clock.set(t0.plus(Duration.ofMinutes(16)));
        try (Connection other = dataSource.getConnection()) {
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(?, ?)")) {
                lock.setInt(1, AlertEscalation.LOCK_KEY);
                lock.setInt(2, Integer.parseInt(T));
                lock.execute();
            }
            escalation.tick();
            assertThat(level(alert)).isEqualTo("GRID");
            try (PreparedStatement unlock = other.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, AlertEscalation.LOCK_KEY);
                unlock.setInt(2, Integer.parseInt(T));
                unlock.execute();
            }
        }
        escalation.tick();
        assertThat(level(alert)).isEqualTo("COMMUNITY");
    }

    /**
     * The advisory lock, the conditional updates and the outbox inserts are plain SQL beside JPA: they must run on
     * the transaction's own connection, or the lock would end with its statement and a crash could leave an
     * escalation without its notifications.
     */
    @Test
    void theLockAndTheWritesShareTheEscalationsTransaction() throws Exception {
        var transaction = new TransactionTemplate(transactions);
        var sql = JdbcClient.create(dataSource);
        TenantContext.runAs(TenantCode.of(T),
                () -> transaction.executeWithoutResult(tx -> {
                    Integer jdbcPid = sql.sql("select pg_backend_pid()").query(Integer.class).single();
                    Integer jpaPid = ((Number) entityManager.createNativeQuery("select pg_backend_pid()")
                            .getSingleResult()).intValue();
                    assertThat(jdbcPid).isEqualTo(jpaPid);
                    assertThat(sql.sql("select pg_try_advisory_xact_lock(?, ?)")
                            .params(AlertEscalation.LOCK_KEY, Integer.parseInt(T)).query(Boolean.class).single())
                            .isTrue();
                    // still held after the statement, seen from another connection
                    assertThat(jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' "
                            + "and pid = ? and granted", Long.class, jdbcPid)).isEqualTo(1);
                }));
        assertThat(jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and objid = ?",
                Long.class, Integer.parseInt(T))).isZero();
    }

    @Test
    void anAcknowledgementRacingATickLeavesTheAlertWhereItWasAcknowledged() throws Exception {
        List<UUID> alerts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            alerts.add(raise(elderG1));
        }
        clock.set(t0.plus(Duration.ofMinutes(15)));
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> ticks = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 3; i++) {
                    escalation.tick();
                }
                return null;
            });
            Future<?> acks = pool.submit(() -> {
                start.await();
                for (UUID a : alerts) {
                    mvc.perform(post(ONE + "/acknowledge", T, a).header("Authorization", admin)
                            .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isOk());
                }
                return null;
            });
            ticks.get();
            acks.get();
        } finally {
            pool.shutdownNow();
        }
        for (UUID a : alerts) {
            String level = level(a);
            assertThat(jdbc.queryForObject("select acknowledged_level from " + S + ".alert where id = ?", String.class,
                    a)).isEqualTo(level);
            assertThat(count("select count(*) from " + S + ".alert_event where alert_id = ? and kind = 'ESCALATED'", a))
                    .isEqualTo("GRID".equals(level) ? 0 : 1);
        }
    }

    @Test
    void aReplicaStartedAfterAnOutagePutsEachAlertWhereItsDeadlinesSay() throws Exception {
        UUID alert = raise(elderG1);
        // two hours without any scheduler: GRID fell due at 15 min, COMMUNITY at 45, STREET at 105
        clock.set(t0.plus(Duration.ofHours(2)));
        AlertEscalation restarted = anotherReplica();
        restarted.tick();
        assertThat(level(alert)).isEqualTo("DISTRICT");
        assertThat(jdbc.queryForObject("select ack_deadline from " + S + ".alert where id = ?", OffsetDateTime.class,
                alert).toInstant()).isEqualTo(t0.plus(Duration.ofMinutes(225)));
        for (String level : new String[] { "GRID", "COMMUNITY", "STREET", "DISTRICT" }) {
            assertThat(dutyNotices(alert, level, 0)).as(level).isEqualTo(3);
        }
        assertThat(jdbc.queryForList("select level || ' ' || at from " + S + ".alert_event where alert_id = ? "
                + "and kind = 'ESCALATED' order by seq", String.class, alert)).hasSize(3);
        assertThat(jdbc.queryForList("select at from " + S + ".alert_event where alert_id = ? and kind = 'ESCALATED' "
                + "order by seq", OffsetDateTime.class, alert).stream().map(OffsetDateTime::toInstant))
                .containsExactly(t0.plus(Duration.ofMinutes(15)), t0.plus(Duration.ofMinutes(45)),
                        t0.plus(Duration.ofMinutes(105)));
        restarted.tick();
        escalation.tick();
        assertThat(count("select count(*) from " + S + ".notification where alert_id = ? and topic = 'DUTY'", alert))
                .isEqualTo(12);
    }

    @Test
    void afterALongOutageTheDistrictIsRemindedOnceWithTheMissedRemindersCounted() throws Exception {
        UUID alert = raise(elderG2);
        // eight hours: DISTRICT reached at 105 min; reminders fell due at 225, 345 and 465 min
        clock.set(t0.plus(Duration.ofHours(8)));
        anotherReplica().tick();
        assertThat(level(alert)).isEqualTo("DISTRICT");
        assertThat(jdbc.queryForObject("select notify_round from " + S + ".alert where id = ?", Integer.class, alert))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("select ack_deadline from " + S + ".alert where id = ?", OffsetDateTime.class,
                alert).toInstant()).isEqualTo(t0.plus(Duration.ofMinutes(585)));
        assertThat(dutyNotices(alert, "DISTRICT", 0)).isEqualTo(3);
        assertThat(dutyNotices(alert, "DISTRICT", 3)).isEqualTo(3);
        assertThat(count("select count(*) from " + S + ".notification where alert_id = ? and level = 'DISTRICT' "
                + "and round in (1, 2)", alert)).isZero();
        assertThat(jdbc.queryForObject("select detail from " + S + ".alert_event where alert_id = ? and kind = "
                + "'REMINDED'", String.class, alert)).contains("第3次提醒").contains("另有2次提醒未发出");
        assertThat(jdbc.queryForObject("select at from " + S + ".alert_event where alert_id = ? and kind = 'REMINDED'",
                OffsetDateTime.class, alert).toInstant()).isEqualTo(t0.plus(Duration.ofMinutes(465)));
    }
}
