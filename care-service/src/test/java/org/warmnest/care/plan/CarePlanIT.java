package org.warmnest.care.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.CareFixtures.body;
import static org.warmnest.care.CareFixtures.read;
import static org.warmnest.care.CareFixtures.send;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.care.CareFixtures;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Care plans: made from a program's template by the elder's risk tier and categories (again changes nothing),
 * adjusted by ending an item and starting its replacement, refused when malformed, out of scope or stale.
 */
@ServiceTest
class CarePlanIT {

    static final String CITY = "610100";
    static final String D = "610102";
    static final String OTHER = "610103";
    static final String C1 = "61000000-0000-0000-0000-000000000001";
    static final String C2 = "61000000-0000-0000-0000-000000000002";
    static final String PLAN = "/api/care/v1/tenants/{t}/elders/{e}/plan";
    static final String TEMPLATES = "/api/care/v1/tenants/{t}/plan-templates";

    @Autowired
    MockMvc mvc;

    final TestIssuer issuer = TestIssuer.get();
    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            CareFixtures.provision(provisioner, CITY, D, OTHER);
            provisioned = true;
        }
    }

    String bureau() {
        return issuer.user(D, "bureau-admin").bearer();
    }

    String worker(String contractor) {
        return issuer.user(D, "care-worker").contractor(contractor).subject("worker-" + contractor).bearer();
    }

    /** Adopts a preset as a template of the tenant; returns its id. */
    String adopt(String presetCode, String name) throws Exception {
        String presets = body(read(mvc, get(TEMPLATES + "/presets", D), bureau()).andExpect(status().isOk()));
        List<Map<String, Object>> found = JsonPath.read(presets, "$[?(@.code == '" + presetCode + "')]");
        Map<String, Object> preset = found.get(0);
        return JsonPath.read(body(send(mvc, post(TEMPLATES, D), bureau(),
                Map.of("name", name, "rules", preset.get("rules"))).andExpect(status().isCreated())), "$.id");
    }

    @Test
    void sixOnesGiveSixItemsOnceAndTheFourPartLoopFollowsTheRiskTier() throws Exception {
        String sixOnes = adopt("six-ones", "六个一 " + UUID.randomUUID());
        UUID elder = CareFixtures.elder(mvc, D, C1, "GENERAL", "LIVING_ALONE");
        String applied = body(send(mvc, post(PLAN + "/from-template", D, elder), worker(C1),
                Map.of("templateId", sixOnes)).andExpect(status().isOk()));
        List<String> items = JsonPath.read(applied, "$.created[*].serviceItem");
        assertThat(items).containsExactlyInAnyOrder("DAILY_GREETING", "HOME_VISIT", "LIFE_SERVICE", "GROUP_ACTIVITY",
                "FESTIVAL_CARE", "BIRTHDAY_GREETING");
        assertThat((List<String>) JsonPath.read(applied, "$.created[?(@.serviceItem == 'FESTIVAL_CARE')].cadence.festivals[*]"))
                .contains("SPRING_FESTIVAL", "DOUBLE_NINTH");
        assertThat((List<String>) JsonPath.read(applied, "$.created[*].responsibleRef")).containsOnly("worker-" + C1);
        // again: nothing new
        send(mvc, post(PLAN + "/from-template", D, elder), worker(C1), Map.of("templateId", sixOnes))
                .andExpect(status().isOk()).andExpect(jsonPath("$.created.length()").value(0))
                .andExpect(jsonPath("$.alreadyPlanned.length()").value(6));

        String loop = adopt("four-part-loop", "四位一体 " + UUID.randomUUID());
        UUID high = CareFixtures.elder(mvc, D, C1, "HIGH", "SOLITARY");
        UUID general = CareFixtures.elder(mvc, D, C1, "GENERAL");
        send(mvc, post(PLAN + "/from-template", D, high), worker(C1), Map.of("templateId", loop))
                .andExpect(jsonPath("$.created[?(@.serviceItem == 'HOME_VISIT')].cadence.kind").value("WEEKLY"));
        send(mvc, post(PLAN + "/from-template", D, general), worker(C1), Map.of("templateId", loop))
                .andExpect(jsonPath("$.created[?(@.serviceItem == 'HOME_VISIT')].cadence.kind").value("QUARTERLY"))
                .andExpect(jsonPath("$.created.length()").value(5));
    }

    @Test
    void anAdjustmentEndsTheItemAndAReplacementTakesOverSoThePastStays() throws Exception {
        UUID elder = CareFixtures.elder(mvc, D, C1, "PRIORITY");
        LocalDate today = LocalDate.now(CarePlans.CHINA);
        String created = body(send(mvc, post(PLAN + "/items", D, elder), worker(C1), Map.of(
                "serviceItem", "DAILY_GREETING", "cadence", Map.of("kind", "TIMES_PER_DAY", "times", 3),
                "modes", List.of("PHONE", "WECHAT"), "activeFrom", today.minusDays(10).toString()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.cadenceLabel").value("每日3次")));
        String id = JsonPath.read(created, "$.id");
        // stale version
        send(mvc, put(PLAN + "/items/{i}", D, elder, id), worker(C1), Map.of("cadence", Map.of("kind", "DAILY"),
                "version", 7)).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("plan-item-modified"));
        // an adjustment in the past would rewrite it
        send(mvc, put(PLAN + "/items/{i}", D, elder, id), worker(C1), Map.of("cadence", Map.of("kind", "DAILY"),
                "activeFrom", today.minusDays(1).toString(), "version", 0)).andExpect(status().isBadRequest());
        String replaced = body(send(mvc, put(PLAN + "/items/{i}", D, elder, id), worker(C1),
                Map.of("cadence", Map.of("kind", "DAILY"), "version", 0)).andExpect(status().isOk()));
        assertThat((String) JsonPath.read(replaced, "$.replacesId")).isEqualTo(id);
        assertThat((String) JsonPath.read(replaced, "$.serviceItem")).isEqualTo("DAILY_GREETING");
        String history = body(read(mvc, get(PLAN, D, elder).param("history", "true"), worker(C1)));
        assertThat((List<String>) JsonPath.read(history, "$[?(@.id == '" + id + "')].activeTo"))
                .containsExactly(today.minusDays(1).toString());
        send(mvc, put(PLAN + "/items/{i}", D, elder, id), worker(C1), Map.of("cadence", Map.of("kind", "DAILY"),
                "version", 1)).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("plan-item-ended"));
        // in force yesterday: the old terms; today: the new
        read(mvc, get(PLAN, D, elder).param("on", today.minusDays(1).toString()), worker(C1))
                .andExpect(jsonPath("$[0].cadence.times").value(3));
        read(mvc, get(PLAN, D, elder), worker(C1)).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].cadence.times").value(1));
        String newId = JsonPath.read(replaced, "$.id");
        read(mvc, delete(PLAN + "/items/{i}", D, elder, newId).param("version", "0"), worker(C1))
                .andExpect(status().isOk()).andExpect(jsonPath("$.activeTo").value(today.toString()));
    }

    @Test
    void malformedCadencesAndResponsiblesAreRefusedWithTheField() throws Exception {
        UUID elder = CareFixtures.elder(mvc, D, C1, "GENERAL");
        LocalDate today = LocalDate.now(CarePlans.CHINA);
        Object[][] cases = {
                { Map.of("kind", "TIMES_PER_DAY", "times", 25), "cadence.times" },
                { Map.of("kind", "FESTIVALS"), "cadence.festivals" },
                { Map.of("kind", "BIRTHDAY", "leadDays", 40), "cadence.leadDays" },
                { Map.of("kind", "WEEKLY", "festivals", List.of("QIXI")), "cadence.festivals" },
        };
        for (Object[] c : cases) {
            send(mvc, post(PLAN + "/items", D, elder), worker(C1), Map.of("serviceItem", "HOME_VISIT", "cadence", c[0]))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value(c[1]));
        }
        send(mvc, post(PLAN + "/items", D, elder), worker(C1), Map.of("serviceItem", "HOME_VISIT",
                "cadence", Map.of("kind", "WEEKLY"), "activeFrom", today.minusDays(40).toString()))
                .andExpect(status().isBadRequest());
        send(mvc, post(PLAN + "/items", D, elder), worker(C1), Map.of("serviceItem", "HOME_VISIT",
                "cadence", Map.of("kind", "WEEKLY"), "responsible", Map.of("kind", "AREA_TEAM", "ref", "G99",
                        "name", "九号网格")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("responsible.ref"));
        send(mvc, post(PLAN + "/items", D, elder), worker(C1), Map.of("serviceItem", "HOME_VISIT",
                "cadence", Map.of("kind", "WEEKLY"), "responsible", Map.of("kind", "AREA_TEAM", "ref", "G02",
                        "name", "二号网格")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.responsibleKind").value("AREA_TEAM"));
        send(mvc, post(PLAN + "/items", D, elder), worker(C1), Map.of("serviceItem", "HOME_VISIT",
                "cadence", Map.of("kind", "WEEKLY"), "responsible", Map.of("kind", "VOLUNTEER",
                        "ref", UUID.randomUUID().toString(), "name", "张志愿")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("responsible.ref"));
        send(mvc, post(TEMPLATES, D), bureau(), Map.of("name", "坏模板", "rules", List.of(Map.of(
                "serviceItem", "HOME_VISIT", "cadence", Map.of("kind", "WEEKLY"), "categoriesAny", List.of("RICH")))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field")
                        .value("rules[0].categoriesAny"));
    }

    @Test
    void plansAreReachedOnlyInScope() throws Exception {
        UUID elder = CareFixtures.elder(mvc, D, C1, "GENERAL");
        Map<String, Object> item = Map.of("serviceItem", "HOME_VISIT", "cadence", Map.of("kind", "MONTHLY"));
        send(mvc, post(PLAN + "/items", D, elder), worker(C2), item).andExpect(status().isNotFound());
        read(mvc, get(PLAN, D, elder), worker(C2)).andExpect(status().isNotFound());
        send(mvc, post(PLAN + "/items", OTHER, elder), issuer.user(OTHER, "bureau-admin").bearer(), item)
                .andExpect(status().isNotFound());
        send(mvc, post(PLAN + "/items", D, elder), issuer.user(D, "volunteer").bearer(), item)
                .andExpect(status().isForbidden());
        send(mvc, post(PLAN + "/items", D, elder), issuer.user(D, "auditor").bearer(), item)
                .andExpect(status().isForbidden());
        read(mvc, get(PLAN, D, elder), issuer.user(D, "auditor").bearer()).andExpect(status().isOk());
        send(mvc, post(TEMPLATES, D), worker(C1), Map.of("name", "x", "rules", List.of()))
                .andExpect(status().isForbidden());
        String id = JsonPath.read(body(send(mvc, post(PLAN + "/items", D, elder), worker(C1), item)
                .andExpect(status().isCreated())), "$.id");
        read(mvc, get(PLAN, D, elder), worker(C1)).andExpect(jsonPath("$[*].id", Matchers.hasItem(id)));
    }
}
