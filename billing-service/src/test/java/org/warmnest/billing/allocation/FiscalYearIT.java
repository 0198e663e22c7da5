package org.warmnest.billing.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.BillingFixtures.T;
import static org.warmnest.billing.BillingFixtures.body;
import static org.warmnest.billing.BillingFixtures.read;
import static org.warmnest.billing.BillingFixtures.send;
import static org.warmnest.billing.BillingFixtures.today;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.billing.BillingFixtures;
import org.warmnest.billing.NeighbourStub;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Year-end close in a tenant of its own (峨山县, 530427): unspent money carries over to next year's line or goes
 * back to the fund by the allocation's rule, money unspent two years running is recalled, contracts keep what they
 * committed, and a year is closed once, after it ended.
 */
@ServiceTest
class FiscalYearIT {

    static final String D = "530427";
    static final UUID PROGRAM = UUID.fromString("53000000-0000-0000-0000-0000000000a1");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    final String finance = issuer.user(D, "finance-officer").subject("fy-finance").claim("name", "钱会计").bearer();

    String allocation(int year, String rule, String amount) throws Exception {
        Map<String, Object> a = new HashMap<>(Map.of("source", "MUNICIPAL_LOTTERY", "fiscalYear", year,
                "documentNumber", "峨民发〔" + year + "〕" + UUID.randomUUID().toString().substring(0, 4) + "号",
                "purpose", "困难老人关爱", "amount", amount));
        if (rule != null) {
            a.put("yearEndRule", rule);
        }
        return JsonPath.read(body(send(mvc, T + "/allocations", finance, a, D).andExpect(status().isCreated())), "$.id");
    }

    String line(String allocation, String amount) throws Exception {
        return JsonPath.read(body(send(mvc, T + "/allocations/{id}/lines", finance, Map.of("phase", 1, "districtCode", D,
                "name", "一期", "amount", amount), D, allocation).andExpect(status().isCreated())), "$.id");
    }

    @Test
    void unspentMoneyCarriesOverOrGoesBackAndAYearIsClosedOnce(@Autowired TenantProvisioner provisioner)
            throws Exception {
        BillingFixtures.activate(provisioner, D);
        int y = today().getYear() - 2;
        String carried = allocation(y, null, "1000.00");
        String carriedLine = line(carried, "700.00");
        String returned = allocation(y, "RETURN", "500.00");
        line(returned, "100.00");
        // a contract commits 200 of the carried line; that stays with the contract
        UUID contractor = UUID.randomUUID();
        NeighbourStub.contractor(contractor, "52530427MJ0000009X", "峨山县夕阳红服务中心");
        NeighbourStub.engaged(D, contractor, PROGRAM, "2020-01-01");
        String contract = BillingFixtures.signed(mvc, issuer.user(D, "bureau-admin").bearer(), finance, D,
                BillingFixtures.contract("ES-" + UUID.randomUUID(), contractor, "52530427MJ0000009X", PROGRAM, D,
                        List.of(D), "200.00", today().minusDays(10), null), today().minusDays(5),
                Map.of(carriedLine, "200.00"));

        send(mvc, T + "/fiscal-years/{y}/close", finance, Map.of(), D, today().getYear()).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("fiscal-year-not-ended"));
        String closing = body(send(mvc, T + "/fiscal-years/{y}/close", finance, Map.of(), D, y)
                .andExpect(status().isOk()).andExpect(jsonPath("$.carriedOver").value("500.00"))
                .andExpect(jsonPath("$.returned").value("100.00")));
        String next = ((List<String>) JsonPath.read(closing, "$.lines[?(@.action == 'CARRIED_OVER')].nextLineId")).get(0);
        read(mvc, T + "/budget-lines/{id}", finance, D, next).andExpect(jsonPath("$.fiscalYear").value(y + 1))
                .andExpect(jsonPath("$.available").value("500.00")).andExpect(jsonPath("$.recalledIfUnspent").value(true));
        read(mvc, T + "/budget-lines/{id}", finance, D, carriedLine).andExpect(jsonPath("$.available").value("0.00"))
                .andExpect(jsonPath("$.committed").value("200.00"))
                .andExpect(jsonPath("$.closedAt").isNotEmpty());
        read(mvc, T + "/contracts/{id}", finance, D, contract).andExpect(jsonPath("$.money[0].committed").value("200.00"));
        send(mvc, T + "/fiscal-years/{y}/close", finance, Map.of(), D, y).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("fiscal-year-closed"));
        send(mvc, T + "/budget-lines/{id}/adjustments", finance, Map.of("change", "10.00", "reason", "x"), D, carriedLine)
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("budget-line-closed"));
        // a year later, still unspent: recalled
        send(mvc, T + "/fiscal-years/{y}/close", finance, Map.of(), D, y + 1).andExpect(status().isOk())
                .andExpect(jsonPath("$.carriedOver").value("0.00")).andExpect(jsonPath("$.returned").value("500.00"));
        read(mvc, T + "/fiscal-years/{y}", issuer.user(D, "auditor").bearer(), D, y).andExpect(status().isOk())
                .andExpect(jsonPath("$.returned").value("100.00"))
                .andExpect(jsonPath("$.closedBy").value("fy-finance"))
                .andExpect(jsonPath("$.closedByName").value("钱会计"));
        List<String> kinds = jdbc.queryForList("select kind from t_" + D + ".journal_entry where kind in"
                + " ('CARRY_OVER', 'RETURN') order by seq", String.class);
        assertThat(kinds).containsExactlyInAnyOrder("RETURN", "CARRY_OVER", "RETURN").last().isEqualTo("RETURN");
        read(mvc, T + "/journal/reconciliation", finance, D).andExpect(jsonPath("$.balanced").value(true));
        send(mvc, T + "/fiscal-years/{y}/close", issuer.user(D, "bureau-admin").bearer(), Map.of(), D, y + 2)
                .andExpect(status().isForbidden());
    }
}
