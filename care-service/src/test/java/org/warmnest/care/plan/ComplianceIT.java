package org.warmnest.care.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.CareFixtures.body;
import static org.warmnest.care.CareFixtures.read;
import static org.warmnest.care.CareFixtures.send;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.care.CareFixtures;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * The cadence engine against recorded contacts: three asks a day and a weekly home visit over two weeks, what
 * counts (the plan's modes; not rejected or superseded visits), compliance by worker and grid, the overdue list,
 * findings made once however often and however many replicas scan, and an elder who died owes nothing after.
 */
@ServiceTest
class ComplianceIT {

    static final String CITY = "610100";
    static final String D = "610112";
    static final String C1 = "61000000-0000-0000-0000-000000000021";
    static final String C2 = "61000000-0000-0000-0000-000000000022";
    static final String PLAN = "/api/care/v1/tenants/{t}/elders/{e}/plan";
    static final String VISITS = "/api/care/v1/tenants/{t}/elders/{e}/visits";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FindingsSchedule schedule;

    final TestIssuer issuer = TestIssuer.get();
    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            CareFixtures.provision(provisioner, CITY, D);
            provisioned = true;
        }
    }

    static LocalDate today() {
        return LocalDate.now(CarePlans.CHINA);
    }

    String worker(String contractor, String who) {
        return issuer.user(D, "care-worker").contractor(contractor).subject(who).bearer();
    }

    String contact(UUID elder, LocalDate day, int hour, String mode, String bearer) throws Exception {
        OffsetDateTime at = OffsetDateTime.of(day, LocalTime.of(hour, 0), ZoneOffset.ofHours(8));
        return JsonPath.read(body(send(mvc, post(VISITS, D, elder), bearer, Map.of("mode", mode,
                "startedAt", at.toString(), "durationMinutes", 10)).andExpect(status().isCreated())), "$.id");
    }

    /** An elder with 一日三问 (calls or WeChat) and a weekly home visit, both from 20 days ago, by this worker. */
    UUID planned(String contractor, String worker) throws Exception {
        UUID elder = CareFixtures.elder(mvc, D, contractor, "HIGH", "LIVING_ALONE");
        String from = today().minusDays(20).toString();
        send(mvc, post(PLAN + "/items", D, elder), worker(contractor, worker), Map.of("serviceItem", "DAILY_GREETING",
                "cadence", Map.of("kind", "TIMES_PER_DAY", "times", 3), "modes", List.of("PHONE", "WECHAT"),
                "activeFrom", from)).andExpect(status().isCreated());
        send(mvc, post(PLAN + "/items", D, elder), worker(contractor, worker), Map.of("serviceItem", "HOME_VISIT",
                "cadence", Map.of("kind", "WEEKLY"), "modes", List.of("HOME_VISIT"), "activeFrom", from))
                .andExpect(status().isCreated());
        return elder;
    }

    @Test
    void threeAsksADayAndAWeeklyVisitAreCountedAsThePlanSays() throws Exception {
        String who = "worker-" + UUID.randomUUID();
        String bearer = worker(C1, who);
        UUID elder = planned(C1, who);
        LocalDate from = today().minusDays(14);
        LocalDate to = today().minusDays(1);
        // even days: three asks (two calls and a WeChat); odd days: one call
        for (int i = 0; i < 14; i++) {
            LocalDate day = from.plusDays(i);
            contact(elder, day, 9, "PHONE", bearer);
            if (i % 2 == 0) {
                contact(elder, day, 13, "WECHAT", bearer);
                contact(elder, day, 19, "PHONE", bearer);
            }
        }
        // a fourth call on day 0 counts for nothing more; a home visit does not count as a call, and is the week's
        contact(elder, from, 21, "PHONE", bearer);
        LocalDate visitDay = from.plusDays(3);
        contact(elder, visitDay, 10, "HOME_VISIT", bearer);
        // a rejected call on an odd day does not count
        String rejected = contact(elder, from.plusDays(1), 15, "PHONE", bearer);
        send(mvc, post("/api/care/v1/tenants/{t}/visits/{id}/reject", D, rejected),
                issuer.user(D, "contractor-manager").contractor(C1).subject("supervisor").bearer(),
                Map.of("note", "未接通")).andExpect(status().isOk());

        List<Obligations.Window> weeks = Obligations.due(new Cadence.Weekly(), today().minusDays(20), from, to, null);
        long weeksVisited = weeks.stream().filter(w -> !visitDay.isBefore(w.from()) && !visitDay.isAfter(w.to()))
                .count();
        String status = body(read(mvc, get(PLAN + "/status", D, elder).param("from", from.toString())
                .param("to", to.toString()), bearer).andExpect(status().isOk()));
        List<Integer> dailyDone = JsonPath.read(status, "$[?(@.serviceItem == 'DAILY_GREETING')].done");
        assertThat(dailyDone).hasSize(14);
        assertThat(dailyDone.stream().mapToInt(Integer::intValue).sum()).isEqualTo(7 * 3 + 7);
        assertThat((List<String>) JsonPath.read(status, "$[?(@.serviceItem == 'DAILY_GREETING' && @.state == 'OVERDUE')].to"))
                .hasSize(7);
        assertThat((List<Integer>) JsonPath.read(status, "$[?(@.serviceItem == 'HOME_VISIT')].done")).hasSize(weeks.size());

        String byWorker = body(read(mvc, get("/api/care/v1/tenants/{t}/compliance", D).param("from", from.toString())
                .param("to", to.toString()).param("by", "WORKER"), bearer).andExpect(status().isOk()));
        List<Map<String, Object>> rows = JsonPath.read(byWorker, "$[?(@.key == 'WORKER:" + who + "')]");
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        long due = 42 + weeks.size();
        long done = 28 + weeksVisited;
        assertThat(((Number) row.get("due")).longValue()).isEqualTo(due);
        assertThat(((Number) row.get("done")).longValue()).isEqualTo(done);
        assertThat(((Number) row.get("missed")).longValue()).isEqualTo(due - done);
        assertThat(((Number) row.get("rate")).doubleValue()).isCloseTo(done / (double) due, org.assertj.core.data.Offset.offset(0.0001));

        // another contractor's staff see none of it
        String other = body(read(mvc, get("/api/care/v1/tenants/{t}/compliance", D).param("from", from.toString())
                .param("to", to.toString()), worker(C2, "someone")));
        assertThat((List<String>) JsonPath.read(other, "$[*].key")).doesNotContain("WORKER:" + who);
        read(mvc, get(PLAN + "/status", D, elder).param("from", from.toString()).param("to", to.toString()),
                worker(C2, "someone")).andExpect(status().isNotFound());

        // the overdue list and findings, once each, however many scan
        read(mvc, get("/api/care/v1/tenants/{t}/compliance/overdue", D).param("from", from.toString())
                .param("to", to.toString()).param("size", "500"), bearer)
                .andExpect(jsonPath("$.items[?(@.elderId == '" + elder + "')]").isNotEmpty());
        String manager = issuer.user(D, "contractor-manager").contractor(C1).subject("m").bearer();
        send(mvc, post("/api/care/v1/tenants/{t}/supervision-findings/scan", D), manager,
                Map.of("from", from.toString(), "to", to.toString())).andExpect(status().isOk());
        long findings = jdbc.queryForObject("select count(*) from t_" + D + ".supervision_finding where elder_id = ?::uuid",
                Long.class, elder.toString());
        assertThat(findings).isEqualTo(7 + weeks.size() - weeksVisited);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Callable<Integer> scan = () -> schedule.scan(TenantCode.of(D));
            runs.add(pool.submit(scan));
        }
        for (Future<Integer> f : runs) {
            assertThat(f.get()).isLessThanOrEqualTo(0);
        }
        pool.shutdown();
        assertThat(jdbc.queryForObject("select count(*) from t_" + D + ".supervision_finding where elder_id = ?::uuid",
                Long.class, elder.toString())).isEqualTo(findings);

        // explained by the contractor, closed by the bureau
        String list = body(read(mvc, get("/api/care/v1/tenants/{t}/supervision-findings", D)
                .param("elderId", elder.toString()), bearer));
        String id = JsonPath.read(list, "$.items[0].id");
        send(mvc, post("/api/care/v1/tenants/{t}/supervision-findings/{id}/explain", D, id), bearer,
                Map.of("explanation", "老人住院，电话未接通", "version", 0)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("EXPLAINED"));
        send(mvc, post("/api/care/v1/tenants/{t}/supervision-findings/{id}/close", D, id),
                issuer.user(D, "bureau-admin").bearer(), Map.of("explanation", "情况属实", "version", 1))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CLOSED"));
        send(mvc, post("/api/care/v1/tenants/{t}/supervision-findings/{id}/explain", D, id), bearer,
                Map.of("explanation", "again", "version", 2)).andExpect(status().isConflict());
        read(mvc, get("/api/care/v1/tenants/{t}/supervision-findings", D).param("elderId", elder.toString()),
                worker(C2, "x")).andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void anElderWhoDiedOwesNothingFromThatDayAndAnAmendedCallCountsOnce() throws Exception {
        String who = "worker-" + UUID.randomUUID();
        String bearer = worker(C1, who);
        UUID elder = planned(C1, who);
        LocalDate from = today().minusDays(6);
        String call = contact(elder, from, 9, "PHONE", bearer);
        send(mvc, post("/api/care/v1/tenants/{t}/visits/{id}/amendments", D, call), bearer, Map.of("visit",
                Map.of("mode", "PHONE", "startedAt", OffsetDateTime.of(from, LocalTime.of(9, 30), ZoneOffset.ofHours(8))
                        .toString(), "durationMinutes", 12), "reason", "时间记错")).andExpect(status().isCreated());
        String status = body(read(mvc, get(PLAN + "/status", D, elder).param("from", from.toString())
                .param("to", from.toString()), bearer));
        assertThat((List<Integer>) JsonPath.read(status, "$[?(@.serviceItem == 'DAILY_GREETING')].done"))
                .containsExactly(1);

        String current = body(read(mvc, get("/api/care/v1/tenants/{t}/elders/{id}", D, elder),
                issuer.user(D, "bureau-admin").bearer()));
        send(mvc, post("/api/care/v1/tenants/{t}/elders/{id}/status", D, elder), issuer.user(D, "bureau-admin").bearer(),
                Map.of("status", "DECEASED", "effectiveOn", today().minusDays(3).toString(), "reason", "病故",
                        "version", ((Number) JsonPath.read(current, "$.version")).longValue()))
                .andExpect(status().isOk());
        String after = body(read(mvc, get(PLAN + "/status", D, elder).param("from", from.toString())
                .param("to", today().toString()), bearer));
        List<String> days = JsonPath.read(after, "$[?(@.serviceItem == 'DAILY_GREETING')].to");
        assertThat(days).hasSize(3).allMatch(d -> LocalDate.parse(d).isBefore(today().minusDays(3)));
    }
}
