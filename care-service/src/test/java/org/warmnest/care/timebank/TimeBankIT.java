package org.warmnest.care.timebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.CareFixtures.body;
import static org.warmnest.care.CareFixtures.read;
import static org.warmnest.care.CareFixtures.send;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestDatabases;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * 稷山's time bank: minutes earned only when a volunteer's visit is verified (once, whatever amendments follow),
 * capped, the excess to the pool; redemptions for the volunteer, family or an elder of age; donations and
 * transfers; the elder's evaluation once; rankings; a certificate; never below zero, concurrency included; and
 * reach by contractor. Acts in 运城 稷山县 (140824) of 运城市 (140800).
 */
@ServiceTest
class TimeBankIT {

    static final String CITY = "140800";
    static final String D = "140824";
    static final String C1 = "14000000-0000-0000-0000-000000000001";
    static final String C2 = "14000000-0000-0000-0000-000000000002";
    static final String BANK = "/api/care/v1/tenants/{t}/time-bank";

    @Autowired
    org.springframework.core.env.Environment environment;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            CareFixtures.provision(provisioner, CITY, D);
            provisioned = true;
        }
    }

    String manager(String contractor) {
        return issuer.user(D, "contractor-manager").contractor(contractor).subject("manager-" + contractor).bearer();
    }

    String worker(String contractor) {
        return issuer.user(D, "care-worker").contractor(contractor).subject("worker-" + contractor).bearer();
    }

    String volunteer(String contractor, String name) throws Exception {
        return JsonPath.read(body(send(mvc, post("/api/care/v1/tenants/{t}/volunteers", D), manager(contractor),
                Map.of("name", name, "kind", "LOW_AGE_ELDER", "skills", List.of("陪伴"), "gridCode", CareFixtures.GRID,
                        "birthDate", "1958-06-01", "availability", "工作日上午", "training",
                        List.of(Map.of("name", "老年人照护基础", "completedOn", "2026-03-15", "hours", 8))))
                .andExpect(status().isCreated())), "$.id");
    }

    /** A verified phone contact the volunteer made, of the given minutes; the visit's id. */
    String verifiedService(UUID elder, String volunteer, String contractor, int minutes, int daysAgo)
            throws Exception {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).minusDays(daysAgo).minusHours(12);
        Map<String, Object> v = new HashMap<>();
        v.put("mode", "PHONE");
        v.put("performerKind", "VOLUNTEER");
        v.put("volunteerId", volunteer);
        v.put("startedAt", start.toString());
        v.put("endedAt", start.plusMinutes(minutes).toString());
        v.put("services", List.of(Map.of("item", "COMPANIONSHIP")));
        String id = JsonPath.read(body(send(mvc, post("/api/care/v1/tenants/{t}/elders/{e}/visits", D, elder),
                worker(contractor), v).andExpect(status().isCreated())), "$.id");
        send(mvc, post("/api/care/v1/tenants/{t}/visits/{id}/verify", D, id), manager(contractor), Map.of())
                .andExpect(status().isOk());
        return id;
    }

    int balance(String volunteer, String contractor) throws Exception {
        return JsonPath.read(body(read(mvc, get(BANK + "/volunteers/{v}", D, volunteer), manager(contractor))
                .andExpect(status().isOk())), "$.balanceMinutes");
    }

    @Test
    void minutesAreEarnedOnlyFromVerifiedServiceOnceAndAboveTheCapGoToThePool() throws Exception {
        UUID elder = CareFixtures.elder(mvc, D, C1, "HIGH", "LIVING_ALONE");
        String v = volunteer(C1, "王秀兰");
        // recorded, not yet verified: nothing
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).minusHours(30);
        send(mvc, post("/api/care/v1/tenants/{t}/elders/{e}/visits", D, elder), worker(C1), Map.of("mode", "PHONE",
                "performerKind", "VOLUNTEER", "volunteerId", v, "startedAt", start.toString(), "endedAt",
                start.plusMinutes(30).toString(), "services", List.of(Map.of("item", "DAILY_GREETING"))))
                .andExpect(status().isCreated());
        assertThat(balance(v, C1)).isZero();
        String visit = verifiedService(elder, v, C1, 90, 1);
        assertThat(balance(v, C1)).isEqualTo(90);
        // an amendment, verified, earns nothing more
        Map<String, Object> corrected = new HashMap<>(Map.of("mode", "PHONE", "performerKind", "VOLUNTEER",
                "volunteerId", v, "startedAt", start.minusDays(1).toString(), "endedAt",
                start.minusDays(1).plusMinutes(120).toString(), "services", List.of(Map.of("item", "COMPANIONSHIP"))));
        String amendment = JsonPath.read(body(send(mvc, post("/api/care/v1/tenants/{t}/visits/{id}/amendments", D,
                visit), worker(C1), Map.of("visit", corrected, "reason", "时长更正")).andExpect(status().isCreated())),
                "$.id");
        send(mvc, post("/api/care/v1/tenants/{t}/visits/{id}/verify", D, amendment), manager(C1), Map.of())
                .andExpect(status().isOk());
        assertThat(balance(v, C1)).isEqualTo(90);
        // 600 minutes of service count as 480 at most; the cap (10 hours here) sends the excess to the pool
        int pool = JsonPath.read(body(read(mvc, get(BANK + "/pool", D), manager(C1))), "$.balanceMinutes");
        verifiedService(elder, v, C1, 600, 2);
        assertThat(balance(v, C1)).isEqualTo(570);
        verifiedService(elder, v, C1, 60, 3);
        assertThat(balance(v, C1)).isEqualTo(600);
        read(mvc, get(BANK + "/pool", D), manager(C1)).andExpect(jsonPath("$.balanceMinutes").value(pool + 30));
        read(mvc, get(BANK + "/volunteers/{v}", D, v), manager(C1)).andExpect(jsonPath("$.earnedHours").value("10.50"))
                .andExpect(jsonPath("$.balanceHours").value("10.00")).andExpect(jsonPath("$.givenHours").value("0.50"));
        assertThatThrownBy(() -> TestDatabases.asMigrationLogin(environment).update("update t_" + D + ".time_entry set minutes = 1")).hasMessageContaining(
                "append-only");
    }

    @Test
    void redemptionsDonationsTransfersAndEvaluationsAndNeverBelowZeroUnderConcurrency() throws Exception {
        UUID elder = CareFixtures.elder(mvc, D, C1, "HIGH", "LIVING_ALONE");
        String v = volunteer(C1, "张建国");
        String family = volunteer(C1, "张丽");
        String visit = verifiedService(elder, v, C1, 480, 1);
        verifiedService(elder, v, C1, 120, 2);
        assertThat(balance(v, C1)).isEqualTo(600);
        send(mvc, post(BANK + "/volunteers/{v}/redemptions", D, v), worker(C1), Map.of("minutes", 60, "beneficiary",
                "FAMILY", "familyName", "张小明", "relation", "孙子", "familyBirthDate", "2010-05-01"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("beneficiary-too-young"));
        send(mvc, post(BANK + "/volunteers/{v}/redemptions", D, v), worker(C1), Map.of("minutes", 60, "beneficiary",
                "FAMILY", "familyName", "张老太", "relation", "母亲", "familyBirthDate", "1940-03-01", "service", "助浴"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.balanceMinutes").value(540));
        send(mvc, post(BANK + "/volunteers/{v}/donations", D, v), worker(C1), Map.of("minutes", 30, "elderId",
                elder.toString())).andExpect(status().isOk()).andExpect(jsonPath("$.balanceMinutes").value(510));
        // the elder spends what was given, and no more
        read(mvc, get(BANK + "/elders/{e}", D, elder), worker(C1)).andExpect(jsonPath("$.balanceMinutes").value(30));
        send(mvc, post(BANK + "/elders/{e}/redemptions", D, elder), worker(C1), Map.of("minutes", 31))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("time-balance-insufficient"));
        send(mvc, post(BANK + "/elders/{e}/redemptions", D, elder), worker(C1), Map.of("minutes", 30, "service", "助洁"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.balanceMinutes").value(0));
        read(mvc, get(BANK + "/elders/{e}", D, elder), manager(C2)).andExpect(status().isNotFound());
        send(mvc, post(BANK + "/volunteers/{v}/transfers", D, v), worker(C1), Map.of("minutes", 30, "toVolunteerId",
                family, "relation", "女儿")).andExpect(status().isOk()).andExpect(jsonPath("$.balanceMinutes").value(480));
        assertThat(balance(family, C1)).isEqualTo(30);
        send(mvc, post(BANK + "/volunteers/{v}/donations", D, v), worker(C1), Map.of("minutes", 481))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("time-balance-insufficient"));

        // 20 redemptions of an hour at once against 8 hours: exactly 8 are served
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<Integer> call = () -> send(mvc, post(BANK + "/volunteers/{v}/redemptions", D, v), worker(C1),
                        Map.of("minutes", 60, "beneficiary", "FAMILY", "familyName", "张老太", "relation", "母亲",
                                "familyBirthDate", "1940-03-01")).andReturn().getResponse().getStatus();
                results.add(pool.submit(call));
            }
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(8);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(12);
        assertThat(balance(v, C1)).isZero();
        // every entry's balance follows from the one before it
        assertThat(jdbc.queryForObject("""
                select count(*) from (select balance_after, minutes,
                  lag(balance_after, 1, 0) over (partition by account_id order by seq) as before
                  from t_140824.time_entry) e where balance_after <> before + minutes""", Long.class)).isZero();

        String earned = ((List<String>) JsonPath.read(body(read(mvc, get(BANK + "/volunteers/{v}?size=500", D, v),
                manager(C1))), "$.entries[?(@.visitId == '" + visit + "')].id")).get(0);
        send(mvc, post(BANK + "/entries/{e}/evaluation", D, earned), worker(C1), Map.of("stars", 5, "comment", "很耐心"))
                .andExpect(status().isOk());
        send(mvc, post(BANK + "/entries/{e}/evaluation", D, earned), worker(C1), Map.of("stars", 1))
                .andExpect(status().isConflict());
        String from = OffsetDateTime.now(ZoneOffset.ofHours(8)).toLocalDate().minusDays(1).toString();
        String to = OffsetDateTime.now(ZoneOffset.ofHours(8)).toLocalDate().toString();
        read(mvc, get(BANK + "/rankings", D).param("from", from).param("to", to), manager(C1))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.volunteerId == '" + v + "')].earnedHours")
                        .value("10.00"));
        var certificate = read(mvc, get(BANK + "/volunteers/{v}/certificate", D, v), manager(C1)).andReturn();
        if (certificate.getRequest().isAsyncStarted()) {
            certificate = mvc.perform(asyncDispatch(certificate)).andReturn();
        }
        assertThat(certificate.getResponse().getContentType()).startsWith("application/vnd.openxmlformats");
    }

    @Test
    void aContractorReachesOnlyItsOwnVolunteersHours() throws Exception {
        String v = volunteer(C1, "李红");
        read(mvc, get(BANK + "/volunteers/{v}", D, v), manager(C2)).andExpect(status().isNotFound());
        send(mvc, post(BANK + "/volunteers/{v}/donations", D, v), worker(C2), Map.of("minutes", 1))
                .andExpect(status().isNotFound());
        read(mvc, get(BANK + "/volunteers/{v}", D, v), issuer.user(D, "auditor").bearer()).andExpect(status().isOk());
        send(mvc, post(BANK + "/volunteers/{v}/donations", D, v), issuer.user(D, "auditor").bearer(),
                Map.of("minutes", 1)).andExpect(status().isForbidden());
        read(mvc, get(BANK + "/volunteers/{v}", D, v), issuer.user(D, "volunteer").bearer())
                .andExpect(status().isForbidden());
        read(mvc, get(BANK + "/volunteers/{v}", "140802", v), issuer.user("140802", "bureau-admin").bearer())
                .andExpect(status().isNotFound());
    }

    @Test
    void theRegistryKeepsAgeAvailabilityAndTrainingAndKeepsWhoeverServed() throws Exception {
        String v = volunteer(C1, "刘淑珍");
        read(mvc, get("/api/care/v1/tenants/{t}/volunteers/{v}", D, v), manager(C1)).andExpect(status().isOk())
                .andExpect(jsonPath("$.age").isNumber()).andExpect(jsonPath("$.availability").value("工作日上午"))
                .andExpect(jsonPath("$.training[0].name").value("老年人照护基础"))
                .andExpect(jsonPath("$.training[0].hours").value(8));
        send(mvc, post("/api/care/v1/tenants/{t}/volunteers", D), manager(C1), Map.of("name", "年轻人", "kind",
                "LOW_AGE_ELDER", "birthDate", "1990-01-01")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("low-age-elder-under-60"));
        UUID elder = CareFixtures.elder(mvc, D, C1, "HIGH", "LIVING_ALONE");
        verifiedService(elder, v, C1, 30, 1);
        send(mvc, org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                "/api/care/v1/tenants/{t}/volunteers/{v}", D, v), manager(C1), null).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("volunteer-has-records"));
    }

    @Test
    void minutesReceivedLongAgoAndNotSpentExpireOnceOldestFirst() throws Exception {
        UUID elder = CareFixtures.elder(mvc, D, C1, "HIGH", "LIVING_ALONE");
        String v = volunteer(C1, "周玉梅");
        verifiedService(elder, v, C1, 60, 1);
        // 120 minutes received four years ago, of which 100 are spent since
        UUID account = jdbc.queryForObject("select id from t_" + D + ".time_account where volunteer_id = ?::uuid",
                UUID.class, v);
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
            c.setSchema("t_" + D);
            TimeLedger.post(c, UUID.randomUUID(), List.of(TimeLedger.Move.of(account, TimeLedger.Kind.TRANSFER_IN, 120)),
                    "test", java.time.Instant.now().minus(java.time.Duration.ofDays(4 * 365)));
            return null;
        });
        send(mvc, post(BANK + "/volunteers/{v}/redemptions", D, v), worker(C1), Map.of("minutes", 100, "beneficiary",
                "FAMILY", "familyName", "周母", "relation", "母亲", "familyBirthDate", "1938-01-01"))
                .andExpect(status().isOk());
        String admin = issuer.user(D, "bureau-admin").bearer();
        send(mvc, post(BANK + "/expiry", D), manager(C1), Map.of()).andExpect(status().isForbidden());
        send(mvc, post(BANK + "/expiry", D), admin, Map.of()).andExpect(status().isOk());
        // what is left of the old 120 (20) is gone; the recent hour stays
        assertThat(balance(v, C1)).isEqualTo(60);
        send(mvc, post(BANK + "/expiry", D), admin, Map.of()).andExpect(status().isOk());
        assertThat(balance(v, C1)).isEqualTo(60);
        read(mvc, get(BANK + "/volunteers/{v}", D, v), manager(C1)).andExpect(jsonPath("$.expiredHours").value("0.33"));
    }
}
