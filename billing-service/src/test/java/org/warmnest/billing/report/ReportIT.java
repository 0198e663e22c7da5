package org.warmnest.billing.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.BillingFixtures.T;
import static org.warmnest.billing.BillingFixtures.body;
import static org.warmnest.billing.BillingFixtures.read;
import static org.warmnest.billing.BillingFixtures.send;
import static org.warmnest.billing.BillingFixtures.today;
import static org.warmnest.billing.NeighbourStub.record;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.billing.BillingFixtures;
import org.warmnest.billing.NeighbourStub;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Finance's reports in a city of their own (保山, 530500, with 隆阳区 and 施甸县): execution per allocation, line,
 * contract and district after one approved claim; cost per beneficiary; drawdown; payment history with the due
 * date; the city's roll-up with a district's own allocation; the XLSX with Chinese headers.
 */
@ServiceTest
class ReportIT {

    static final String CITY = "530500";
    static final String A = "530502";
    static final String B = "530521";
    static final UUID PROGRAM = UUID.fromString("53000000-0000-0000-0000-0000000000b1");

    @Autowired
    MockMvc mvc;

    final TestIssuer issuer = TestIssuer.get();
    final String finance = issuer.user(CITY, "finance-officer").bearer();

    @Test
    void executionCostPerBeneficiaryDrawdownPaymentsAndTheCityRollup(@Autowired TenantProvisioner provisioner)
            throws Exception {
        BillingFixtures.activate(provisioner, CITY, A, B);
        UUID contractor = UUID.randomUUID();
        String uscc = "52530500MJ00000012";
        NeighbourStub.contractor(contractor, uscc, "保山市颐康社会工作服务中心");
        NeighbourStub.engaged(A, contractor, PROGRAM, "2025-01-01");
        NeighbourStub.engaged(B, contractor, PROGRAM, "2025-01-01");
        NeighbourStub.noRecords();
        List<String> lines = BillingFixtures.lines(mvc, finance, CITY, "300000.00", A, B);
        String contract = BillingFixtures.signed(mvc, issuer.user(CITY, "bureau-admin").bearer(), finance, CITY,
                BillingFixtures.contract("BS-" + UUID.randomUUID(), contractor, uscc, PROGRAM, CITY, List.of(A, B),
                        "500000.00", today().minusDays(20), null), today().minusDays(15),
                Map.of(lines.get(0), "250000.00", lines.get(1), "250000.00"));
        String day = today().minusDays(1).toString();
        List<String> inA = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inA.add(record(UUID.randomUUID(), A, contractor, PROGRAM, "WARM_PACK", 1, day, "VERIFIED", true));
        }
        NeighbourStub.records(A, contractor, inA.toArray(String[]::new));
        NeighbourStub.records(B, contractor, record(UUID.randomUUID(), B, contractor, PROGRAM, "WARM_PACK", 1, day,
                "VERIFIED", true));
        String manager = issuer.user(CITY, "contractor-manager").contractor(contractor.toString()).bearer();
        String claim = JsonPath.read(body(send(mvc, T + "/contracts/{id}/claims", manager, Map.of("from",
                today().minusDays(5).toString(), "to", today().toString()), CITY, contract)
                .andExpect(status().isCreated())), "$.id");
        send(mvc, T + "/claims/{id}/submit", manager, Map.of(), CITY, claim).andExpect(status().isOk());
        send(mvc, T + "/claims/{id}/approve", finance, Map.of(), CITY, claim).andExpect(status().isOk());

