package org.warmnest.billing.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.allocation.AllocationJson.anAllocation;
import static org.warmnest.billing.allocation.AllocationJson.anAmendment;
import static org.warmnest.billing.allocation.BillingTenants.A;
import static org.warmnest.billing.allocation.BillingTenants.B;
import static org.warmnest.billing.allocation.BillingTenants.CITY;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/** Allocations written in one tenant exist only in its schema and cannot be reached from another tenant. */
@ServiceTest
class AllocationIsolationIT {

    private static final String ALLOCATIONS = "/api/billing/v1/tenants/{t}/allocations";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    final String financeA = issuer.user(A, "finance-officer").subject("finance-530402").bearer();
    final String financeB = issuer.user(B, "finance-officer").bearer();
    final String auditorB = issuer.user(B, "auditor").bearer();

    @BeforeEach
    void tenants(@Autowired TenantProvisioner provisioner) {
        BillingTenants.activate(provisioner, CITY, A, B);
    }

    @Test
    void anAllocationOfOneDistrictIsInvisibleUnchangeableAndUndeletableFromAnother() throws Exception {
        String id = create(A, financeA, anAllocation().json());
        mvc.perform(post(ALLOCATIONS + "/{id}/amendments", A, id).header("Authorization", financeA)
                .contentType(MediaType.APPLICATION_JSON).content(anAmendment().json()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.currentAmount").value("1500000.00"));

        for (String caller : List.of(financeB, auditorB)) {
            mvc.perform(get(ALLOCATIONS, B).header("Authorization", caller))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0))
                    .andExpect(jsonPath("$.items").isEmpty());
            mvc.perform(get(ALLOCATIONS + "/{id}", B, id).header("Authorization", caller))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("allocation-not-found"));
        }
        mvc.perform(post(ALLOCATIONS + "/{id}/amendments", B, id).header("Authorization", financeB)
                .contentType(MediaType.APPLICATION_JSON).content(anAmendment().with("newAmount", "1.00").json()))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("allocation-not-found"));
        // There is no way to change or delete an allocation at all, in any tenant.
        mvc.perform(delete(ALLOCATIONS + "/{id}", B, id).header("Authorization", financeB))
                .andExpect(status().isMethodNotAllowed()).andExpect(jsonPath("$.code").value("method-not-allowed"));
        mvc.perform(put(ALLOCATIONS + "/{id}", B, id).header("Authorization", financeB)
                .contentType(MediaType.APPLICATION_JSON).content(anAllocation().json()))
                .andExpect(status().isMethodNotAllowed());
        mvc.perform(delete(ALLOCATIONS + "/{id}", A, id).header("Authorization", financeA))
                .andExpect(status().isMethodNotAllowed());

        // B's users naming A's tenant are refused before any query runs.
        mvc.perform(get(ALLOCATIONS + "/{id}", A, id).header("Authorization", financeB))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
        mvc.perform(get(ALLOCATIONS, A).header("Authorization", auditorB))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
        mvc.perform(post(ALLOCATIONS + "/{id}/amendments", A, id).header("Authorization", financeB)
                .contentType(MediaType.APPLICATION_JSON).content(anAmendment().with("newAmount", "1.00").json()))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
        mvc.perform(delete(ALLOCATIONS + "/{id}", A, id).header("Authorization", financeB))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("tenant-out-of-scope"));

        assertThat(schemasHolding(id)).containsExactly("t_530402");
        assertThat(jdbc.queryForObject("select current_amount from t_530402.allocation where id = ?::uuid",
                BigDecimal.class, id)).isEqualByComparingTo("1500000.00");
        assertThat(jdbc.queryForObject("select count(*) from t_530402.allocation_amendment where allocation_id = ?::uuid",
                Long.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from t_530423.allocation", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from t_530423.allocation_amendment", Long.class)).isZero();

        mvc.perform(get(ALLOCATIONS + "/{id}", A, id).header("Authorization", financeA))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenant").value(A))
                .andExpect(jsonPath("$.originalAmount").value("1200000.00"))
                .andExpect(jsonPath("$.currentAmount").value("1500000.00"))
                .andExpect(jsonPath("$.createdBy").value("finance-530402"))
                .andExpect(jsonPath("$.amendments.length()").value(1))
                .andExpect(jsonPath("$.amendments[0].sequence").value(1))
                .andExpect(jsonPath("$.amendments[0].previousAmount").value("1200000.00"))
                .andExpect(jsonPath("$.amendments[0].newAmount").value("1500000.00"))
                .andExpect(jsonPath("$.amendments[0].documentNumber").value("玉民发〔2025〕31号"));
    }

    @Test
    void aCityOwnsItsMunicipalFundApartFromItsDistricts() throws Exception {
        String cityFinance = issuer.user(CITY, "finance-officer").bearer();
        String id = create(CITY, cityFinance, anAllocation().with("documentNumber", "玉民发〔2025〕7号").json());

        mvc.perform(get(ALLOCATIONS + "/{id}", CITY, id).header("Authorization", cityFinance))
                .andExpect(status().isOk()).andExpect(jsonPath("$.tenant").value(CITY));
        // The city's user acting in a district sees the district's data, not the city's.
        mvc.perform(get(ALLOCATIONS + "/{id}", A, id).header("Authorization", cityFinance))
                .andExpect(status().isNotFound());
        // A district's user cannot act on its city at all.
        mvc.perform(get(ALLOCATIONS + "/{id}", CITY, id).header("Authorization", financeA))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
        assertThat(schemasHolding(id)).containsExactly("t_530400");
    }

    @Test
    void fundRecordsAreAppendOnlyInTheDatabaseToo() throws Exception {
        String id = create(A, financeA, anAllocation().json());
        mvc.perform(post(ALLOCATIONS + "/{id}/amendments", A, id).header("Authorization", financeA)
                .contentType(MediaType.APPLICATION_JSON).content(anAmendment().json()))
                .andExpect(status().isCreated());

        assertThatThrownBy(() -> jdbc.update(
                "update t_530402.allocation_amendment set new_amount = 1 where allocation_id = ?::uuid", id))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update(
                "delete from t_530402.allocation_amendment where allocation_id = ?::uuid", id))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("delete from t_530402.allocation where id = ?::uuid", id))
                .hasMessageContaining("append-only");
    }

    private String create(String tenant, String bearer, String body) throws Exception {
        String created = mvc.perform(post(ALLOCATIONS, tenant).header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(created, "$.id");
    }

    /** Every schema of the database that has an allocation table and holds the row. */
    private List<String> schemasHolding(String id) {
        List<String> schemas = jdbc.queryForList(
                "select table_schema from information_schema.tables where table_name = 'allocation' order by 1",
                String.class);
        assertThat(schemas).contains("t_530400", "t_530402", "t_530423");
        return schemas.stream().filter(schema -> jdbc.queryForObject(
                "select count(*) from \"" + schema + "\".allocation where id = ?::uuid", Long.class, id) > 0)
                .toList();
    }
}
