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
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * 一日三问 short of its contacts past the deadline raises one alert per item and day, whoever checks how often; an
 * item whose contacts were made raises none; a follow-up names a visit of the same elder.
 */
@ServiceTest
class MissedContactIT {

    static final String CITY = "610100";
    static final String D = "610113";
    static final String C1 = "61000000-0000-0000-0000-000000000031";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MissedContacts missed;

    final TestIssuer issuer = TestIssuer.get();
    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            CareFixtures.provision(provisioner, CITY, D);
            provisioned = true;
        }
    }

    @Test
    void aDayShortOfItsThreeAsksRaisesOneAlertAndAFullDayNone() throws Exception {
        String worker = issuer.user(D, "care-worker").contractor(C1).subject("asker").bearer();
        LocalDate yesterday = LocalDate.now(CarePlans.CHINA).minusDays(1);
        UUID shortOf = CareFixtures.elder(mvc, D, C1, "HIGH", "LIVING_ALONE");
        UUID full = CareFixtures.elder(mvc, D, C1, "HIGH", "LIVING_ALONE");
        for (UUID elder : List.of(shortOf, full)) {
            send(mvc, post("/api/care/v1/tenants/{t}/elders/{e}/plan/items", D, elder), worker, Map.of(
                    "serviceItem", "DAILY_GREETING", "cadence", Map.of("kind", "TIMES_PER_DAY", "times", 3),
                    "activeFrom", yesterday.minusDays(3).toString())).andExpect(status().isCreated());
        }
        String visit = null;
        for (int k = 0; k < 3; k++) {
            String at = OffsetDateTime.of(yesterday, LocalTime.of(8 + k * 4, 0), ZoneOffset.ofHours(8)).toString();
            send(mvc, post("/api/care/v1/tenants/{t}/elders/{e}/visits", D, full), worker,
                    Map.of("mode", "PHONE", "startedAt", at)).andExpect(status().isCreated());
            if (k == 0) {
                visit = JsonPath.read(body(send(mvc, post("/api/care/v1/tenants/{t}/elders/{e}/visits", D, shortOf),
                        worker, Map.of("mode", "WECHAT", "startedAt", at)).andExpect(status().isCreated())), "$.id");
            }
        }
        assertThat(missed.check(TenantCode.of(D))).isGreaterThanOrEqualTo(1);
        missed.check(TenantCode.of(D));
        List<Map<String, Object>> alerts = jdbc.queryForList("select elder_id, kind, source, description from t_" + D
                + ".alert where missed_day = ?", yesterday);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("elder_id")).isEqualTo(shortOf);
        assertThat(alerts.get(0).get("kind")).isEqualTo("MISSED_CONTACT");
        assertThat((String) alerts.get(0).get("description")).contains("应联系 3 次").contains("实际 1 次");

        // the follow-up names a visit of this elder, not another's
        String alert = JsonPath.read(body(read(mvc, get("/api/care/v1/tenants/{t}/alerts", D)
                .param("elderId", shortOf.toString()), worker)), "$.items[0].id");
        String base = "/api/care/v1/tenants/{t}/alerts/{id}";
        send(mvc, post(base + "/acknowledge", D, alert), worker, Map.of("note", "已收到")).andExpect(status().isOk());
        send(mvc, post(base + "/act", D, alert), worker, Map.of("note", "上门查看")).andExpect(status().isOk());
        send(mvc, post(base + "/resolve", D, alert), worker, Map.of("resolution", "老人外出，已联系家属"))
                .andExpect(status().isOk());
        String fullVisit = jdbc.queryForObject("select cast(id as text) from t_" + D
                + ".visit where elder_id = ? limit 1", String.class, full);
        Thread.sleep(1_100); // the follow-up is after the resolution, to the second
        String after = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString();
        send(mvc, post(base + "/follow-up", D, alert), worker, Map.of("visitedAt", after, "mode", "PHONE",
                "serviceRecordId", fullVisit)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("visit-of-another-elder"));
        send(mvc, post(base + "/follow-up", D, alert), worker, Map.of("visitedAt", after, "mode", "PHONE",
                "serviceRecordId", visit)).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CLOSED"));
    }
}
