package org.warmnest.billing.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.allocation.AllocationJson.anAllocation;
import static org.warmnest.billing.allocation.AllocationJson.anAmendment;
import static org.warmnest.billing.allocation.BillingTenants.A;
import static org.warmnest.billing.allocation.BillingTenants.B;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;
import com.zaxxer.hikari.HikariDataSource;

/**
 * With one pooled connection every request of every tenant runs on the same physical connection: each must
 * still see only its own tenant's rows, and the connection must go back to the pool pointing at no tenant.
 */
@ServiceTest
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=1")
class AllocationPooledConnectionIT {

    private static final String ALLOCATIONS = "/api/billing/v1/tenants/{t}/allocations";

    @Autowired
    MockMvc mvc;
    @Autowired
    DataSource dataSource;

    final TestIssuer issuer = TestIssuer.get();
    final String financeA = issuer.user(A, "finance-officer").bearer();
    final String financeB = issuer.user(B, "finance-officer").bearer();

    /** Provisioning too must make do with the pool's one connection. */
    @BeforeEach
    void tenants(@Autowired TenantProvisioner provisioner) {
        BillingTenants.activate(provisioner, A, B);
    }

    @Test
    void alternatingTenantsOnOneConnectionEachSeeOnlyTheirOwnRows() throws Exception {
        assertThat(((HikariDataSource) dataSource).getMaximumPoolSize()).isEqualTo(1);
        int backend = backendPid();

        Set<String> idsA = new HashSet<>();
        Set<String> idsB = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            idsA.add(create(A, financeA, "玉民发〔2025〕" + (100 + round) + "号"));
            assertListed(B, financeB, idsB);
            idsB.add(create(B, financeB, "通民发〔2025〕" + (200 + round) + "号"));
            assertListed(A, financeA, idsA);
            assertListed(B, financeB, idsB);
            assertThat(searchPath()).isEqualTo("warmnest_no_tenant");
        }
        for (String id : idsA) {
            mvc.perform(get(ALLOCATIONS + "/{id}", B, id).header("Authorization", financeB))
                    .andExpect(status().isNotFound());
            mvc.perform(post(ALLOCATIONS + "/{id}/amendments", B, id).header("Authorization", financeB)
                    .contentType(MediaType.APPLICATION_JSON).content(anAmendment().json()))
                    .andExpect(status().isNotFound());
            mvc.perform(post(ALLOCATIONS + "/{id}/amendments", A, id).header("Authorization", financeA)
                    .contentType(MediaType.APPLICATION_JSON).content(anAmendment().json()))
                    .andExpect(status().isCreated());
        }
        // A request that fails half-way must not leave its schema behind either.
        mvc.perform(post(ALLOCATIONS + "/{id}/amendments", A, idsA.iterator().next()).header("Authorization", financeA)
                .contentType(MediaType.APPLICATION_JSON).content(anAmendment().json()))
                .andExpect(status().isConflict());

        assertThat(searchPath()).isEqualTo("warmnest_no_tenant");
        assertThat(backendPid()).as("the same physical connection served every request").isEqualTo(backend);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from t_530402.allocation")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
        }
    }

    private String create(String tenant, String bearer, String documentNumber) throws Exception {
        String body = mvc.perform(post(ALLOCATIONS, tenant).header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .content(anAllocation().with("documentNumber", documentNumber).json()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.tenant").value(tenant))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    private void assertListed(String tenant, String bearer, Set<String> expected) throws Exception {
        String body = mvc.perform(get(ALLOCATIONS, tenant).header("Authorization", bearer))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(body, "$.items[*].id");
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Borrows the pool's only connection, as the next request would get it. */
    private String searchPath() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("show search_path")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private int backendPid() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
