package org.warmnest.care.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.assessment.AssessmentFixtures.ASSESSMENTS;
import static org.warmnest.care.assessment.AssessmentFixtures.ONE;
import static org.warmnest.care.assessment.AssessmentFixtures.anAssessment;
import static org.warmnest.care.assessment.AssessmentFixtures.anElder;
import static org.warmnest.care.assessment.AssessmentFixtures.today;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.care.pii.PiiCipher;
import org.warmnest.care.pii.PiiProperties;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * An assessment's diagnoses, care-risk events, the conditions that adjusted its level (a dementia, a psychiatric
 * disorder) and note are health data: encrypted in the row, absent from every normal response, and read in full
 * only by those who may, with a reason that goes on the elder's trail.
 */
@ServiceTest
class AssessmentSensitiveDataIT {

    static final String T = "140825";
    static final String SCHEMA = "t_140825";
    static final String C1 = "66666666-6666-6666-6666-666666666666";
    static final String C2 = "77777777-7777-7777-7777-777777777777";
    static final String SENSITIVE = ONE + "/sensitive-data";
    static final String READS = "/api/care/v1/tenants/{t}/sensitive-data-reads";
    static final String NOTE = "夜间曾独自外出，家属已加装门铃";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PiiCipher cipher;
    @Autowired
    PiiProperties configured;

