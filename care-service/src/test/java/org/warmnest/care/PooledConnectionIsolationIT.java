package org.warmnest.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Connection;
import java.sql.ResultSet;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

/**
 * With a pool of exactly one connection every request reuses the same connection, so any schema left
 * behind by one tenant's request would show up in the next tenant's.
 */
@ServiceTest
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=1")
class PooledConnectionIsolationIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    DataSource dataSource;

    static boolean ready;

    @Autowired
    void tenants(TenantProvisioner provisioner) {
        if (!ready) {
            for (String code : new String[] { "530402", "530423" }) {
                provisioner.provision(TenantCode.of(code), TenantCode.of("530400"), code);
                provisioner.registry().setStatus(TenantCode.of(code), TenantStatus.ACTIVE);
            }
            ready = true;
        }
    }

    @Test
    void aReusedConnectionNeverCarriesOneTenantIntoAnother() throws Exception {
        TestIssuer issuer = TestIssuer.get();
        String a = issuer.user("530402", "bureau-admin").bearer();
        String b = issuer.user("530423", "bureau-admin").bearer();
        for (int round = 0; round < 3; round++) {
            mvc.perform(post("/api/care/v1/tenants/530402/volunteers").header("Authorization", a)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\":\"甲" + round + "\",\"kind\":\"VOLUNTEER\"}")).andExpect(status().isCreated());
            assertThat(searchPath()).isEqualTo("warmnest_no_tenant");
            mvc.perform(get("/api/care/v1/tenants/530423/volunteers").header("Authorization", b))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
            assertThat(searchPath()).isEqualTo("warmnest_no_tenant");
            mvc.perform(get("/api/care/v1/tenants/530402/volunteers").header("Authorization", a))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(round + 1));
        }
        // a failed request (validation) must not leave its tenant behind either
        mvc.perform(post("/api/care/v1/tenants/530402/volunteers").header("Authorization", a)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"kind\":\"VOLUNTEER\"}"))
                .andExpect(status().isBadRequest());
        assertThat(searchPath()).isEqualTo("warmnest_no_tenant");
        // and outside any tenant, an unqualified tenant table does not resolve at all
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.executeQuery("select * from volunteer"))
                    .hasMessageContaining("does not exist");
        }
    }

    private String searchPath() throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery("show search_path")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
