package org.warmnest.care.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.assessment.AssessmentFixtures.ASSESSMENTS;
import static org.warmnest.care.assessment.AssessmentFixtures.CORRECTIONS;
import static org.warmnest.care.assessment.AssessmentFixtures.ONE;
import static org.warmnest.care.assessment.AssessmentFixtures.aCorrection;
import static org.warmnest.care.assessment.AssessmentFixtures.anAssessment;
import static org.warmnest.care.assessment.AssessmentFixtures.anElder;
import static org.warmnest.care.assessment.AssessmentFixtures.today;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/** Recording, reading and correcting assessments, as an assessor and a reader see them and as the rows hold them. */
@ServiceTest
class AssessmentIT {

    static final String T = "140824";
    static final String SCHEMA = "t_140824";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    static final String CW = "88888888-8888-8888-8888-888888888888";
    final String worker = issuer.user(T, "care-worker").contractor(CW).bearer();
    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            AssessmentFixtures.provision(provisioner, "140800", T);
            provisioned = true;
        }
    }

    ResultActions post(String path, String json, Object... vars) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path, vars)
                .header("Authorization", worker).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    String id(ResultActions result) throws Exception {
        return JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id");
    }

    Map<String, Object> row(String id) {
        return jdbc.queryForMap("select * from " + SCHEMA + ".assessment where id = ?::uuid", id);
    }

    Map<String, Object> elderFile(UUID elder) {
        return jdbc.queryForMap("select ability_level, last_assessed_on, next_assessment_due from " + SCHEMA
                + ".elder where id = ?", elder);
    }

    @Test
    void anAssessmentIsScoredLevelledAndWrittenOntoTheElderFile() throws Exception {
        UUID elder = anElder().ofContractor(CW).in(mvc, T);
        LocalDate on = today().minusDays(2);
        String json = anAssessment().on(on).reason("INITIAL").scoring(55).diagnosed("F01.1", false)
                .riskEvent("FALL", on.minusDays(3)).riskEvent("CHOKING", on.minusDays(10)).json();
        String id = id(post(ASSESSMENTS, json, T, elder).andExpect(status().isCreated())
                .andExpect(jsonPath("$.elderId").value(elder.toString()))
                .andExpect(jsonPath("$.reason").value("INITIAL"))
                .andExpect(jsonPath("$.indicators[0].code").value("SELF_CARE"))
                .andExpect(jsonPath("$.indicators[0].name").value("自理能力"))
                .andExpect(jsonPath("$.indicators[0].score").value(32))
                .andExpect(jsonPath("$.indicators[1].score").value(15))
                .andExpect(jsonPath("$.indicators[2].score").value(8))
                .andExpect(jsonPath("$.indicators[3].score").value(0))
                .andExpect(jsonPath("$.total").value(55))
                .andExpect(jsonPath("$.preliminaryLevel").value(2))
                .andExpect(jsonPath("$.preliminaryLevelName").value("能力中度受损"))
                .andExpect(jsonPath("$.adjusted").value(true))
                .andExpect(jsonPath("$.conditions").doesNotExist())
                .andExpect(jsonPath("$.finalLevel").value(3))
                .andExpect(jsonPath("$.finalLevelName").value("能力重度受损"))
                .andExpect(jsonPath("$.items.EATING").value(4))
                .andExpect(jsonPath("$.assessors", hasSize(2)))
                .andExpect(jsonPath("$.nextDue").value(on.plusMonths(12).toString()))
                .andExpect(jsonPath("$.status").value("COMPLETED")));

        Map<String, Object> row = row(id);
        assertThat(row).containsEntry("total_score", 55).containsEntry("preliminary_level", 2)
                .containsEntry("final_level", 3).containsEntry("status", "COMPLETED")
                .containsEntry("coma", false);
        assertThat(row).containsEntry("adjusted", true).doesNotContainKey("conditions");
        assertThat((String) row.get("conditions_cipher")).startsWith("sm4gcm:test1:");
        // which conditions raised the level is read in full only through the audited read
        post(ONE + "/sensitive-data", "{\"reason\":\"核对评估结论\"}", T, elder, id).andExpect(status().isOk())
                .andExpect(jsonPath("$.conditions[*].code", containsInAnyOrder("DEMENTIA", "CARE_RISK_EVENTS")))
                .andExpect(jsonPath("$.conditions[0].reason").value("经诊断患有痴呆"));
        assertThat(elderFile(elder)).containsEntry("ability_level", 3)
                .containsEntry("last_assessed_on", java.sql.Date.valueOf(on))
                .containsEntry("next_assessment_due", java.sql.Date.valueOf(on.plusMonths(12)));
    }

    @Test
    void anElderInAComaIsAtLevelFourWithoutScores() throws Exception {
        UUID elder = anElder().ofContractor(CW).in(mvc, T);
        String id = id(post(ASSESSMENTS, anAssessment().reason("CHANGE_OF_CONDITION").inComa().json(), T, elder)
                .andExpect(status().isCreated()).andExpect(jsonPath("$.coma").value(true))
                .andExpect(jsonPath("$.total").doesNotExist()).andExpect(jsonPath("$.indicators", hasSize(0)))
                .andExpect(jsonPath("$.preliminaryLevel").doesNotExist())
                .andExpect(jsonPath("$.adjusted").value(true)).andExpect(jsonPath("$.conditions").doesNotExist())
                .andExpect(jsonPath("$.finalLevel").value(4))
                .andExpect(jsonPath("$.finalLevelName").value("能力完全丧失")));
        assertThat(row(id).get("items")).isNull();
        assertThat(elderFile(elder)).containsEntry("ability_level", 4);
    }

    @Test
    void theHistoryIsNewestFirstAndOneIsReadByItsId() throws Exception {
        UUID elder = anElder().ofContractor(CW).in(mvc, T);
        String first = id(post(ASSESSMENTS, anAssessment().on(today().minusDays(400)).reason("INITIAL").scoring(80)
                .json(), T, elder).andExpect(status().isCreated()));
        String latest = id(post(ASSESSMENTS, anAssessment().on(today().minusDays(5)).scoring(60).json(), T, elder)
                .andExpect(status().isCreated()));
        String middle = id(post(ASSESSMENTS, anAssessment().on(today().minusDays(30)).reason("ON_REQUEST")
                .scoring(70).json(), T, elder).andExpect(status().isCreated()));

        String auditor = issuer.user(T, "auditor").bearer();
        mvc.perform(get(ASSESSMENTS, T, elder).header("Authorization", auditor)).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items[0].id").value(latest))
                .andExpect(jsonPath("$.items[1].id").value(middle))
                .andExpect(jsonPath("$.items[2].id").value(first))
                .andExpect(jsonPath("$.items[2].adjusted").value(false));
        mvc.perform(get(ONE, T, elder, middle).header("Authorization", auditor)).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(70)).andExpect(jsonPath("$.reason").value("ON_REQUEST"));
        // the file shows the latest by date, though the back-dated one was recorded after it
        assertThat(elderFile(elder)).containsEntry("ability_level", 2)
                .containsEntry("last_assessed_on", java.sql.Date.valueOf(today().minusDays(5)));

        mvc.perform(get(ONE, T, elder, UUID.randomUUID()).header("Authorization", auditor))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("assessment-not-found"));
        // an assessment is reached only under its own elder
        UUID other = anElder().ofContractor(CW).in(mvc, T);
        mvc.perform(get(ONE, T, other, middle).header("Authorization", auditor))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("assessment-not-found"));
        mvc.perform(get(ASSESSMENTS, T, UUID.randomUUID()).header("Authorization", auditor))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("elder-not-found"));
    }

    @Test
    void aCorrectionSupersedesTheAssessmentWhichStaysAsItWas() throws Exception {
        UUID elder = anElder().ofContractor(CW).in(mvc, T);
        LocalDate on = today().minusDays(3);
        String wrong = id(post(ASSESSMENTS, anAssessment().on(on).scoring(70).json(), T, elder)
                .andExpect(status().isCreated()));
        Map<String, Object> before = row(wrong);

        String fixed = id(post(CORRECTIONS, aCorrection().on(on).scoring(40)
                .note("上下楼梯误记为满分").json(), T, elder, wrong)
                .andExpect(status().isCreated()).andExpect(jsonPath("$.reason").value("CORRECTION"))
                .andExpect(jsonPath("$.supersedesId").value(wrong)).andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.finalLevel").value(3)).andExpect(jsonPath("$.hasNote").value(true))
                .andExpect(jsonPath("$.note").doesNotExist()));

        Map<String, Object> after = row(wrong);
        assertThat(after).containsEntry("status", "SUPERSEDED").containsEntry("superseded_by_id", UUID.fromString(fixed));
        before.keySet().stream().filter(k -> !Set.of("status", "superseded_by_id", "version").contains(k))
                .forEach(k -> assertThat(after.get(k)).as(k).isEqualTo(before.get(k)));
        assertThat(elderFile(elder)).containsEntry("ability_level", 3);

        mvc.perform(get(ONE, T, elder, wrong).header("Authorization", worker))
                .andExpect(jsonPath("$.status").value("SUPERSEDED")).andExpect(jsonPath("$.supersededById").value(fixed))
                .andExpect(jsonPath("$.total").value(70));
        // once superseded, it is not corrected again: the correction is
        post(CORRECTIONS, aCorrection().on(on).json(), T, elder, wrong).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("assessment-superseded"));
        post(CORRECTIONS, aCorrection().on(on).scoring(45).json(), T, elder, fixed)
                .andExpect(status().isCreated());
        assertThat(jdbc.queryForObject("select count(*) from " + SCHEMA + ".assessment where elder_id = ?",
                Long.class, elder)).isEqualTo(3);
        // a correction is not recorded as a fresh assessment, and a correction's reason is CORRECTION
        post(ASSESSMENTS, anAssessment().reason("CORRECTION").json(), T, elder).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        post(CORRECTIONS, anAssessment().reason("PERIODIC").json(), T, elder, fixed)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        post(CORRECTIONS, aCorrection().json(), T, elder, UUID.randomUUID()).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("assessment-not-found"));
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnAssessment() throws Exception {
        UUID elder = anElder().ofContractor(CW).in(mvc, T);
        String id = id(post(ASSESSMENTS, anAssessment().scoring(50).json(), T, elder).andExpect(status().isCreated()));

        assertThatThrownBy(() -> jdbc.update("update " + SCHEMA + ".assessment set self_care = self_care - 1,"
                + " total_score = total_score - 1 where id = ?::uuid", id)).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("never changed");
        assertThatThrownBy(() -> jdbc.update("update " + SCHEMA + ".assessment set items = jsonb_set(items, '{EATING}',"
                + " '0') where id = ?::uuid", id)).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.update("update " + SCHEMA + ".assessment set final_level = 4 where id = ?::uuid",
                id)).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.update("delete from " + SCHEMA + ".assessment where id = ?::uuid", id))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("never changed");
        assertThatThrownBy(() -> jdbc.execute("truncate " + SCHEMA + ".assessment cascade"))
                .isInstanceOf(DataAccessException.class);

        // superseding is the one change, once, and it changes nothing else
        String correction = id(post(CORRECTIONS, aCorrection().scoring(51).json(), T, elder, id)
                .andExpect(status().isCreated()));
        assertThatThrownBy(() -> jdbc.update("update " + SCHEMA + ".assessment set status = 'COMPLETED',"
                + " superseded_by_id = null where id = ?::uuid", id)).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.update("update " + SCHEMA + ".assessment set superseded_by_id = ?::uuid"
                + " where id = ?::uuid", correction, id)).isInstanceOf(DataAccessException.class);
        String third = id(post(ASSESSMENTS, anAssessment().scoring(52).json(), T, elder).andExpect(status().isCreated()));
        assertThatThrownBy(() -> jdbc.update("update " + SCHEMA + ".assessment set status = 'SUPERSEDED',"
                + " superseded_by_id = ?::uuid, total_score = 0 where id = ?::uuid", correction, third))
                .isInstanceOf(DataAccessException.class);
        assertThat(row(id)).containsEntry("total_score", 50);
    }

    @Test
    void aBadItemScoreIsNamedInTheFieldErrors() throws Exception {
        UUID elder = anElder().ofContractor(CW).in(mvc, T);
        post(ASSESSMENTS, anAssessment().item("STAIRS", 4).item("VISION", -1).without("MEMORY").json(), T, elder)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("items.STAIRS", "items.VISION",
                        "items.MEMORY")))
                .andExpect(jsonPath("$.errors[?(@.field=='items.STAIRS')].code").value("score-out-of-range"))
                .andExpect(jsonPath("$.errors[?(@.field=='items.MEMORY')].code").value("item-missing"))
                .andExpect(jsonPath("$.errors[?(@.field=='items.STAIRS')].message").value("超出该项目的分值范围"));
        post(ASSESSMENTS, anAssessment().diagnosed("G30", true).json(), T, elder).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("diagnoses[0].icd10"))
                .andExpect(jsonPath("$.errors[0].code").value("icd10-not-mental-disorder"));
        post(ASSESSMENTS, anAssessment().on(today().plusDays(1)).json(), T, elder).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("assessedOn"));
        post(ASSESSMENTS, anAssessment().riskEvent("FALL", today().plusDays(1)).json(), T, elder)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("riskEvents[0].occurredOn"));
        String noAssessor = anAssessment().json().replaceAll("\"assessors\":\\[[^\\]]*\\]", "\"assessors\":[]");
        post(ASSESSMENTS, noAssessor, T, elder).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("assessors"));
        post(ASSESSMENTS, anAssessment().json(), T, elder).andExpect(status().isCreated());
        assertThat(jdbc.queryForObject("select count(*) from " + SCHEMA + ".assessment where elder_id = ?",
                Long.class, elder)).isEqualTo(1);
    }

    @Test
    void onlyAnActiveElderIsAssessed() throws Exception {
        UUID elder = anElder().ofContractor(CW).withStatus("DECEASED").in(mvc, T);
        post(ASSESSMENTS, anAssessment().json(), T, elder).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("assessment-elder-not-active"));
        post(ASSESSMENTS, anAssessment().json(), T, UUID.randomUUID()).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("elder-not-found"));
    }
}
