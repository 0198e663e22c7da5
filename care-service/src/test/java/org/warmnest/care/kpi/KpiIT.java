package org.warmnest.care.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.CareFixtures.body;
import static org.warmnest.care.CareFixtures.read;
import static org.warmnest.care.CareFixtures.send;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.care.CareFixtures;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * The KPIs in a district of their own (盘锦 大洼区, 211104): each source counted, direct beneficiaries once per
 * elder across visits, activities, donations and cases, indirect ones from households and unregistered attendees;
 * the city's districts side by side; XLSX; only the bureau and auditors read them.
 */
@ServiceTest
class KpiIT {

    static final String CITY = "211100";
    static final String D = "211104";
    static final String C = "21000000-0000-0000-0000-000000000004";
    static final String T = "/api/care/v1/tenants/{t}";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();

    @Test
    void eachSourceIsCountedAndAnElderBenefitsOnce(@Autowired TenantProvisioner provisioner) throws Exception {
        CareFixtures.provision(provisioner, CITY, D);
        String manager = issuer.user(D, "contractor-manager").contractor(C).subject("kpi-manager").bearer();
        String worker = issuer.user(D, "care-worker").contractor(C).subject("kpi-worker").bearer();
        UUID e1 = CareFixtures.elder(mvc, D, C, "HIGH", "LIVING_ALONE");
        UUID e2 = CareFixtures.elder(mvc, D, C, "GENERAL", "EMPTY_NEST");
        // 李桂芳 lives with her son and daughter-in-law: two indirect beneficiaries
        jdbc.update("update t_" + D + ".elder set household = '[{\"name\":\"王强\",\"relation\":\"儿子\"},"
                + "{\"name\":\"刘梅\",\"relation\":\"儿媳\"}]'::jsonb where id = ?::uuid", e1.toString());
        String volunteer = JsonPath.read(body(send(mvc, post(T + "/volunteers", D), manager, Map.of("name", "陈志愿",
                "kind", "VOLUNTEER")).andExpect(status().isCreated())), "$.id");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).minusHours(26);
        Map<String, Object> visit = new HashMap<>(Map.of("mode", "PHONE", "performerKind", "VOLUNTEER",
                "volunteerId", volunteer, "startedAt", start.toString(), "endedAt", start.plusMinutes(60).toString(),
                "services", List.of(Map.of("item", "COMPANIONSHIP"))));
        send(mvc, post(T + "/elders/{e}/visits", D, e1), worker, visit).andExpect(status().isCreated());
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        send(mvc, post(T + "/activities", D), manager, Map.of("title", "重阳节联欢", "kind", "FESTIVAL", "heldOn",
                today.minusDays(1).toString(), "elderIds", List.of(e2.toString()), "otherAttendees", 5))
                .andExpect(status().isCreated());
        send(mvc, post(T + "/donations", D), manager, Map.of("receivedOn", today.minusDays(1).toString(), "donor",
                "爱心企业", "goods", "米面油", "households", 3, "elderIds", List.of(e1.toString())))
                .andExpect(status().isCreated());
        send(mvc, post(T + "/case-services", D), manager, Map.of("elderId", e2.toString(), "socialWorker", "孙社工",
                "problem", "独居情绪低落")).andExpect(status().isCreated());

        String admin = issuer.user(D, "bureau-admin").bearer();
        String from = today.minusDays(7).toString();
        String to = today.toString();
        read(mvc, get(T + "/kpis?from=" + from + "&to=" + to, D), admin).andExpect(status().isOk())
                .andExpect(jsonPath("$.visits").value(1)).andExpect(jsonPath("$.eldersVisited").value(1))
                .andExpect(jsonPath("$.volunteerPersonTimes").value(1))
                .andExpect(jsonPath("$.volunteerHours").value(1.00))
                .andExpect(jsonPath("$.activities").value(1)).andExpect(jsonPath("$.activityPersonTimes").value(6))
                .andExpect(jsonPath("$.donationBatches").value(1)).andExpect(jsonPath("$.donationHouseholds").value(3))
                .andExpect(jsonPath("$.caseServicesOpened").value(1))
                // 李桂芳 (visit, donation) and the other elder (activity, case): two, once each
                .andExpect(jsonPath("$.directBeneficiaries").value(2))
                // her household of two, and the five who came to the festival unregistered
                .andExpect(jsonPath("$.indirectBeneficiaries").value(7))
                .andExpect(jsonPath("$.elders").value(2)).andExpect(jsonPath("$.paired").value(0));
        // another program: its visits and activities only (there are none); donations and cases carry no program
        read(mvc, get(T + "/kpis?from=" + from + "&to=" + to + "&programId=" + UUID.randomUUID(), D), admin)
                .andExpect(status().isOk()).andExpect(jsonPath("$.visits").value(0))
                .andExpect(jsonPath("$.activities").value(0)).andExpect(jsonPath("$.donationBatches").value(1))
                .andExpect(jsonPath("$.directBeneficiaries").value(2));
        read(mvc, get(T + "/kpis?from=" + to + "&to=" + from, D), admin).andExpect(status().isBadRequest());
        read(mvc, get(T + "/kpis?from=" + from + "&to=" + to, D), manager).andExpect(status().isForbidden());
        read(mvc, get(T + "/kpis?from=" + from + "&to=" + to, D), issuer.user(D, "auditor").bearer())
                .andExpect(status().isOk());

        String cityAdmin = issuer.user(CITY, "bureau-admin").bearer();
        read(mvc, get(T + "/kpis/by-district?from=" + from + "&to=" + to, CITY), cityAdmin).andExpect(status().isOk())
                .andExpect(jsonPath("$.districts[?(@.tenant == '" + D + "')].directBeneficiaries").value(2))
                .andExpect(jsonPath("$.total.tenant").value(CITY));
        read(mvc, get(T + "/kpis/by-district?from=" + from + "&to=" + to, D), admin).andExpect(status().isConflict());
        var exported = read(mvc, get(T + "/kpis/export?from=" + from + "&to=" + to, D), admin).andReturn();
        if (exported.getRequest().isAsyncStarted()) {
            exported = mvc.perform(asyncDispatch(exported)).andReturn();
        }
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(exported.getResponse()
                .getContentAsByteArray()))) {
            StringBuilder text = new StringBuilder();
            book.getSheetAt(0).forEach(row -> row.forEach(cell -> text.append(cell.toString()).append('|')));
            assertThat(text.toString()).contains("直接受益人数（按老人去重）").contains("包保覆盖率");
        }
    }
}
