package org.warmnest.billing.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.BillingFixtures.T;
import static org.warmnest.billing.BillingFixtures.body;
import static org.warmnest.billing.BillingFixtures.read;
import static org.warmnest.billing.BillingFixtures.send;
import static org.warmnest.billing.BillingFixtures.today;
import static org.warmnest.billing.FinanceWorkbooks.assertFinanceWorkbook;
import static org.warmnest.billing.FinanceWorkbooks.export;
import static org.warmnest.billing.FinanceWorkbooks.headers;
import static org.warmnest.billing.FinanceWorkbooks.marked;
import static org.warmnest.billing.FinanceWorkbooks.number;
import static org.warmnest.billing.FinanceWorkbooks.text;
import static org.warmnest.billing.NeighbourStub.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.billing.BillingFixtures;
import org.warmnest.billing.NeighbourStub;
import org.warmnest.platform.tenancy.TenantCode;
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
    final String finance = issuer.user(CITY, "finance-officer").subject("bs-finance").claim("name", "李会计").bearer();

    @Test
    void executionCostPerBeneficiaryDrawdownPaymentsAndTheCityRollup(@Autowired TenantProvisioner provisioner)
            throws Exception {
        BillingFixtures.activate(provisioner, CITY, A, B);
        provisioner.registry().rename(TenantCode.of(CITY), "保山市");
        provisioner.registry().rename(TenantCode.of(A), "隆阳区");
        provisioner.registry().rename(TenantCode.of(B), "施甸县");
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

        // 1,200 approved, 10 % held: 1,080 drawn, none of it paid by the treasury yet
        read(mvc, T + "/reports/execution?fiscalYear=" + today().getYear(), finance, CITY).andExpect(status().isOk())
                .andExpect(jsonPath("$.mark").value("彩票公益金资助—中国福利彩票"))
                .andExpect(jsonPath("$.tenantName").value("保山市"))
                .andExpect(jsonPath("$.allocations[0].source").value("MUNICIPAL_LOTTERY"))
                .andExpect(jsonPath("$.allocations[0].sourceName").value("市级福彩公益金"))
                .andExpect(jsonPath("$.allocations[0].money.allocated").value("1200000.00"))
                .andExpect(jsonPath("$.allocations[0].money.committed").value("500000.00"))
                .andExpect(jsonPath("$.allocations[0].money.drawn").value("1080.00"))
                .andExpect(jsonPath("$.allocations[0].money.paid").value("0.00"))
                .andExpect(jsonPath("$.allocations[0].money.encumbered").value("1080.00"))
                .andExpect(jsonPath("$.contracts[0].status").value("SIGNED"))
                .andExpect(jsonPath("$.contracts[0].statusName").value("已签订"))
                .andExpect(jsonPath("$.lines[?(@.districtCode == '" + A + "')].districtName").value("隆阳区"))
                .andExpect(jsonPath("$.districts[?(@.districtCode == '" + B + "')].districtName").value("施甸县"))
                .andExpect(jsonPath("$.allocations[0].money.held").value("120.00"))
                .andExpect(jsonPath("$.allocations[0].money.executionRate").value("0.0009"))
                .andExpect(jsonPath("$.contracts[0].money.allocated").value("500000.00"))
                .andExpect(jsonPath("$.contracts[0].money.executionRate").value("0.0022"))
                .andExpect(jsonPath("$.districts[?(@.districtCode == '" + A + "')].money.drawn").value("810.00"))
                .andExpect(jsonPath("$.districts[?(@.districtCode == '" + A + "')].money.executionRate").value("0.0027"))
                .andExpect(jsonPath("$.lines.length()").value(2));
        read(mvc, T + "/reports/beneficiaries", finance, CITY)
                .andExpect(jsonPath("$[?(@.districtCode == '" + A + "')].elders").value(3))
                .andExpect(jsonPath("$[?(@.districtCode == '" + A + "')].districtName").value("隆阳区"))
                .andExpect(jsonPath("$[?(@.districtCode == '" + A + "')].approved").value("900.00"))
                .andExpect(jsonPath("$[?(@.districtCode == '" + A + "')].costPerElder").value("300.00"));
        read(mvc, T + "/reports/drawdown?from=" + today().minusDays(40) + "&to=" + today(), finance, CITY)
                .andExpect(jsonPath("$[-1].cumulativeDrawn").value("1080.00"))
                .andExpect(jsonPath("$[-1].cumulativePaid").value("0.00"));
        read(mvc, T + "/reports/contractors/{c}/payments", manager, CITY, contractor)
                .andExpect(jsonPath("$[0].drawn").value("1080.00")).andExpect(jsonPath("$[0].paid").value("0.00"));

        String journal = body(read(mvc, T + "/journal?claimId=" + claim, finance, CITY).andExpect(status().isOk()));
        List<String> drawdowns = JsonPath.read(journal, "$.items[?(@.kind == 'DRAWDOWN')].kindName");
        assertThat(drawdowns).isNotEmpty().containsOnly("拨付");
        assertThat((String) JsonPath.read(journal, "$.items[0].createdByName")).isEqualTo("李会计");

        // recording the treasury's transfer moves 已支付 (and empties 已占用), nothing else
        send(mvc, T + "/claims/{id}/payment", finance, Map.of("paidOn", today().toString(), "reference", "BS20261126001"),
                CITY, claim).andExpect(status().isOk()).andExpect(jsonPath("$.paymentLate").value(false))
                .andExpect(jsonPath("$.paidAmount").value("1080.00"))
                .andExpect(jsonPath("$.paymentRecordedByName").value("李会计"));
        read(mvc, T + "/reports/execution?fiscalYear=" + today().getYear(), finance, CITY)
                .andExpect(jsonPath("$.total.drawn").value("1080.00"))
                .andExpect(jsonPath("$.total.paid").value("1080.00"))
                .andExpect(jsonPath("$.total.encumbered").value("0.00"))
                .andExpect(jsonPath("$.total.executionRate").value("0.0009"))
                .andExpect(jsonPath("$.contracts[0].money.paid").value("1080.00"))
                .andExpect(jsonPath("$.districts[?(@.districtCode == '" + A + "')].money.paid").value("810.00"))
                .andExpect(jsonPath("$.lines[?(@.districtCode == '" + B + "')].money.paid").value("270.00"));
        read(mvc, T + "/reports/drawdown?from=" + today().minusDays(40) + "&to=" + today(), finance, CITY)
                .andExpect(jsonPath("$[-1].cumulativePaid").value("1080.00"));
        String allocation = JsonPath.read(body(read(mvc, T + "/reports/execution", finance, CITY)),
                "$.allocations[0].id");
        read(mvc, T + "/allocations/{id}/lines", finance, CITY, allocation).andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[?(@.districtCode == '" + A + "')].districtName").value("隆阳区"))
                .andExpect(jsonPath("$.lines[?(@.districtCode == '" + A + "')].drawn").value("810.00"))
                .andExpect(jsonPath("$.lines[?(@.districtCode == '" + A + "')].paid").value("810.00"))
                .andExpect(jsonPath("$.lines[?(@.districtCode == '" + A + "')].encumbered").value("0.00"));
        read(mvc, T + "/reports/contractors/{c}/payments", manager, CITY, contractor).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].paid").value("1080.00"))
                .andExpect(jsonPath("$[0].status").value("APPROVED"))
                .andExpect(jsonPath("$[0].statusName").value("已批准"))
                .andExpect(jsonPath("$[0].decidedByName").value("李会计"))
                .andExpect(jsonPath("$[0].mark").value("彩票公益金资助—中国福利彩票"))
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
                .andExpect(jsonPath("$.districts[?(@.districtCode == '" + A + "')].districtName").value("隆阳区"))
                .andExpect(jsonPath("$.districts[?(@.districtCode == '" + A + "')].total.allocated").value("350000.00"));
        read(mvc, T + "/reports/city-rollup", districtFinance, A).andExpect(status().isConflict());
        read(mvc, T + "/reports/city-rollup/export", districtFinance, A).andExpect(status().isConflict());
        try (Workbook book = export(mvc, T + "/reports/city-rollup/export?fiscalYear=" + today().getYear(), finance,
                CITY)) {
            assertFinanceWorkbook(book);
            Sheet fromCity = book.getSheet("市级资金");
            assertThat(marked(fromCity)).isTrue();
            assertThat(text(fromCity, 1, "区县名称")).isEqualTo("隆阳区");
            assertThat(number(fromCity, 1, "下达金额（元）")).isEqualTo(300_000.00);
            assertThat(number(fromCity, 3, "下达金额（元）")).isEqualTo(600_000.00);
            Sheet own = book.getSheet("区县自有资金");
            assertThat(marked(own)).isFalse();
            assertThat(number(own, 1, "下达金额（元）")).isEqualTo(50_000.00);
            Sheet both = book.getSheet("合计");
            assertThat(marked(both)).isTrue();
            assertThat(number(both, 1, "下达金额（元）")).isEqualTo(350_000.00);
            assertThat(number(both, 1, "已支付（元）")).isEqualTo(810.00);
        }

        // 隆阳区 sees what the city's contract spent in it, beside its own allocation
        read(mvc, T + "/reports/execution?fiscalYear=" + today().getYear(), districtFinance, A)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total.allocated").value("50000.00"))
                .andExpect(jsonPath("$.allocations[0].sourceName").value("一般公共预算"))
                .andExpect(jsonPath("$.fromCity.city").value(CITY))
                .andExpect(jsonPath("$.fromCity.cityName").value("保山市"))
                .andExpect(jsonPath("$.fromCity.total.allocated").value("300000.00"))
                .andExpect(jsonPath("$.fromCity.total.drawn").value("810.00"))
                .andExpect(jsonPath("$.fromCity.total.paid").value("810.00"))
                .andExpect(jsonPath("$.fromCity.lines.length()").value(1))
                .andExpect(jsonPath("$.fromCity.lines[0].districtName").value("隆阳区"))
                .andExpect(jsonPath("$.fromCity.contracts[0].contractorName").value("保山市颐康社会工作服务中心"))
                .andExpect(jsonPath("$.fromCity.contracts[0].money.allocated").value("250000.00"))
                .andExpect(jsonPath("$.fromCity.contracts[0].money.drawn").value("810.00"))
                .andExpect(jsonPath("$.fromCity.contracts[0].money.held").value("90.00"))
                .andExpect(jsonPath("$.fromCity.mark").value("彩票公益金资助—中国福利彩票"))
                .andExpect(jsonPath("$.combined.allocated").value("350000.00"))
                .andExpect(jsonPath("$.combined.drawn").value("810.00"))
                .andExpect(jsonPath("$.mark").value("彩票公益金资助—中国福利彩票"));

        try (Workbook book = export(mvc, T + "/reports/execution/export?fiscalYear=" + today().getYear(), finance,
                CITY)) {
            assertFinanceWorkbook(book);
            Sheet allocations = book.getSheet("资金下达");
            assertThat(headers(allocations)).contains("文号", "资金来源", "下达金额（元）", "已承诺（元）", "已拨付（元）",
                    "已支付（元）", "已占用（元）", "质保金（元）", "执行率（%）");
            assertThat(text(allocations, 1, "资金来源")).isEqualTo("市级福彩公益金");
            assertThat(number(allocations, 1, "下达金额（元）")).isEqualTo(1_200_000.00);
            assertThat(number(allocations, 1, "已支付（元）")).isEqualTo(1_080.00);
            assertThat(number(allocations, 1, "执行率（%）")).isEqualTo(0.0009);
            assertThat(allocations.getRow(0).getCell(0).getStringCellValue()).isEqualTo(ReportController.MARK);
            Sheet districts = book.getSheet("区县");
            assertThat(text(districts, 1, "区县名称")).isEqualTo("隆阳区");
            assertThat(text(districts, 2, "区县名称")).isEqualTo("施甸县");
            assertThat(number(districts, 3, "已拨付（元）")).isEqualTo(1_080.00);
            assertThat(number(districts, 3, "指标金额（元）")).isEqualTo(600_000.00);
            assertThat(text(book.getSheet("合同"), 1, "状态")).isEqualTo("已签订");
            assertThat(book.getSheet("市级合同（本区县）")).isNull();
        }
        try (Workbook book = export(mvc, T + "/reports/execution/export?fiscalYear=" + today().getYear(), districtFinance,
                A)) {
            assertFinanceWorkbook(book);
            // its own money is the general budget's: no mark; the city's lottery money spent in it: the mark
            assertThat(marked(book.getSheet("资金下达"))).isFalse();
            Sheet cityContracts = book.getSheet("市级合同（本区县）");
            assertThat(marked(cityContracts)).isTrue();
            assertThat(number(cityContracts, 1, "已拨付（元）")).isEqualTo(810.00);
            assertThat(number(book.getSheet("市级指标（本区县）"), 1, "已支付（元）")).isEqualTo(810.00);
        }
        try (Workbook book = export(mvc, T + "/reports/contractors/{c}/payments/export", manager, CITY, contractor)) {
            assertFinanceWorkbook(book);
            Sheet payments = book.getSheet("结算支付");
            assertThat(marked(payments)).isTrue();
            assertThat(text(payments, 1, "状态")).isEqualTo("已批准");
            assertThat(text(payments, 1, "审批人")).isEqualTo("李会计");
            assertThat(number(payments, 1, "已支付（元）")).isEqualTo(1_080.00);
            assertThat(text(payments, 1, "逾期")).isEqualTo("否");
        }
    }

    /** A city whose only money is the general budget's: its reports carry no lottery mark anywhere. */
    @Test
    void reportsOfOtherMoneyCarryNoLotteryMark(@Autowired TenantProvisioner provisioner) throws Exception {
        String city = "530700";
        BillingFixtures.activate(provisioner, city);
        String officer = issuer.user(city, "finance-officer").subject("lj-finance").claim("name", "周会计").bearer();
        send(mvc, T + "/allocations", officer, Map.of("source", "GENERAL_BUDGET", "fiscalYear", today().getYear(),
                "documentNumber", "丽财社〔2026〕8号", "purpose", "居家养老服务补助", "amount", "80000.00"), city)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.sourceName").value("一般公共预算"))
                .andExpect(jsonPath("$.yearEndRuleName").value("结转"))
                .andExpect(jsonPath("$.createdBy").value("lj-finance"))
                .andExpect(jsonPath("$.createdByName").value("周会计"));
        read(mvc, T + "/journal", officer, city).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].kind").value("ALLOCATION"))
                .andExpect(jsonPath("$.items[0].kindName").value("资金下达"))
                .andExpect(jsonPath("$.items[0].createdByName").value("周会计"));
        read(mvc, T + "/reports/execution", officer, city).andExpect(status().isOk())
                .andExpect(jsonPath("$.mark").doesNotExist())
                .andExpect(jsonPath("$.allocations[0].sourceName").value("一般公共预算"));
        try (Workbook book = export(mvc, T + "/reports/execution/export", officer, city)) {
            assertFinanceWorkbook(book);
            for (Sheet sheet : book) {
                assertThat(marked(sheet)).as(sheet.getSheetName()).isFalse();
            }
            assertThat(number(book.getSheet("资金下达"), 1, "下达金额（元）")).isEqualTo(80_000.00);
        }
    }

}
