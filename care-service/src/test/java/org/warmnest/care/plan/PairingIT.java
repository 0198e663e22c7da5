package org.warmnest.care.plan;

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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.care.CareFixtures;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Changchun's 包保: cadres paired one to one and one to many, each pairing's daily contact a plan item the cadre
 * answers for; the three lists of the area with the unpaired first; a leaving cadre hands all their elders over;
 * reach by contractor. Acts in 长春 朝阳区 (220104), a tenant of its own so that the counts are exact.
 */
@ServiceTest
class PairingIT {

    static final String CITY = "220100";
    static final String D = "220104";
    static final String C1 = "22000000-0000-0000-0000-000000000001";
    static final String C2 = "22000000-0000-0000-0000-000000000002";
    static final String T = "/api/care/v1/tenants/{t}";

    @Autowired
    MockMvc mvc;

    final TestIssuer issuer = TestIssuer.get();
    final String manager = issuer.user(D, "contractor-manager").contractor(C1).bearer();

    String cadre(String name) throws Exception {
        return JsonPath.read(body(send(mvc, post(T + "/volunteers", D), manager, Map.of("name", name, "kind", "CADRE",
                "organisation", "朝阳区民政局", "skills", List.of("包保"), "gridCode", CareFixtures.GRID))
                .andExpect(status().isCreated())), "$.id");
    }

    String pair(UUID elder, String cadre) throws Exception {
        return JsonPath.read(body(send(mvc, post(T + "/pairings", D), manager, Map.of("elderId", elder.toString(),
                "volunteerId", cadre, "level", "DISTRICT", "organisedBy", "朝阳区民政局"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.planItemId").isNotEmpty())), "$.id");
    }

    @Test
    void cadresArePairedListedHandedOverAndTheUnpairedShowFirst(@Autowired TenantProvisioner provisioner)
            throws Exception {
        CareFixtures.provision(provisioner, CITY, D);
        UUID e1 = CareFixtures.elder(mvc, D, C1, "HIGH", "EMPTY_NEST");
        UUID e2 = CareFixtures.elder(mvc, D, C1, "PRIORITY", "EMPTY_NEST");
        UUID e3 = CareFixtures.elder(mvc, D, C1, "GENERAL", "EMPTY_NEST");
        String a = cadre("赵国强");
        String b = cadre("钱卫东");
        pair(e1, a);
        pair(e2, a);
        send(mvc, post(T + "/pairings", D), manager, Map.of("elderId", e1.toString(), "volunteerId", a, "level",
                "STREET")).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("pairing-exists"));
        // the pairing's daily contact is the cadre's plan item
        read(mvc, get(T + "/elders/{e}/plan", D, e1), manager).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.responsibleName == '赵国强')].cadence.kind").value("TIMES_PER_DAY"));

        read(mvc, get(T + "/three-lists/summary", D), manager).andExpect(jsonPath("$.elders").value(3))
                .andExpect(jsonPath("$.paired").value(2)).andExpect(jsonPath("$.unpaired").value(1))
                .andExpect(jsonPath("$.coverage").value(0.6667));
        String lists = body(read(mvc, get(T + "/three-lists", D), manager).andExpect(status().isOk()));
        assertThat((String) JsonPath.read(lists, "$.items[0].elderId")).isEqualTo(e3.toString());
        assertThat((Integer) JsonPath.read(lists, "$.items[0].pairings")).isZero();
        assertThat((List<String>) JsonPath.read(lists, "$.items[?(@.elderId == '" + e1 + "')].pairedWith"))
                .containsExactly("赵国强（DISTRICT）");

        // 赵国强 leaves: both elders pass to 钱卫东 from today, the old pairings end yesterday
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String handed = body(send(mvc, post(T + "/volunteers/{v}/hand-over", D, a), manager, Map.of("toVolunteerId", b,
                "on", today.toString(), "reason", "工作调动")).andExpect(status().isOk()));
        assertThat((List<String>) JsonPath.read(handed, "$[*].volunteerId")).containsExactly(b, b);
        assertThat((List<String>) JsonPath.read(handed, "$[*].handedOverFrom")).doesNotContainNull();
        read(mvc, get(T + "/pairings?elderId=" + e1 + "&active=false", D), manager)
                .andExpect(jsonPath("$[?(@.volunteerId == '" + a + "')].endedOn").value(today.minusDays(1).toString()))
                .andExpect(jsonPath("$[?(@.volunteerId == '" + b + "')].startedOn").value(today.toString()));
        read(mvc, get(T + "/elders/{e}/plan", D, e1), manager)
                .andExpect(jsonPath("$[?(@.responsibleName == '钱卫东')].activeFrom").value(today.toString()));
        send(mvc, post(T + "/pairings", D), manager, Map.of("elderId", e3.toString(), "volunteerId", a, "level",
                "DISTRICT")).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("volunteer-inactive"));

        // ending a pairing leaves the elder uncovered
        String e2Pairing = ((List<String>) JsonPath.read(body(read(mvc, get(T + "/pairings?elderId=" + e2, D),
                manager)), "$[*].id")).get(0);
        send(mvc, post(T + "/pairings/{p}/end", D, e2Pairing), manager, Map.of("reason", "老人入住养老机构"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.endedOn").value(today.toString()));
        read(mvc, get(T + "/three-lists/summary", D), manager).andExpect(jsonPath("$.paired").value(1))
                .andExpect(jsonPath("$.unpaired").value(2));

        var exported = read(mvc, get(T + "/three-lists/export", D), manager).andReturn();
        if (exported.getRequest().isAsyncStarted()) {
            exported = mvc.perform(asyncDispatch(exported)).andReturn();
        }
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(exported.getResponse()
                .getContentAsByteArray()))) {
            List<String> sheets = new ArrayList<>();
            book.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).containsExactly("底数清单", "需求清单", "包保清单", "汇总");
        }

        // another contractor reaches none of it; auditors read but do not pair
        String other = issuer.user(D, "contractor-manager").contractor(C2).bearer();
        send(mvc, post(T + "/pairings", D), other, Map.of("elderId", e3.toString(), "volunteerId", b, "level",
                "DISTRICT")).andExpect(status().isNotFound());
        read(mvc, get(T + "/three-lists/summary", D), other).andExpect(jsonPath("$.elders").value(0));
        send(mvc, post(T + "/pairings", D), issuer.user(D, "auditor").bearer(), Map.of("elderId", e3.toString(),
                "volunteerId", b, "level", "DISTRICT")).andExpect(status().isForbidden());
        read(mvc, get(T + "/three-lists", D), issuer.user(D, "auditor").bearer()).andExpect(status().isOk());
        // the city sees its districts side by side
        read(mvc, get(T + "/three-lists/by-district", CITY), issuer.user(CITY, "bureau-admin").bearer())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.districts[?(@.district == '" + D + "')].summary.elders").value(3))
                .andExpect(jsonPath("$.districts[?(@.district == '" + D + "')].summary.paired").value(1));
    }
}
