package org.warmnest.care.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.alert.AlertFixtures.ALERTS;
import static org.warmnest.care.alert.AlertFixtures.MINE;
import static org.warmnest.care.alert.AlertFixtures.ONE;
import static org.warmnest.care.alert.AlertFixtures.anElder;
import static org.warmnest.care.alert.AlertFixtures.community;
import static org.warmnest.care.alert.AlertFixtures.dutySubject;
import static org.warmnest.care.alert.AlertFixtures.json;
import static org.warmnest.care.alert.AlertFixtures.raiseBody;
import static org.warmnest.care.alert.AlertFixtures.street;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestDatabases;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * An alert's life: raised by a worker, escalated level by level as the clock moves past each deadline (each level
 * told once), stopped by an acknowledgement, acted on, resolved and closed by a follow-up visit; steps out of
 * order refused; two people acknowledging at once; levels without anyone on duty passed at once; missed-contact
 * alerts raised once per plan item and day; a timeline nobody can rewrite.
 */
@ServiceTest
@Import(AlertTestConfiguration.class)
class AlertLifecycleIT {

    static final String T = "450302";
    static final String S = "t_" + T;
    static final String C1 = "61111111-1111-1111-1111-111111111111";

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
    AlertRaising raising;

    final TestIssuer issuer = TestIssuer.get();
    final String worker = issuer.user(T, "care-worker").contractor(C1).subject("worker-" + UUID.randomUUID())
            .bearer();
    static boolean provisioned;
    Instant t0;

    @Autowired
    void provision(TenantProvisioner provisioner) throws Exception {
        if (!provisioned) {
            AlertFixtures.provision(provisioner, "450300", T);
            AlertFixtures.standardRoster(mvc, T);
            provisioned = true;
        }
    }

    @BeforeEach
    void now() {
        t0 = clock.reset();
    }

