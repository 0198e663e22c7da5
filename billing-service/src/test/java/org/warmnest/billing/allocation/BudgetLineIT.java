package org.warmnest.billing.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.allocation.AllocationJson.anAllocation;
import static org.warmnest.billing.allocation.AllocationJson.anAmendment;
import static org.warmnest.billing.allocation.BillingTenants.A;
import static org.warmnest.billing.allocation.BillingTenants.B;
import static org.warmnest.billing.allocation.BillingTenants.CITY;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.json.JsonMapper;

/**
 * A city's allocation split into budget lines for its districts: every yuan moved is a journal entry, nothing is
 * set aside that the allocation does not have (concurrency included), the journal cannot be changed, and the
 * reconciliation proves the kept balances equal the journal.
 */
@ServiceTest
class BudgetLineIT {

    static final String ALLOCATIONS = "/api/billing/v1/tenants/{t}/allocations";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    org.springframework.core.env.Environment environment;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    final String finance = issuer.user(CITY, "finance-officer").bearer();

    @BeforeEach
    void tenants(@Autowired TenantProvisioner provisioner) {
        BillingTenants.activate(provisioner, CITY, A, B);
    }

    ResultActions send(String path, String bearer, Object body, Object... vars) throws Exception {
        return mvc.perform(post(path, vars).header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(body instanceof String s ? s : JSON.writeValueAsString(body)));
    }

    ResultActions read(String path, String bearer, Object... vars) throws Exception {
        return mvc.perform(get(path, vars).header("Authorization", bearer));
    }

