package org.warmnest.care.elder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.elder.AnElder.anElder;

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

        // the operator adds test2 (already listed in the test keys) as the active key, with AES-GCM
        PiiCipher next = new PiiCipher(new PiiProperties("AES-GCM", configured.keys(), "test2", configured.indexKey(),
                configured.indexAlgorithm()));
        PiiRotation rotation = new PiiRotation(next, registry, dataSource, transactions);
        assertThat(rotation.rotateAll()).isGreaterThanOrEqualTo(1);
        assertThat(cipherOf(id)).startsWith("aesgcm:test2:");
        assertThat(jdbc.queryForObject("select health_cipher from t_510104.elder where id = ?::uuid", String.class, id))
                .startsWith("aesgcm:test2:");
        assertThat(rotation.rotateAll()).isZero();
        // the version a worker read is untouched: rotation is not a change of the file
        assertThat(jdbc.queryForObject("select version from t_510104.elder where id = ?::uuid", Long.class, id))
                .isZero();

        // the running service (which knows both keys) reads the rotated values
        mvc.perform(post("/api/care/v1/tenants/{t}/elders/{id}/sensitive-data", T, id).header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"核对\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.idNumber").value(elder.idNumber()))
                .andExpect(jsonPath("$.health.notes").value("慢阻肺"));
    }

    private String cipherOf(String id) {
        return jdbc.queryForObject("select id_number_cipher from t_510104.elder where id = ?::uuid", String.class, id);
    }
}
