package org.warmnest.care.elder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.elder.AnElder.anElder;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.warmnest.care.TenantServiceStub;
import org.warmnest.care.pii.PiiCipher;
import org.warmnest.care.pii.PiiProperties;
import org.warmnest.care.pii.PiiRotation;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;

import com.jayway.jsonpath.JsonPath;

/** A new key made active: rotation re-encrypts every value under it, and the data reads as before. */
@ServiceTest
class KeyRotationIT {

    static final String T = "510104";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantRegistry registry;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    PiiProperties configured;
    @Autowired
    org.warmnest.care.evidence.EvidenceStore store;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (registry.find(TenantCode.of(T)).isEmpty()) {
            provisioner.provision(TenantCode.of(T), null, "锦江区");
            registry.setStatus(TenantCode.of(T), TenantStatus.ACTIVE);
        }
        TenantServiceStub.areas(T, "K01");
    }

    @Test
    void rotationRewritesOldValuesUnderTheActiveKeyAndTheyStillRead() throws Exception {
        String token = TestIssuer.get().user(T, "bureau-admin").bearer();
        AnElder elder = anElder().registeredIn(T).inGrid("K01").withHealth("慢阻肺", "慢阻肺");
        String id = JsonPath.read(mvc.perform(post("/api/care/v1/tenants/{t}/elders", T).header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).content(elder.json())).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        assertThat(cipherOf(id)).startsWith("sm4gcm:test1:");
        // an assessment of the elder with a diagnosis and a note (in a coma: the shortest valid record)
        String assessment = JsonPath.read(mvc.perform(post("/api/care/v1/tenants/{t}/elders/{id}/assessments", T, id)
                .header("Authorization", token).contentType(MediaType.APPLICATION_JSON).content("""
                        {"assessedOn": "%s", "reason": "INITIAL", "coma": true,
                         "diagnoses": [{"icd10": "F01.1", "byPsychiatrist": false}],
                         "assessors": [{"name": "张敏", "certificateNumber": "PG-2024-0012"}],
                         "note": "家属陪同评估"}
                        """.formatted(LocalDate.now(ZoneId.of("Asia/Shanghai")))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        Map<String, Object> assessed = assessmentRow(assessment);
        assertThat((String) assessed.get("findings_cipher")).startsWith("sm4gcm:test1:");
        assertThat((String) assessed.get("conditions_cipher")).startsWith("sm4gcm:test1:");
        assertThat((String) assessed.get("note_cipher")).startsWith("sm4gcm:test1:");
        Long version = jdbc.queryForObject("select version from t_510104.elder where id = ?::uuid", Long.class, id);

        // the operator adds test2 (already listed in the test keys) as the active key, with AES-GCM
        PiiCipher next = new PiiCipher(new PiiProperties("AES-GCM", configured.keys(), "test2", configured.indexKey(),
                configured.indexAlgorithm()));
        PiiRotation rotation = new PiiRotation(next, registry, dataSource, transactions, store);
        assertThat(rotation.remaining()).isGreaterThanOrEqualTo(2);
        assertThat(rotation.rotateAll()).isGreaterThanOrEqualTo(1);
        assertThat(rotation.remaining()).isZero();
        assertThat(cipherOf(id)).startsWith("aesgcm:test2:");
        assertThat(jdbc.queryForObject("select health_cipher from t_510104.elder where id = ?::uuid", String.class, id))
                .startsWith("aesgcm:test2:");
        Map<String, Object> rotated = assessmentRow(assessment);
        assertThat((String) rotated.get("findings_cipher")).startsWith("aesgcm:test2:");
        assertThat((String) rotated.get("conditions_cipher")).startsWith("aesgcm:test2:");
        assertThat((String) rotated.get("note_cipher")).startsWith("aesgcm:test2:");
        // nothing else in the assessment changed: rotation is not an edit (the database refuses any other)
        assessed.keySet().stream().filter(k -> !k.endsWith("_cipher"))
                .forEach(k -> assertThat(rotated.get(k)).as(k).isEqualTo(assessed.get(k)));
        assertThat(rotation.rotateAll()).isZero();
        // a row whose conditions alone are under the old key counts as remaining, and is rotated
        PiiCipher old = new PiiCipher(configured);
        String context = PiiCipher.context("assessment", java.util.UUID.fromString(assessment), "conditions");
        jdbc.update("update t_510104.assessment set conditions_cipher = ? where id = ?::uuid",
                old.encrypt(next.decrypt((String) rotated.get("conditions_cipher"), context), context), assessment);
        assertThat(rotation.remaining()).isEqualTo(1);
        assertThat(rotation.rotateAll()).isEqualTo(1);
        assertThat(rotation.remaining()).isZero();
        assertThat((String) assessmentRow(assessment).get("conditions_cipher")).startsWith("aesgcm:test2:");
        // the version a worker read is untouched: rotation is not a change of the file
        assertThat(jdbc.queryForObject("select version from t_510104.elder where id = ?::uuid", Long.class, id))
                .isEqualTo(version);

        // the running service (which knows both keys) reads the rotated values
        mvc.perform(post("/api/care/v1/tenants/{t}/elders/{id}/sensitive-data", T, id).header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"核对\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.idNumber").value(elder.idNumber()))
                .andExpect(jsonPath("$.health.notes").value("慢阻肺"));
        mvc.perform(post("/api/care/v1/tenants/{t}/elders/{id}/assessments/{a}/sensitive-data", T, id, assessment)
                .header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"核对\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.diagnoses[0].icd10").value("F01.1"))
                .andExpect(jsonPath("$.conditions[0].code").value("COMA"))
                .andExpect(jsonPath("$.note").value("家属陪同评估"));
    }

    private Map<String, Object> assessmentRow(String id) {
        return jdbc.queryForMap("select * from t_510104.assessment where id = ?::uuid", id);
    }

    private String cipherOf(String id) {
        return jdbc.queryForObject("select id_number_cipher from t_510104.elder where id = ?::uuid", String.class, id);
    }
}