    String allocation(String amount) throws Exception {
        return JsonPath.read(send(ALLOCATIONS, finance, anAllocation().with("amount", amount).json(), CITY)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    ResultActions line(String allocation, int phase, String district, String amount) throws Exception {
        return send(ALLOCATIONS + "/{id}/lines", finance,
                Map.of("phase", phase, "districtCode", district, "name", "第" + phase + "期 " + district, "amount", amount),
                CITY, allocation);
    }

    long journalRows() {
        return jdbc.queryForObject("select count(*) from t_" + CITY + ".journal_entry", Long.class);
    }

    void balanced() throws Exception {
        read("/api/billing/v1/tenants/{t}/journal/reconciliation", finance, CITY).andExpect(status().isOk())
                .andExpect(jsonPath("$.balanced").value(true)).andExpect(jsonPath("$.differences.length()").value(0));
    }

    @Test
    void aCityAllocationIsSplitOverItsDistrictsAndEveryYuanIsInTheJournal() throws Exception {
        String id = allocation("1200000.00");
        line(id, 1, A, "300000.00").andExpect(status().isCreated())
                .andExpect(jsonPath("$.allocated").value("300000.00")).andExpect(jsonPath("$.available").value("300000.00"))
                .andExpect(jsonPath("$.committed").value("0.00")).andExpect(jsonPath("$.executionRate").value("0.0000"));
        line(id, 1, B, "200000.50").andExpect(status().isCreated());
        read(ALLOCATIONS + "/{id}/lines", finance, CITY, id).andExpect(status().isOk())
                .andExpect(jsonPath("$.amount").value("1200000.00"))
                .andExpect(jsonPath("$.unbudgeted").value("699999.50"))
                .andExpect(jsonPath("$.lines.length()").value(2))
                .andExpect(jsonPath("$.lines[1].districtCode").value(B));
        // a district of another city, or something that is no district
        line(id, 1, "610104", "1.00").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("district-not-ours"));
        line(id, 1, CITY, "1.00").andExpect(status().isBadRequest());
        line(id, 1, A, "1.00").andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("budget-line-exists"));
        long before = journalRows();
        line(id, 2, A, "699999.51").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("allocation-insufficient-unbudgeted"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("699999.50")));
        assertThat(journalRows()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from t_" + CITY + ".budget_line where allocation_id = ?::uuid",
                Long.class, id)).isEqualTo(2);
        line(id, 2, A, "699999.50").andExpect(status().isCreated());
        read(ALLOCATIONS + "/{id}/lines", finance, CITY, id).andExpect(jsonPath("$.unbudgeted").value("0.00"));
        // the entries: the fund to the allocation, then the allocation to each line
        List<String> kinds = jdbc.queryForList("select kind from t_" + CITY + ".journal_entry where allocation_id ="
                + " ?::uuid order by seq", String.class, id);
        assertThat(kinds).containsExactly("ALLOCATION", "BUDGET", "BUDGET", "BUDGET");
        balanced();
    }

    @Test
    void linesAreAdjustedAndTheAllocationCannotBeCutBelowWhatIsSetAside() throws Exception {
        String id = allocation("500000.00");
        String lineId = JsonPath.read(line(id, 1, A, "400000.00").andExpect(status().isCreated()).andReturn()
                .getResponse().getContentAsString(), "$.id");
        String adjust = "/api/billing/v1/tenants/{t}/budget-lines/{id}/adjustments";
        send(adjust, finance, Map.of("change", "-50000.25", "reason", "调整到第二期"), CITY, lineId)
                .andExpect(status().isOk()).andExpect(jsonPath("$.allocated").value("349999.75"));
        send(adjust, finance, Map.of("change", "-349999.76", "reason", "多调"), CITY, lineId)
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("budget-line-insufficient-available"));
        send(adjust, finance, Map.of("change", "150000.26", "reason", "多调"), CITY, lineId)
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("allocation-insufficient-unbudgeted"));
        send(adjust, finance, Map.of("change", "0", "reason", "无"), CITY, lineId).andExpect(status().isBadRequest());
        // 150,000.25 is not set aside: the allocation may be cut by that much, not a fen more
        send(ALLOCATIONS + "/{id}/amendments", finance, anAmendment().with("newAmount", "349999.74").json(), CITY, id)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("allocation-cut-exceeds-unbudgeted"));
        assertThat(jdbc.queryForObject("select count(*) from t_" + CITY + ".allocation_amendment where allocation_id"
                + " = ?::uuid", Long.class, id)).isZero();
        send(ALLOCATIONS + "/{id}/amendments", finance, anAmendment().with("newAmount", "349999.75").json(), CITY, id)
                .andExpect(status().isCreated());
        read(ALLOCATIONS + "/{id}/lines", finance, CITY, id).andExpect(jsonPath("$.unbudgeted").value("0.00"))
                .andExpect(jsonPath("$.amount").value("349999.75"));
        balanced();
    }

    @Test
    void concurrentLinesNeverSetAsideMoreThanTheAllocationHas() throws Exception {
        String id = allocation("1200000.00");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int phase = 1; phase <= 20; phase++) {
                int p = phase;
                Callable<Integer> call = () -> line(id, p, A, "100000.00").andReturn().getResponse().getStatus();
                results.add(pool.submit(call));
            }
            int created = 0;
            int refused = 0;
            for (Future<Integer> f : results) {
                int s = f.get();
                if (s == 201) {
                    created++;
                } else if (s == 409) {
                    refused++;
                }
            }
            assertThat(created).isEqualTo(12);
            assertThat(refused).isEqualTo(8);
        } finally {
            pool.shutdown();
        }
        read(ALLOCATIONS + "/{id}/lines", finance, CITY, id).andExpect(jsonPath("$.unbudgeted").value("0.00"))
                .andExpect(jsonPath("$.lines.length()").value(12));
        balanced();
    }

    @Test
    void theJournalCannotBeChangedAndATamperedBalanceIsFound() throws Exception {
        String id = allocation("1000.00");
        line(id, 1, A, "600.00").andExpect(status().isCreated());
        String t = "t_" + CITY;
        // the service's requests run as a login that may add to the journal but never change or delete it
        assertThat(jdbc.queryForObject("select current_user", String.class))
                .isEqualTo(environment.getProperty("spring.datasource.username"));
        assertThat(jdbc.queryForObject("select has_table_privilege(?, 'UPDATE') or has_table_privilege(?, 'DELETE')"
                + " or has_table_privilege(?, 'TRUNCATE')", Boolean.class, t + ".journal_entry", t + ".journal_entry",
                t + ".journal_entry")).isFalse();
        assertThat(jdbc.queryForObject("select has_table_privilege('registry.paid_service', 'DELETE')", Boolean.class))
                .isFalse();
        assertThatThrownBy(() -> jdbc.update("update " + t + ".journal_entry set amount = 1 where allocation_id ="
                + " ?::uuid", id)).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("delete from " + t + ".journal_entry where allocation_id = ?::uuid", id))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("update " + t + ".account set balance = -1 where account_key = ?",
                "LINE:" + JsonPath.read(read(ALLOCATIONS + "/{id}/lines", finance, CITY, id).andReturn().getResponse()
                        .getContentAsString(), "$.lines[0].id"))).hasMessageContaining("account_balance_check");
        // a kept balance changed behind the journal's back is reported, to the fen
        jdbc.update("update " + t + ".account set balance = balance + 0.01 where account_key = ?", "POOL:" + id);
        try {
            read("/api/billing/v1/tenants/{t}/journal/reconciliation", issuer.user(CITY, "auditor").bearer(), CITY)
                    .andExpect(jsonPath("$.balanced").value(false))
                    .andExpect(jsonPath("$.differences[0].account").value("POOL:" + id))
                    .andExpect(jsonPath("$.differences[0].kept").value("400.01"))
                    .andExpect(jsonPath("$.differences[0].journal").value("400.00"));
        } finally {
            jdbc.update("update " + t + ".account set balance = balance - 0.01 where account_key = ?", "POOL:" + id);
        }
        balanced();
        String entries = mvc.perform(get("/api/billing/v1/tenants/{t}/journal", CITY).param("allocationId", id)
                .header("Authorization", finance)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat((List<String>) JsonPath.read(entries, "$.items[*].kind")).containsExactly("ALLOCATION", "BUDGET");
        assertThat((List<String>) JsonPath.read(entries, "$.items[*].amount")).containsExactly("1000.00", "600.00");
    }

    @Test
    void onlyFinanceSetsMoneyAsideAndADistrictSeesNoneOfTheCitysLines() throws Exception {
        String id = allocation("1000.00");
        send(ALLOCATIONS + "/{id}/lines", issuer.user(CITY, "bureau-admin").bearer(),
                Map.of("phase", 1, "districtCode", A, "name", "x", "amount", "1.00"), CITY, id)
                .andExpect(status().isForbidden());
        send(ALLOCATIONS + "/{id}/lines", issuer.user(CITY, "auditor").bearer(),
                Map.of("phase", 1, "districtCode", A, "name", "x", "amount", "1.00"), CITY, id)
                .andExpect(status().isForbidden());
        read(ALLOCATIONS + "/{id}/lines", issuer.user(CITY, "bureau-admin").bearer(), CITY, id)
                .andExpect(status().isOk());
        read(ALLOCATIONS + "/{id}/lines", issuer.user(A, "finance-officer").bearer(), A, id)
                .andExpect(status().isNotFound());
        read("/api/billing/v1/tenants/{t}/journal", issuer.user(CITY, "bureau-admin").bearer(), CITY)
                .andExpect(status().isForbidden());
        read("/api/billing/v1/tenants/{t}/journal/reconciliation", issuer.user(B, "finance-officer").bearer(), B)
                .andExpect(status().isOk()).andExpect(jsonPath("$.balanced").value(true));
    }
}