        // 1,200 approved, 10 % held: 1,080 drawn
        read(mvc, T + "/reports/execution?fiscalYear=" + today().getYear(), finance, CITY).andExpect(status().isOk())
                .andExpect(jsonPath("$.mark").value("彩票公益金资助—中国福利彩票"))
                .andExpect(jsonPath("$.allocations[0].money.allocated").value("1200000.00"))
                .andExpect(jsonPath("$.allocations[0].money.drawn").value("1080.00"))
                .andExpect(jsonPath("$.allocations[0].money.held").value("120.00"))
                .andExpect(jsonPath("$.allocations[0].money.executionRate").value("0.0009"))
                .andExpect(jsonPath("$.contracts[0].money.allocated").value("500000.00"))
                .andExpect(jsonPath("$.contracts[0].money.executionRate").value("0.0022"))
                .andExpect(jsonPath("$.districts[?(@.districtCode == '" + A + "')].money.drawn").value("810.00"))
                .andExpect(jsonPath("$.districts[?(@.districtCode == '" + A + "')].money.executionRate").value("0.0027"))
                .andExpect(jsonPath("$.lines.length()").value(2));
        read(mvc, T + "/reports/beneficiaries", finance, CITY)
                .andExpect(jsonPath("$[?(@.districtCode == '" + A + "')].elders").value(3))
                .andExpect(jsonPath("$[?(@.districtCode == '" + A + "')].costPerElder").value("300.00"));
        read(mvc, T + "/reports/drawdown?from=" + today().minusDays(40) + "&to=" + today(), finance, CITY)
                .andExpect(jsonPath("$[-1].cumulativePaid").value("1080.00"));
        send(mvc, T + "/claims/{id}/payment", finance, Map.of("paidOn", today().toString(), "reference", "BS20261126001"),
                CITY, claim).andExpect(status().isOk()).andExpect(jsonPath("$.paymentLate").value(false));
        read(mvc, T + "/reports/contractors/{c}/payments", manager, CITY, contractor).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].paid").value("1080.00"))
                .andExpect(jsonPath("$[0].dueOn").value(today().plusDays(30).toString()))
                .andExpect(jsonPath("$[0].late").value(false));
        read(mvc, T + "/reports/contractors/{c}/payments", issuer.user(CITY, "contractor-manager")
                .contractor(UUID.randomUUID().toString()).bearer(), CITY, contractor).andExpect(status().isNotFound());
        read(mvc, T + "/reports/execution", manager, CITY).andExpect(status().isForbidden());

        // 隆阳区's own allocation next to what the city set aside for it
        String districtFinance = issuer.user(A, "finance-officer").bearer();
        send(mvc, T + "/allocations", districtFinance, Map.of("source", "GENERAL_BUDGET", "fiscalYear",
                today().getYear(), "documentNumber", "隆民发〔2026〕3号", "purpose", "区级配套", "amount", "50000.00"), A)
                .andExpect(status().isCreated());
        read(mvc, T + "/reports/city-rollup?fiscalYear=" + today().getYear(), finance, CITY).andExpect(status().isOk())
                .andExpect(jsonPath("$.districts[?(@.districtCode == '" + A + "')].fromCity.allocated").value("300000.00"))
                .andExpect(jsonPath("$.districts[?(@.districtCode == '" + A + "')].own.allocated").value("50000.00"))
                .andExpect(jsonPath("$.districts[?(@.districtCode == '" + A + "')].total.allocated").value("350000.00"));
        read(mvc, T + "/reports/city-rollup", districtFinance, A).andExpect(status().isConflict());

        var exported = read(mvc, T + "/reports/execution/export?fiscalYear=" + today().getYear(), finance, CITY)
                .andReturn();
        if (exported.getRequest().isAsyncStarted()) {
            exported = mvc.perform(asyncDispatch(exported)).andExpect(status().isOk()).andReturn();
        }
        byte[] xlsx = exported.getResponse().getContentAsByteArray();
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet allocations = book.getSheet("资金下达");
            assertThat(allocations).isNotNull();
            List<String> headers = new ArrayList<>();
            allocations.getRow(firstRow(allocations)).forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).contains("文号", "下达金额", "已支付", "执行率");
            assertThat(book.getSheet("合同")).isNotNull();
            assertThat(book.getSheet("区县")).isNotNull();
        }
    }

    /** The header row: the first row whose first cell says 文号 or 合同编号 or 区县 (a title row may come first). */
    private static int firstRow(Sheet sheet) {
        for (int i = sheet.getFirstRowNum(); i <= sheet.getLastRowNum(); i++) {
            var row = sheet.getRow(i);
            if (row != null && row.getCell(0) != null && "文号".equals(row.getCell(0).getStringCellValue())) {
                return i;
            }
        }
        return sheet.getFirstRowNum();
    }
}