    ResultActions send(String path, String bearer, String body, Object... vars) throws Exception {
        return mvc.perform(post(path, vars).header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    UUID raise(UUID elder, String bearer) throws Exception {
        String body = send(ALERTS, bearer, raiseBody(elder, "FALL", "老人在卫生间跌倒，意识清醒，起身困难"), T)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return UUID.fromString(JsonPath.read(body, "$.id"));
    }

    String level(UUID alert) {
        return jdbc.queryForObject("select level from " + S + ".alert where id = ?", String.class, alert);
    }

    Instant deadline(UUID alert) {
        return jdbc.queryForObject("select ack_deadline from " + S + ".alert where id = ?", OffsetDateTime.class,
                alert).toInstant();
    }

    long dutyNotices(UUID alert, String level, int round) {
        return jdbc.queryForObject("select count(*) from " + S + ".notification where alert_id = ? and topic = 'DUTY' "
                + "and level = ? and round = ?", Long.class, alert, level, round);
    }

    long events(UUID alert, String kind) {
        return jdbc.queryForObject("select count(*) from " + S + ".alert_event where alert_id = ? and kind = ?",
                Long.class, alert, kind);
    }

    void tickAt(Duration sinceStart) {
        clock.set(t0.plus(sinceStart));
        escalation.tick();
    }

    @Test
    void anUnacknowledgedAlertClimbsEveryLevelOnItsDeadlineAndEachLevelIsToldOnce() throws Exception {
        UUID elder = anElder().named("刘桂芳").ofContractor(C1).in(mvc, T);
        String body = send(ALERTS, worker, raiseBody(elder, "FALL", "跌倒"), T).andExpect(status().isCreated())
                .andExpect(jsonPath("$.level").value("GRID")).andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.contractorId").value(C1)).andExpect(jsonPath("$.elderName").value("刘桂芳"))
                .andExpect(jsonPath("$.communityCode").value(community(T, 1, 1)))
                .andExpect(jsonPath("$.streetCode").value(street(T, 1)))
                .andExpect(jsonPath("$.ackDeadline").value(t0.plus(Duration.ofMinutes(15)).toString()))
                .andReturn().getResponse().getContentAsString();
        UUID alert = UUID.fromString(JsonPath.read(body, "$.id"));
        // the grid's duty in the log, in-app and by SMS
        assertThat(dutyNotices(alert, "GRID", 0)).isEqualTo(3);
        assertThat(jdbc.queryForList("select channel from " + S + ".notification where alert_id = ? order by channel",
                String.class, alert)).containsExactly("IN_APP", "LOG", "SMS");

        tickAt(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(level(alert)).isEqualTo("GRID");

        String[][] stages = { { "15", "COMMUNITY", "45" }, { "45", "STREET", "105" }, { "105", "DISTRICT", "225" } };
        for (String[] stage : stages) {
            tickAt(Duration.ofMinutes(Long.parseLong(stage[0])));
            escalation.tick(); // a second tick at the same moment changes nothing
            assertThat(level(alert)).isEqualTo(stage[1]);
            assertThat(deadline(alert)).isEqualTo(t0.plus(Duration.ofMinutes(Long.parseLong(stage[2]))));
            assertThat(dutyNotices(alert, stage[1], 0)).isEqualTo(3);
        }
        // the district bureau is reminded every deadline while nobody acknowledges
        tickAt(Duration.ofMinutes(225));
        escalation.tick();
        assertThat(level(alert)).isEqualTo("DISTRICT");
        assertThat(deadline(alert)).isEqualTo(t0.plus(Duration.ofMinutes(345)));
        assertThat(dutyNotices(alert, "DISTRICT", 1)).isEqualTo(3);

        for (String level : new String[] { "GRID", "COMMUNITY", "STREET", "DISTRICT" }) {
            assertThat(dutyNotices(alert, level, 0)).as(level).isEqualTo(3);
        }
        assertThat(events(alert, "ESCALATED")).isEqualTo(3);
        assertThat(events(alert, "REMINDED")).isEqualTo(1);
        assertThat(events(alert, "NOTIFIED")).isEqualTo(5);
        // the escalations are dated when they fell due
        assertThat(jdbc.queryForList("select at from " + S + ".alert_event where alert_id = ? and kind = 'ESCALATED' "
                + "order by at", OffsetDateTime.class, alert).stream().map(OffsetDateTime::toInstant))
                .containsExactly(t0.plus(Duration.ofMinutes(15)), t0.plus(Duration.ofMinutes(45)),
                        t0.plus(Duration.ofMinutes(105)));

        String admin = issuer.user(T, "bureau-admin").bearer();
        mvc.perform(get(ONE, T, alert).header("Authorization", admin)).andExpect(status().isOk())
                .andExpect(jsonPath("$.alert.level").value("DISTRICT"))
                .andExpect(jsonPath("$.alert.levelName").value("区民政局"))
                .andExpect(jsonPath("$.alert.reminders").value(1))
                .andExpect(jsonPath("$.alert.overdue").value(false))
                .andExpect(jsonPath("$.timeline[0].kind").value("RAISED"))
                .andExpect(jsonPath("$.timeline[1].kind").value("NOTIFIED"))
                .andExpect(jsonPath("$.timeline[2].kind").value("ESCALATED"))
                .andExpect(jsonPath("$.timeline[2].level").value("COMMUNITY"));
        // the raiser hears of each escalation in-app; the community's duty has the alert in their inbox
        assertThat(jdbc.queryForObject("select count(*) from " + S + ".notification where alert_id = ? "
                + "and topic = 'ESCALATED' and channel = 'IN_APP'", Long.class, alert)).isEqualTo(3);
        String communityDuty = issuer.user(T, "bureau-admin")
                .subject(dutySubject(T, "COMMUNITY", community(T, 1, 1))).bearer();
        mvc.perform(get(MINE, T).header("Authorization", communityDuty)).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.alertId=='" + alert + "')].title").value(
                        contains("紧急情况待确认：跌倒")))
                .andExpect(jsonPath("$.items[?(@.alertId=='" + alert + "')].params.elder").value(
                        contains("刘**")));
    }

    @Test
    void anAcknowledgementStopsTheEscalationAndTellsTheRaiser() throws Exception {
        UUID elder = anElder().ofContractor(C1).in(mvc, T);
        UUID alert = raise(elder, worker);
        clock.set(t0.plus(Duration.ofMinutes(5)));
        String gridDuty = issuer.user(T, "bureau-admin").subject(dutySubject(T, "GRID", "G1")).bearer();
        send(ONE + "/acknowledge", gridDuty, json(Map.of("note", "已电话联系，马上上门")), T, alert)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACKNOWLEDGED"))
                .andExpect(jsonPath("$.acknowledgedLevel").value("GRID"))
                .andExpect(jsonPath("$.acknowledgedBy").value(dutySubject(T, "GRID", "G1")))
                .andExpect(jsonPath("$.secondsToAcknowledge").value(300));

        tickAt(Duration.ofHours(5));
        assertThat(level(alert)).isEqualTo("GRID");
        assertThat(events(alert, "ESCALATED")).isZero();
        assertThat(dutyNotices(alert, "COMMUNITY", 0)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from " + S + ".notification where alert_id = ? "
                + "and topic = 'ACKNOWLEDGED' and channel = 'IN_APP'", Long.class, alert)).isEqualTo(1);
    }

    @Test
    void actResolveAndTheFollowUpVisitCloseTheAlert() throws Exception {
        UUID elder = anElder().ofContractor(C1).in(mvc, T);
        UUID alert = raise(elder, worker);
        clock.advance(Duration.ofMinutes(3));
        send(ONE + "/acknowledge", worker, "{}", T, alert).andExpect(status().isOk());
        clock.advance(Duration.ofMinutes(2));
        send(ONE + "/act", worker, json(Map.of("note", "已上门，联系家属，呼叫120")), T, alert).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTING"));
        clock.advance(Duration.ofMinutes(55));
        send(ONE + "/resolve", worker, json(Map.of("resolution", "送医检查无骨折，已由儿子接回家中")), T, alert)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RESOLVED"))
                .andExpect(jsonPath("$.secondsToResolve").value(3600));
        clock.advance(Duration.ofDays(2));
        Instant visited = clock.instant().minus(Duration.ofHours(3));
        UUID record = UUID.fromString(com.jayway.jsonpath.JsonPath.read(send("/api/care/v1/tenants/{t}/elders/{e}/visits",
                worker, json(Map.of("mode", "HOME_VISIT", "startedAt", visited.toString(), "durationMinutes", 40)),
                T, elder).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id"));
        send(ONE + "/follow-up", worker, json(Map.of("visitedAt", visited.toString(), "mode", "HOME_VISIT", "note",
                "恢复良好，已加装扶手", "serviceRecordId", record.toString())), T, alert)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.followUp.mode").value("HOME_VISIT"))
                .andExpect(jsonPath("$.followUp.visitedAt").value(visited.toString()))
                .andExpect(jsonPath("$.followUp.serviceRecordId").value(record.toString()))
                .andExpect(jsonPath("$.secondsToAcknowledge").value(180));
        assertThat(jdbc.queryForList("select kind from " + S + ".alert_event where alert_id = ? and kind not in "
                + "('NOTIFIED') order by recorded_at, at", String.class, alert))
                .containsExactly("RAISED", "ACKNOWLEDGED", "ACTING", "RESOLVED", "FOLLOWED_UP");
    }

    @Test
    void stepsOutOfOrderAreRefusedWithTheCurrentStatus() throws Exception {
        UUID elder = anElder().ofContractor(C1).in(mvc, T);
        UUID alert = raise(elder, worker);
        String act = json(Map.of("note", "上门"));
        String resolve = json(Map.of("resolution", "已处置"));
        String followUp = json(Map.of("visitedAt", t0.toString(), "mode", "PHONE"));

        send(ONE + "/act", worker, act, T, alert).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("alert-transition-invalid"))
                .andExpect(jsonPath("$.detail").value(containsString("OPEN")));
        send(ONE + "/resolve", worker, resolve, T, alert).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("alert-transition-invalid"));
        send(ONE + "/follow-up", worker, followUp, T, alert).andExpect(status().isConflict());
        send(ONE + "/acknowledge", worker, "{}", T, alert).andExpect(status().isOk());
        send(ONE + "/acknowledge", worker, "{}", T, alert).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("alert-already-acknowledged"));
        send(ONE + "/resolve", worker, resolve, T, alert).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("alert-transition-invalid"));
        send(ONE + "/act", worker, "{\"note\":\"  \"}", T, alert).andExpect(status().isBadRequest());
        send(ONE + "/act", worker, act, T, alert).andExpect(status().isOk());
        send(ONE + "/follow-up", worker, followUp, T, alert).andExpect(status().isConflict());
        clock.advance(Duration.ofMinutes(30));
        send(ONE + "/resolve", worker, resolve, T, alert).andExpect(status().isOk());
        // the visit cannot come before the resolution, nor lie in the future
        send(ONE + "/follow-up", worker, followUp, T, alert).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("visit-before-resolution"));
        send(ONE + "/follow-up", worker, json(Map.of("visitedAt", clock.instant().plusSeconds(60).toString(), "mode",
                "PHONE")), T, alert).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("date-in-future"));
        send(ONE + "/follow-up", worker, json(Map.of("visitedAt", clock.instant().toString(), "mode", "PHONE")), T,
                alert).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CLOSED"));
        send(ONE + "/act", worker, act, T, alert).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("CLOSED")));
        // a missed contact is the cadence's to raise
        send(ALERTS, worker, raiseBody(elder, "MISSED_CONTACT", null), T).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("alert-kind-system-only"));
        assertThat(jdbc.queryForObject("select status from " + S + ".alert where id = ?", String.class, alert))
                .isEqualTo("CLOSED");
    }

    @Test
    void ofTwoPeopleAcknowledgingAtOnceOneWinsAndTheOtherIsTold() throws Exception {
        UUID elder = anElder().ofContractor(C1).in(mvc, T);
        for (int round = 0; round < 3; round++) {
            UUID alert = raise(elder, worker);
            String first = issuer.user(T, "bureau-admin").subject("first-" + round).bearer();
            String second = issuer.user(T, "care-worker").contractor(C1).subject("second-" + round).bearer();
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (String bearer : new String[] { first, second }) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        var r = send(ONE + "/acknowledge", bearer, "{}", T, alert).andReturn().getResponse();
                        return r.getStatus() + " " + (r.getStatus() == 200 ? ""
                                : JsonPath.read(r.getContentAsString(), "$.code"));
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : answers) {
                    results.add(f.get().strip());
                }
                assertThat(results).containsExactlyInAnyOrder("200", "409 alert-already-acknowledged");
            } finally {
                pool.shutdownNow();
            }
            assertThat(events(alert, "ACKNOWLEDGED")).isEqualTo(1);
        }
    }

    @Test
    void aLevelWithNobodyOnDutyIsPassedAtOnceAndTheTimelineSaysWhy() throws Exception {
        UUID inG3 = anElder().inGrid("G3").in(mvc, T);
        String admin = issuer.user(T, "bureau-admin").bearer();
        UUID alert = raise(inG3, admin);
        assertThat(level(alert)).isEqualTo("STREET");
        assertThat(deadline(alert)).isEqualTo(t0.plus(Duration.ofMinutes(60)));
        assertThat(jdbc.queryForList("select level || ' ' || kind from " + S + ".alert_event where alert_id = ? "
                + "and kind in ('NO_DUTY','NOTIFIED') order by recorded_at, kind, level", String.class, alert))
                .containsExactlyInAnyOrder("GRID NO_DUTY", "COMMUNITY NO_DUTY", "STREET NOTIFIED");
        assertThat(dutyNotices(alert, "STREET", 0)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from " + S + ".notification where alert_id = ? and level in "
                + "('GRID','COMMUNITY')", Long.class, alert)).isZero();

        UUID inG4 = anElder().inGrid("G4").in(mvc, T);
        UUID alert4 = raise(inG4, admin);
        assertThat(level(alert4)).isEqualTo("DISTRICT");
        assertThat(deadline(alert4)).isEqualTo(t0.plus(Duration.ofMinutes(120)));
        assertThat(events(alert4, "NO_DUTY")).isEqualTo(3);

        // a level left without duty later is passed at once when the alert reaches it
        UUID inG2 = anElder().inGrid("G2").in(mvc, T);
        UUID alert2 = raise(inG2, admin);
        String communityDutyId = jdbc.queryForObject("select id::text from " + S + ".alert_duty where level = "
                + "'COMMUNITY' and area_code = ?", String.class, community(T, 1, 1));
        mvc.perform(delete(AlertFixtures.DUTIES + "/{id}", T, communityDutyId).header("Authorization", admin))
                .andExpect(status().isNoContent());
        try {
            tickAt(Duration.ofMinutes(15));
            assertThat(level(alert2)).isEqualTo("STREET");
            assertThat(deadline(alert2)).isEqualTo(t0.plus(Duration.ofMinutes(75)));
        } finally {
            AlertFixtures.duty(mvc, admin, T, "COMMUNITY", community(T, 1, 1), "王社区", "13900000312")
                    .andExpect(status().isCreated());
        }
    }

    @Test
    void aMissedContactRaisesOneAlertPerPlanItemAndDayHoweverOftenItIsReported() throws Exception {
        UUID elder = anElder().ofContractor(C1).in(mvc, T);
        UUID planItem = UUID.fromString(com.jayway.jsonpath.JsonPath.read(send(
                "/api/care/v1/tenants/{t}/elders/{e}/plan/items", worker, json(Map.of("serviceItem", "DAILY_GREETING",
                        "cadence", Map.of("kind", "TIMES_PER_DAY", "times", 3))), T, elder)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id"));
        LocalDate day = LocalDate.of(2026, 11, 24);
        CyclicBarrier start = new CyclicBarrier(3);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<UUID> ids = new ArrayList<>();
        try {
            List<Future<UUID>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return TenantContext.callAs(TenantCode.of(T),
                            () -> raising.raiseMissedContact(elder, planItem, day, "一日三问：晚间问候未完成"));
                }));
            }
            for (Future<UUID> f : calls) {
                ids.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        UUID again = TenantContext.callAs(TenantCode.of(T),
                () -> raising.raiseMissedContact(elder, planItem, day, "再次报告"));
        assertThat(ids).containsOnly(again);
        assertThat(jdbc.queryForObject("select count(*) from " + S + ".alert where plan_item_id = ?", Long.class,
                planItem)).isEqualTo(1);
        assertThat(jdbc.queryForMap("select kind, source, raised_by, contractor_id::text as c, level from " + S
                + ".alert where id = ?", again)).containsEntry("kind", "MISSED_CONTACT")
                .containsEntry("source", "CADENCE").containsEntry("raised_by", "system:cadence")
                .containsEntry("c", C1).containsEntry("level", "GRID");
        assertThat(dutyNotices(again, "GRID", 0)).isEqualTo(3);
        // the next day's miss is another alert
        UUID nextDay = TenantContext.callAs(TenantCode.of(T),
                () -> raising.raiseMissedContact(elder, planItem, day.plusDays(1), null));
        assertThat(nextDay).isNotEqualTo(again);
        // without a tenant nothing is raised anywhere
        assertThatThrownBy(() -> raising.raiseMissedContact(elder, UUID.randomUUID(), day, null))
                .isInstanceOf(ProblemException.class).hasMessage("tenant-required");
    }

    @Test
    void theDatabaseRefusesAStatusWithoutItsSteps() throws Exception {
        UUID alert = raise(anElder().in(mvc, T), issuer.user(T, "bureau-admin").bearer());
        for (String change : new String[] { "status = 'CLOSED'", "status = 'ACKNOWLEDGED'",
                "acknowledged_at = raised_at, acknowledged_by = 'x', acknowledged_level = 'GRID'",
                "ack_deadline = raised_at - interval '1 minute'", "level = 'COMMUNITY', notify_round = 1",
                "kind = 'MISSED_CONTACT'" }) {
            assertThatThrownBy(() -> jdbc.update("update " + S + ".alert set " + change + " where id = ?", alert))
                    .as(change).isInstanceOf(DataAccessException.class).hasMessageContaining("check");
        }
        assertThat(jdbc.queryForObject("select status from " + S + ".alert where id = ?", String.class, alert))
                .isEqualTo("OPEN");
    }

    @Test
    void theTimelineCannotBeRewritten() throws Exception {
        UUID alert = raise(anElder().in(mvc, T), issuer.user(T, "bureau-admin").bearer());
        assertThatThrownBy(() -> TestDatabases.asMigrationLogin(environment).update("update " + S + ".alert_event set detail = 'x' where alert_id = ?", alert))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> TestDatabases.asMigrationLogin(environment).update("delete from " + S + ".alert_event where alert_id = ?", alert))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> TestDatabases.asMigrationLogin(environment).execute("truncate " + S + ".alert_event cascade"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThat(events(alert, "RAISED")).isEqualTo(1);
    }

    @Test
    void eachPersonReadsAndMarksOnlyTheirOwnNotifications() throws Exception {
        UUID alert = raise(anElder().inGrid("G2").in(mvc, T), issuer.user(T, "bureau-admin").bearer());
        String gridDuty = issuer.user(T, "care-worker").contractor(C1).subject(dutySubject(T, "GRID", "G2")).bearer();
        String body = mvc.perform(get(MINE, T).param("unread", "true").header("Authorization", gridDuty))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> mine = JsonPath.read(body, "$.items[?(@.alertId=='" + alert + "')].id");
        assertThat(mine).hasSize(1);
        String someoneElse = issuer.user(T, "bureau-admin").bearer();
        send("/api/care/v1/tenants/{t}/notifications/{id}/read", someoneElse, "", T, mine.get(0))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("notification-not-found"));
        send("/api/care/v1/tenants/{t}/notifications/{id}/read", gridDuty, "", T, mine.get(0))
                .andExpect(status().isOk());
        mvc.perform(get(MINE, T).param("unread", "true").header("Authorization", gridDuty)).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.alertId=='" + alert + "')]").isEmpty());
        mvc.perform(get(MINE, T).header("Authorization", gridDuty)).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.alertId=='" + alert + "')].readAt").isNotEmpty());
    }
}