    final TestIssuer issuer = TestIssuer.get();
    final String worker = issuer.user(T, "care-worker").contractor(C1).subject("worker-" + C1).bearer();
    final String auditor = issuer.user(T, "auditor").bearer();
    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            AssessmentFixtures.provision(provisioner, "140800", T);
            provisioned = true;
        }
    }

    ResultActions send(String path, String bearer, String json, Object... vars) throws Exception {
        return mvc.perform(post(path, vars).header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    ResultActions reveal(String bearer, UUID elder, String id, String reason) throws Exception {
        return send(SENSITIVE, bearer, "{\"reason\":\"" + reason + "\"}", T, elder, id);
    }

    String recordWithFindings(UUID elder) throws Exception {
        LocalDate on = today().minusDays(1);
        String json = anAssessment().on(on).scoring(60).diagnosed("F01.1", false).diagnosed("F32.1", true)
                .riskEvent("FALL", on.minusDays(2)).riskEvent("CHOKING", on.minusDays(9)).note(NOTE).json();
        return JsonPath.read(send(ASSESSMENTS, worker, json, T, elder).andExpect(status().isCreated())
                .andExpect(jsonPath("$.hasFindings").value(true)).andExpect(jsonPath("$.hasNote").value(true))
                .andExpect(jsonPath("$.diagnoses").doesNotExist()).andExpect(jsonPath("$.riskEvents").doesNotExist())
                .andExpect(jsonPath("$.note").doesNotExist())
                .andReturn().getResponse().getContentAsString(), "$.id");
    }

    String recordPlain(UUID elder) throws Exception {
        return JsonPath.read(send(ASSESSMENTS, worker, anAssessment().json(), T, elder)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    long reads(UUID elder) {
        return jdbc.queryForObject("select count(*) from " + SCHEMA + ".pii_access where elder_id = ?", Long.class,
                elder);
    }

    @Test
    void theRowHoldsNoDiagnosisNoConditionNoEventAndNoNoteInClear() throws Exception {
        UUID elder = anElder().ofContractor(C1).in(mvc, T);
        String id = recordWithFindings(elder);

        String row = jdbc.queryForObject("select a::text from " + SCHEMA + ".assessment a where id = ?::uuid",
                String.class, id);
        // (no '.' and no Chinese in base64: none of these can turn up in a cipher by chance)
        assertThat(row).doesNotContain("F01.1", "F32.1", "DEMENTIA", "痴呆", "PSYCHIATRIC", "精神和行为障碍",
                "CARE_RISK_EVENTS", "风险事件", "FALL", "CHOKING", "icd10", "riskEvents", NOTE, "门铃");
        Map<String, Object> ciphers = jdbc.queryForMap("select findings_cipher, conditions_cipher, note_cipher,"
                + " has_findings, adjusted from " + SCHEMA + ".assessment where id = ?::uuid", id);
        assertThat(ciphers).containsEntry("has_findings", true).containsEntry("adjusted", true);
        for (String column : new String[] { "findings_cipher", "conditions_cipher", "note_cipher" }) {
            assertThat((String) ciphers.get(column)).as(column).startsWith("sm4gcm:test1:");
        }
        // nor any ICD-10 code anywhere else in the row (a cipher's base64 may hold a letter and two digits)
        String clear = row;
        for (String column : new String[] { "findings_cipher", "conditions_cipher", "note_cipher" }) {
            clear = clear.replace((String) ciphers.get(column), "");
        }
        assertThat(clear).doesNotContainPattern("\\b[A-Z][0-9]{2}(\\.[0-9]{1,2})?\\b");
    }

    @Test
    void everyNormalResponseShowsOnlyThatThereAreFindingsAndANote() throws Exception {
        UUID elder = anElder().ofContractor(C1).in(mvc, T);
        String id = recordWithFindings(elder);

        for (String bearer : new String[] { worker, auditor }) {
            mvc.perform(get(ONE, T, elder, id).header("Authorization", bearer)).andExpect(status().isOk())
                    .andExpect(jsonPath("$.hasFindings").value(true)).andExpect(jsonPath("$.hasNote").value(true))
                    .andExpect(jsonPath("$.diagnoses").doesNotExist())
                    .andExpect(jsonPath("$.riskEvents").doesNotExist()).andExpect(jsonPath("$.note").doesNotExist())
                    .andExpect(jsonPath("$.adjusted").value(true)).andExpect(jsonPath("$.conditions").doesNotExist())
                    .andExpect(jsonPath("$.conditionCount").doesNotExist());
            String history = mvc.perform(get(ASSESSMENTS, T, elder).header("Authorization", bearer))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.items[0].hasFindings").value(true))
                    .andExpect(jsonPath("$.items[0].adjusted").value(true))
                    .andExpect(jsonPath("$.items[0].conditions").doesNotExist())
                    .andReturn().getResponse().getContentAsString();
            assertThat(history).doesNotContain("F01", "F32", "FALL", "CHOKING", NOTE, "DEMENTIA", "痴呆",
                    "PSYCHIATRIC", "精神和行为障碍", "CARE_RISK_EVENTS", "风险事件");
        }

        String plain = recordPlain(elder);
        mvc.perform(get(ONE, T, elder, plain).header("Authorization", worker))
                .andExpect(jsonPath("$.hasFindings").value(false)).andExpect(jsonPath("$.hasNote").value(false))
                .andExpect(jsonPath("$.adjusted").value(false));
        reveal(worker, elder, plain, "核对评估记录").andExpect(status().isOk())
                .andExpect(jsonPath("$.conditions", hasSize(0)))
                .andExpect(jsonPath("$.diagnoses", hasSize(0))).andExpect(jsonPath("$.riskEvents", hasSize(0)))
                .andExpect(jsonPath("$.note").doesNotExist());
    }

    @Test
    void theSensitiveReadReturnsThemInFullAndIsOnTheTrail() throws Exception {
        UUID elder = anElder().ofContractor(C1).in(mvc, T);
        String id = recordWithFindings(elder);
        LocalDate on = today().minusDays(1);

        reveal(worker, elder, id, "制定照护计划需核对诊断").andExpect(status().isOk())
                .andExpect(jsonPath("$.assessmentId").value(id)).andExpect(jsonPath("$.elderId").value(elder.toString()))
                .andExpect(jsonPath("$.conditions[*].code", contains("DEMENTIA", "PSYCHIATRIC_DISORDER",
                        "CARE_RISK_EVENTS")))
                .andExpect(jsonPath("$.conditions[*].reason", contains("经诊断患有痴呆",
                        "经精神科专科医生诊断患有其他精神和行为障碍", "近30天内发生照护风险事件 2 次及以上")))
                .andExpect(jsonPath("$.diagnoses[0].icd10").value("F01.1"))
                .andExpect(jsonPath("$.diagnoses[0].byPsychiatrist").value(false))
                .andExpect(jsonPath("$.diagnoses[1].icd10").value("F32.1"))
                .andExpect(jsonPath("$.diagnoses[1].byPsychiatrist").value(true))
                .andExpect(jsonPath("$.riskEvents[*].kind", contains("FALL", "CHOKING")))
                .andExpect(jsonPath("$.riskEvents[0].occurredOn").value(on.minusDays(2).toString()))
                .andExpect(jsonPath("$.note").value(NOTE))
                .andExpect(jsonPath("$.readAt").exists());

        mvc.perform(get(READS, T).param("elderId", elder.toString()).header("Authorization", auditor))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].subject").value("worker-" + C1))
                .andExpect(jsonPath("$.items[0].contractorId").value(C1))
                .andExpect(jsonPath("$.items[0].reason").value("制定照护计划需核对诊断"))
                .andExpect(jsonPath("$.items[0].fields", contains("assessment:" + id + ":findings",
                        "assessment:" + id + ":conditions", "assessment:" + id + ":note")));
    }

    @Test
    void whoMayNotReadInFullIsRefusedAndNothingGoesOnTheTrail() throws Exception {
        UUID elder = anElder().ofContractor(C1).in(mvc, T);
        String id = recordWithFindings(elder);

        reveal(auditor, elder, id, "检查").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("access-denied"));
        reveal(issuer.user(T, "volunteer").bearer(), elder, id, "检查").andExpect(status().isForbidden());
        reveal(issuer.platformAdmin().bearer(), elder, id, "检查").andExpect(status().isForbidden());
        // another contractor's staff do not reach the elder at all
        reveal(issuer.user(T, "contractor-manager").contractor(C2).bearer(), elder, id, "检查")
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("elder-not-found"));
        // an assessment is reached only under its own elder
        UUID other = anElder().ofContractor(C1).in(mvc, T);
        reveal(worker, other, id, "检查").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("assessment-not-found"));
        // a reason is required
        reveal(worker, elder, id, " ").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        reveal(worker, elder, id, "查").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        assertThat(reads(elder)).isZero();
        assertThat(reads(other)).isZero();

        // the bureau reads every contractor's elders
        reveal(issuer.user(T, "bureau-admin").bearer(), elder, id, "复核评估结论").andExpect(status().isOk())
                .andExpect(jsonPath("$.note").value(NOTE));
        assertThat(reads(elder)).isEqualTo(1);
    }

    @Test
    void theDatabaseAdmitsOnlyAReEncryptionOfTheCiphers() throws Exception {
        UUID elder = anElder().ofContractor(C1).in(mvc, T);
        String id = recordWithFindings(elder);
        String other = recordPlain(elder);
        String noNote = recordPlain(elder);
        String update = "update " + SCHEMA + ".assessment set %s where id = ?::uuid";

        // another value under the same key is not a rotation: a swapped cipher is refused; a note is not added
        assertThatThrownBy(() -> jdbc.update(update.formatted("findings_cipher = (select findings_cipher from "
                + SCHEMA + ".assessment where id = ?::uuid)"), other, id)).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("never changed");
        assertThatThrownBy(() -> jdbc.update(update.formatted("note_cipher = null"), id))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.update(update.formatted("note_cipher = 'aesgcm:test2:AAAA'"), noNote))
                .isInstanceOf(DataAccessException.class);
        // a new cipher together with any other change is refused
        assertThatThrownBy(() -> jdbc.update(update.formatted("findings_cipher = 'aesgcm:test2:AAAA',"
                + " has_findings = false"), id)).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.update(update.formatted("note_cipher = 'aesgcm:test2:AAAA', final_level = 4"),
                id)).isInstanceOf(DataAccessException.class);
        // the conditions likewise: not swapped, not re-encrypted together with another change, not removed
        assertThatThrownBy(() -> jdbc.update(update.formatted("conditions_cipher = (select conditions_cipher from "
                + SCHEMA + ".assessment where id = ?::uuid)"), other, id)).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("never changed");
        assertThatThrownBy(() -> jdbc.update(update.formatted("conditions_cipher = 'aesgcm:test2:AAAA',"
                + " adjusted = false"), id)).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.update(update.formatted("conditions_cipher = 'aesgcm:test2:AAAA',"
                + " findings_cipher = (select findings_cipher from " + SCHEMA + ".assessment where id = ?::uuid)"),
                other, id)).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.update(update.formatted("conditions_cipher = null"), id))
                .isInstanceOf(DataAccessException.class);

        // the conditions alone re-encrypted under another key and algorithm: a rotation, admitted, and still read
        PiiCipher next = new PiiCipher(new PiiProperties("AES-GCM", configured.keys(), "test2", configured.indexKey(),
                configured.indexAlgorithm()));
        String context = PiiCipher.context("assessment", UUID.fromString(id), "conditions");
        String stored = jdbc.queryForObject("select conditions_cipher from " + SCHEMA
                + ".assessment where id = ?::uuid", String.class, id);
        assertThat(jdbc.update(update.formatted("conditions_cipher = ?"),
                next.encrypt(cipher.decrypt(stored, context), context), id)).isEqualTo(1);
        reveal(worker, elder, id, "核对评估结论").andExpect(status().isOk())
                .andExpect(jsonPath("$.conditions[0].code").value("DEMENTIA"));
    }
}
