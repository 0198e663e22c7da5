package org.warmnest.billing.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.BillingFixtures.T;
import static org.warmnest.billing.BillingFixtures.body;
import static org.warmnest.billing.BillingFixtures.read;
import static org.warmnest.billing.BillingFixtures.send;
import static org.warmnest.billing.BillingFixtures.today;
import static org.warmnest.billing.NeighbourStub.record;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.billing.BillingFixtures;
import org.warmnest.billing.FinanceWorkbooks;
import org.warmnest.billing.NeighbourStub;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Claims priced from care-service's records (WireMock): what is excluded and why, approval by someone other than
 * the submitter drawing down the contract with the holdback kept, each record paid at most once, care-service
 * down, slow or answering with another's records, and 100 approvals competing for a commitment that covers 30.
 */
@ServiceTest
class ClaimIT {

    static final String CITY = "530400";
    static final String A = "530402";
    static final String B = "530423";
    static final String C = "530424";
    static final UUID PROGRAM = UUID.fromString("53000000-0000-0000-0000-0000000000a1");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    final String finance = issuer.user(CITY, "finance-officer").subject("finance-1").bearer();
    final String bureau = issuer.user(CITY, "bureau-admin").bearer();
    UUID contractor;
    String uscc;
    String manager;

    @BeforeEach
    void setUp(@Autowired TenantProvisioner provisioner) {
        BillingFixtures.activate(provisioner, CITY, A, B, C);
        provisioner.registry().rename(TenantCode.of(A), "红塔区");
        contractor = UUID.randomUUID();
        uscc = "5253040" + String.format("%011d", Math.abs(contractor.getLeastSignificantBits() % 100_000_000_000L));
        NeighbourStub.contractor(contractor, uscc, "玉溪市红塔区暖阳社会工作服务中心");
        NeighbourStub.engaged(A, contractor, PROGRAM, "2025-01-01");
        NeighbourStub.engaged(B, contractor, PROGRAM, "2025-01-01");
        NeighbourStub.noRecords();
        manager = issuer.user(CITY, "contractor-manager").contractor(contractor.toString()).bearer();
    }

    /** A contract for A and B from {@code start}, committing the given amount on each district's line. */
    String contract(LocalDate start, String perDistrict, Integer warmPackCap) throws Exception {
        List<String> lines = BillingFixtures.lines(mvc, finance, CITY, "300000.00", A, B);
        String value = new java.math.BigDecimal(perDistrict).multiply(java.math.BigDecimal.valueOf(2)).toPlainString();
        return BillingFixtures.signed(mvc, bureau, finance, CITY, BillingFixtures.contract("YX-" + UUID.randomUUID(),
                contractor, uscc, PROGRAM, CITY, List.of(A, B), value, start, warmPackCap), start,
                Map.of(lines.get(0), perDistrict, lines.get(1), perDistrict));
    }

    String rec(String district, String item, int quantity, String status, boolean enrolled) {
        return record(UUID.randomUUID(), district, contractor, PROGRAM, item, quantity, today().minusDays(1).toString(),
                status, enrolled);
    }

    /** A verified warm pack or other service in 红塔区, delivered the given days ago. */
    String on(int daysAgo, String item, int quantity) {
        return record(UUID.randomUUID(), A, contractor, PROGRAM, item, quantity, today().minusDays(daysAgo).toString(),
                "VERIFIED", true);
    }

    String open(String contract, LocalDate from, LocalDate to) throws Exception {
        return JsonPath.read(body(send(mvc, T + "/contracts/{id}/claims", manager, Map.of("from", from.toString(),
                "to", to.toString()), CITY, contract).andExpect(status().isCreated())), "$.id");
    }

    long claims(String contract) {
        return jdbc.queryForObject("select count(*) from t_" + CITY + ".claim where contract_id = ?::uuid", Long.class,
                contract);
    }

    @Test
    void aClaimIsPricedWithItsExclusionsApprovedByAnotherAndDrawsDownWithTheHoldbackKept() throws Exception {
        String contract = contract(today().minusDays(20), "250000.00", null);
        NeighbourStub.records(A, contractor, rec(A, "WARM_PACK", 1, "VERIFIED", true),
                rec(A, "WARM_PACK", 1, "VERIFIED", true), rec(A, "WARM_PACK", 1, "VERIFIED", true),
                rec(A, "HEALTH_CHECK", 1, "VERIFIED", true), rec(A, "WARM_PACK", 1, "RECORDED", true),
                rec(A, "WARM_PACK", 1, "VERIFIED", false), rec(A, "COMPANIONSHIP", 1, "VERIFIED", true));
        NeighbourStub.records(B, contractor, rec(B, "WARM_PACK", 1, "VERIFIED", true));
        NeighbourStub.records(C, contractor, rec(C, "WARM_PACK", 1, "VERIFIED", true));
        String claim = open(contract, today().minusDays(10), today());
        read(mvc, T + "/claims/{id}", manager, CITY, claim).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DRAFT")).andExpect(jsonPath("$.claimedAmount").value("1250.00"))
                .andExpect(jsonPath("$.includedLines").value(5)).andExpect(jsonPath("$.excludedLines").value(4))
                .andExpect(jsonPath("$.byExclusion[?(@.exclusion == 'UNVERIFIED')].lines").value(1))
                .andExpect(jsonPath("$.byExclusion[?(@.exclusion == 'NOT_ENROLLED')].lines").value(1))
                .andExpect(jsonPath("$.byExclusion[?(@.exclusion == 'NOT_PRICED')].lines").value(1))
                .andExpect(jsonPath("$.byExclusion[?(@.exclusion == 'OUTSIDE_DISTRICTS')].lines").value(1));
        String excluded = body(read(mvc, T + "/claims/{id}/lines?exclusion=OUTSIDE_DISTRICTS", manager, CITY, claim)
                .andExpect(status().isOk()));
        assertThat((List<String>) JsonPath.read(excluded, "$.items[*].district")).containsExactly(C);
        assertThat((List<String>) JsonPath.read(body(read(mvc, T + "/claims/{id}/lines?included=true", manager, CITY,
                claim)), "$.items[?(@.district == '" + A + "')].districtName")).isNotEmpty().containsOnly("红塔区");
        send(mvc, T + "/claims/{id}/approve", finance, Map.of(), CITY, claim).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("claim-not-submitted"));
        send(mvc, T + "/claims/{id}/submit", manager, Map.of(), CITY, claim).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SUBMITTED"));
        send(mvc, T + "/claims/{id}/approve", finance, Map.of("note", "核验无误"), CITY, claim)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.approvedAmount").value("1250.00"))
                // 10 % per district, to the fen: 红塔区 950 → 95.00, 通海县 300 → 30.00
                .andExpect(jsonPath("$.holdbackAmount").value("125.00"))
                .andExpect(jsonPath("$.drawnAmount").value("1125.00"))
                .andExpect(jsonPath("$.paymentDueOn").value(today().plusDays(30).toString()));
        read(mvc, T + "/contracts/{id}", finance, CITY, contract)
                .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].drawn").value("855.00"))
                .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].held").value("95.00"))
                .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].undrawn").value("249050.00"))
                .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].committed").value("250000.00"))
                .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].paid").value("0.00"))
                .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].encumbered").value("855.00"));
        read(mvc, T + "/claims/{id}", finance, CITY, claim).andExpect(jsonPath("$.paidAmount").value("0.00"));
        // the treasury's transfer recorded: 已支付 moves, 已占用 empties
        send(mvc, T + "/claims/{id}/payment", finance, Map.of("paidOn", today().toString(), "reference", "YX-T-0001"),
                CITY, claim).andExpect(status().isOk()).andExpect(jsonPath("$.paidAmount").value("1125.00"))
                .andExpect(jsonPath("$.drawnAmount").value("1125.00"));
        read(mvc, T + "/contracts/{id}", finance, CITY, contract)
                .andExpect(jsonPath("$.statusName").value("已签订"))
                .andExpect(jsonPath("$.districtNames[0]").value("红塔区"))
                .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].districtName").value("红塔区"))
                .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].paid").value("855.00"))
                .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].encumbered").value("0.00"))
                .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].drawn").value("855.00"));
        read(mvc, T + "/journal/reconciliation", finance, CITY).andExpect(jsonPath("$.balanced").value(true));
        // the same period again: what was paid is excluded, nothing is payable
        String again = open(contract, today().minusDays(10), today());
        read(mvc, T + "/claims/{id}", manager, CITY, again).andExpect(jsonPath("$.includedLines").value(0))
                .andExpect(jsonPath("$.byExclusion[?(@.exclusion == 'ALREADY_PAID')].lines").value(5));
        send(mvc, T + "/claims/{id}/submit", manager, Map.of(), CITY, again).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("claim-empty"));
        assertThat(jdbc.queryForObject("select count(*) from registry.paid_service where claim_id = ?::uuid",
                Long.class, claim)).isEqualTo(5);
    }

    @Test
    void partOfAClaimIsRejectedWithItsReasonAndMayBeClaimedAgainAndCapsHold() throws Exception {
        String contract = contract(today().minusDays(20), "250000.00", 3);
        // caps are consumed in the order services were delivered
        NeighbourStub.records(A, contractor, on(3, "WARM_PACK", 1), on(2, "WARM_PACK", 2), on(1, "WARM_PACK", 1),
                rec(A, "HEALTH_CHECK", 1, "VERIFIED", true));
        String claim = open(contract, today().minusDays(10), today());
        // the cap of 3 warm packs: 1 + 2, then the third record is over
        read(mvc, T + "/claims/{id}", manager, CITY, claim).andExpect(jsonPath("$.claimedAmount").value("950.00"))
                .andExpect(jsonPath("$.byExclusion[?(@.exclusion == 'OVER_CAP')].lines").value(1));
        send(mvc, T + "/claims/{id}/submit", manager, Map.of(), CITY, claim).andExpect(status().isOk());
        String lines = body(read(mvc, T + "/claims/{id}/lines?included=true", finance, CITY, claim));
        String healthCheck = ((List<String>) JsonPath.read(lines, "$.items[?(@.serviceItem == 'HEALTH_CHECK')].id")).get(0);
        send(mvc, T + "/claims/{id}/approve", finance, Map.of("rejectedLines", List.of(Map.of("lineId", UUID.randomUUID()
                .toString(), "reason", "x"))), CITY, claim).andExpect(status().isBadRequest());
        send(mvc, T + "/claims/{id}/approve", finance, Map.of("rejectedLines", List.of(Map.of("lineId", healthCheck,
                "reason", "体检记录缺少签字"))), CITY, claim).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PARTLY_APPROVED"))
                .andExpect(jsonPath("$.approvedAmount").value("900.00"));
        String again = open(contract, today().minusDays(10), today());
        read(mvc, T + "/claims/{id}", manager, CITY, again).andExpect(jsonPath("$.claimedAmount").value("50.00"))
                .andExpect(jsonPath("$.byExclusion[?(@.exclusion == 'ALREADY_PAID')].lines").value(2))
                .andExpect(jsonPath("$.byExclusion[?(@.exclusion == 'OVER_CAP')].lines").value(1));
    }

    @Test
    void aRejectedClaimKeepsWhoRefusedItWhenAndWhyAndPeopleGoByTheirNames() throws Exception {
        String contract = contract(today().minusDays(20), "250000.00", null);
        NeighbourStub.records(A, contractor, rec(A, "WARM_PACK", 1, "VERIFIED", true),
                rec(A, "WARM_PACK", 1, "RECORDED", true));
        String named = issuer.user(CITY, "contractor-manager").contractor(contractor.toString()).subject("mgr-7")
                .claim("name", "王经理").bearer();
        String claim = JsonPath.read(body(send(mvc, T + "/contracts/{id}/claims", named, Map.of("from",
                today().minusDays(3).toString(), "to", today().toString()), CITY, contract)
                .andExpect(status().isCreated())), "$.id");
        send(mvc, T + "/claims/{id}/submit", named, Map.of(), CITY, claim).andExpect(status().isOk())
                .andExpect(jsonPath("$.statusName").value("已提交"));
        String officer = issuer.user(CITY, "finance-officer").subject("finance-9").claim("name", "赵会计").bearer();
        send(mvc, T + "/claims/{id}/reject", officer, Map.of("note", "服务记录与签到时间不符"), CITY, claim)
                .andExpect(status().isOk());
        read(mvc, T + "/claims/{id}", issuer.user(CITY, "auditor").bearer(), CITY, claim).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.statusName").value("已驳回"))
                .andExpect(jsonPath("$.rejection.by").value("finance-9"))
                .andExpect(jsonPath("$.rejection.byName").value("赵会计"))
                .andExpect(jsonPath("$.rejection.at").isNotEmpty())
                .andExpect(jsonPath("$.rejection.reason").value("服务记录与签到时间不符"))
                .andExpect(jsonPath("$.decidedBy").value("finance-9"))
                .andExpect(jsonPath("$.openedBy").value("mgr-7"))
                .andExpect(jsonPath("$.openedByName").value("王经理"))
                .andExpect(jsonPath("$.submittedByName").value("王经理"))
                .andExpect(jsonPath("$.paidAmount").value("0.00"))
                .andExpect(jsonPath("$.byExclusion[?(@.exclusion == 'INCLUDED')].exclusionName").value("计入结算"))
                .andExpect(jsonPath("$.byExclusion[?(@.exclusion == 'UNVERIFIED')].exclusionName").value("未审核"));
        read(mvc, T + "/claims/{id}/lines?included=true", officer, CITY, claim)
                .andExpect(jsonPath("$.items[0].decision").value("REJECTED"))
                .andExpect(jsonPath("$.items[0].decisionName").value("驳回"))
                .andExpect(jsonPath("$.items[0].serviceItemName").value("暖心包发放"))
                .andExpect(jsonPath("$.items[0].rejectionReason").value("服务记录与签到时间不符"));
        try (Workbook book = FinanceWorkbooks.export(mvc, T + "/claims/{id}/export", officer, CITY, claim)) {
            FinanceWorkbooks.assertFinanceWorkbook(book);
            Sheet header = book.getSheet("结算申请");
            assertThat(FinanceWorkbooks.marked(header)).isTrue();
            assertThat(FinanceWorkbooks.text(header, 1, "状态")).isEqualTo("已驳回");
            assertThat(FinanceWorkbooks.number(header, 1, "申请金额（元）")).isEqualTo(300.00);
            Sheet lines = book.getSheet("结算明细");
            assertThat(FinanceWorkbooks.text(lines, 1, "服务项目")).isEqualTo("暖心包发放");
            assertThat(List.of(FinanceWorkbooks.text(lines, 1, "计入情况"), FinanceWorkbooks.text(lines, 2, "计入情况")))
                    .containsExactlyInAnyOrder("计入结算", "未审核");
            Sheet steps = book.getSheet("审批记录");
            assertThat(FinanceWorkbooks.marked(steps)).isFalse();
            assertThat(FinanceWorkbooks.text(steps, 1, "人员")).isEqualTo("王经理");
            assertThat(FinanceWorkbooks.text(steps, 3, "事项")).isEqualTo("驳回");
            assertThat(FinanceWorkbooks.text(steps, 3, "人员")).isEqualTo("赵会计");
            assertThat(FinanceWorkbooks.text(steps, 3, "说明")).isEqualTo("服务记录与签到时间不符");
        }
        // a claim decided before names were kept shows the subject
        jdbc.update("update t_" + CITY + ".claim set decided_by_name = null, opened_by_name = null where id = ?::uuid",
                claim);
        read(mvc, T + "/claims/{id}", officer, CITY, claim)
                .andExpect(jsonPath("$.rejection.byName").value("finance-9"))
                .andExpect(jsonPath("$.openedByName").value("mgr-7"));
    }

    @Test
    void anApprovalTheMoneyCannotCarryIsRefusedAndLeavesItsRecordOnTheClaim() throws Exception {
        String contract = contract(today().minusDays(20), "300.00", null);
        NeighbourStub.records(A, contractor, rec(A, "WARM_PACK", 1, "VERIFIED", true),
                rec(A, "WARM_PACK", 1, "VERIFIED", true));
        String claim = open(contract, today().minusDays(3), today());
        send(mvc, T + "/claims/{id}/submit", manager, Map.of(), CITY, claim).andExpect(status().isOk());
        String officer = issuer.user(CITY, "finance-officer").subject("finance-5").claim("name", "孙会计").bearer();
        send(mvc, T + "/claims/{id}/approve", officer, Map.of("note", "同意"), CITY, claim)
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("contract-commitment-exhausted"));
        read(mvc, T + "/claims/{id}", finance, CITY, claim).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SUBMITTED"))
                .andExpect(jsonPath("$.refusedApprovals.length()").value(1))
                .andExpect(jsonPath("$.refusedApprovals[0].by").value("finance-5"))
                .andExpect(jsonPath("$.refusedApprovals[0].byName").value("孙会计"))
                .andExpect(jsonPath("$.refusedApprovals[0].at").isNotEmpty())
                .andExpect(jsonPath("$.refusedApprovals[0].code").value("contract-commitment-exhausted"))
                .andExpect(jsonPath("$.refusedApprovals[0].reason").value(org.hamcrest.Matchers.containsString(
                        "600.00")));
        try (Workbook book = FinanceWorkbooks.export(mvc, T + "/claims/{id}/export", finance, CITY, claim)) {
            FinanceWorkbooks.assertFinanceWorkbook(book);
            Sheet steps = book.getSheet("审批记录");
            assertThat(FinanceWorkbooks.text(steps, 3, "事项")).isEqualTo("批准未成功");
            assertThat(FinanceWorkbooks.text(steps, 3, "人员")).isEqualTo("孙会计");
            assertThat(FinanceWorkbooks.text(steps, 3, "说明")).contains("600.00");
        }
        // an officer who may not decide it leaves nothing
        send(mvc, T + "/claims/{id}/approve", manager, Map.of(), CITY, claim).andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select count(*) from t_" + CITY + ".claim_refusal where claim_id = ?::uuid",
                Long.class, claim)).isEqualTo(1);
    }

    @Test
    void nobodyDecidesTheirOwnClaimAndTwoOfficersDecidingAtOnceDecideOnce() throws Exception {
        String contract = contract(today().minusDays(20), "250000.00", null);
        NeighbourStub.records(A, contractor, rec(A, "WARM_PACK", 1, "VERIFIED", true));
        String both = issuer.user(CITY, "contractor-manager", "finance-officer").contractor(contractor.toString())
                .subject("wears-two-hats").bearer();
        String claim = JsonPath.read(body(send(mvc, T + "/contracts/{id}/claims", both, Map.of("from",
                today().minusDays(3).toString(), "to", today().toString()), CITY, contract)
                .andExpect(status().isCreated())), "$.id");
        send(mvc, T + "/claims/{id}/submit", both, Map.of(), CITY, claim).andExpect(status().isOk());
        send(mvc, T + "/claims/{id}/approve", both, Map.of(), CITY, claim).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("claim-own-submission"));
        send(mvc, T + "/claims/{id}/approve", manager, Map.of(), CITY, claim).andExpect(status().isForbidden());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String officer : List.of(finance, issuer.user(CITY, "finance-officer").subject("finance-2").bearer())) {
                Callable<Integer> call = () -> send(mvc, T + "/claims/{id}/approve", officer, Map.of(), CITY, claim)
                        .andReturn().getResponse().getStatus();
                results.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForObject("select count(*) from registry.paid_service where claim_id = ?::uuid",
                Long.class, claim)).isEqualTo(1);
    }

    @Test
    void careServiceDownSlowOrListingAnothersRecordsWritesNothing() throws Exception {
        String contract = contract(today().minusDays(20), "250000.00", null);
        Map<String, String> period = Map.of("from", today().minusDays(3).toString(), "to", today().toString());
        NeighbourStub.recordsDown(A, contractor);
        send(mvc, T + "/contracts/{id}/claims", manager, period, CITY, contract)
                .andExpect(status().isServiceUnavailable()).andExpect(jsonPath("$.code").value("care-records-unavailable"));
        NeighbourStub.recordsSlow(A, contractor, 3000);
        send(mvc, T + "/contracts/{id}/claims", manager, period, CITY, contract)
                .andExpect(status().isServiceUnavailable()).andExpect(jsonPath("$.code").value("care-records-unavailable"));
        // another contractor's record, then a record of another district, in the answer for district A
        NeighbourStub.recordsFrom(A, contractor, period.get("from"),
                record(UUID.randomUUID(), A, UUID.randomUUID(), PROGRAM, "WARM_PACK", 1, today().toString(), "VERIFIED",
                        true));
        send(mvc, T + "/contracts/{id}/claims", manager, period, CITY, contract).andExpect(status().isBadGateway())
                .andExpect(jsonPath("$.code").value("care-records-foreign"));
        NeighbourStub.recordsFrom(A, contractor, period.get("from"),
                record(UUID.randomUUID(), "610104", contractor, PROGRAM, "WARM_PACK", 1, today().toString(), "VERIFIED",
                        true));
        send(mvc, T + "/contracts/{id}/claims", manager, period, CITY, contract).andExpect(status().isBadGateway());
        assertThat(claims(contract)).isZero();
    }

    @Test
    void contractorsClaimOnlyOnTheirOwnContractsAndOthersSeeNone() throws Exception {
        String contract = contract(today().minusDays(20), "250000.00", null);
        NeighbourStub.records(A, contractor, rec(A, "WARM_PACK", 1, "VERIFIED", true));
        String claim = open(contract, today().minusDays(3), today());
        String other = issuer.user(CITY, "contractor-manager").contractor(UUID.randomUUID().toString()).bearer();
        send(mvc, T + "/contracts/{id}/claims", other, Map.of("from", today().minusDays(3).toString(), "to",
                today().toString()), CITY, contract).andExpect(status().isNotFound());
        read(mvc, T + "/claims/{id}", other, CITY, claim).andExpect(status().isNotFound());
        send(mvc, T + "/claims/{id}/submit", other, Map.of(), CITY, claim).andExpect(status().isNotFound());
        assertThat((List<String>) JsonPath.read(body(read(mvc, T + "/claims", other, CITY)), "$.items[*].id"))
                .doesNotContain(claim);
        read(mvc, T + "/claims/{id}", issuer.user(A, "finance-officer").bearer(), A, claim)
                .andExpect(status().isNotFound());
        read(mvc, T + "/claims/{id}", issuer.user(CITY, "auditor").bearer(), CITY, claim).andExpect(status().isOk());
        send(mvc, T + "/claims/{id}/reject", issuer.user(CITY, "auditor").bearer(), Map.of("note", "x"), CITY, claim)
                .andExpect(status().isForbidden());
        send(mvc, T + "/contracts/{id}/claims", manager, Map.of("from", today().minusDays(40).toString(), "to",
                today().toString()), CITY, contract).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("period-outside-term"));
    }

    @Test
    void aHundredApprovalsCompetingForACommitmentThatCoversThirtyPayExactlyThirty() throws Exception {
        LocalDate start = today().minusDays(110);
        // 4,500 committed per district, 9,000 for the warm packs of 30 claims of 300 each, all in 红塔区
        List<String> lines = BillingFixtures.lines(mvc, finance, CITY, "300000.00", A);
        String contract = BillingFixtures.signed(mvc, bureau, finance, CITY, BillingFixtures.contract(
                "YX-" + UUID.randomUUID(), contractor, uscc, PROGRAM, CITY, List.of(A), "9000.00", start, null), start,
                Map.of(lines.get(0), "9000.00"));
        List<String> claims = new ArrayList<>();
        for (int day = 0; day < 100; day++) {
            LocalDate on = start.plusDays(day);
            NeighbourStub.recordsFrom(A, contractor, on.toString(), record(UUID.randomUUID(), A, contractor, PROGRAM,
                    "WARM_PACK", 1, on.toString(), "VERIFIED", true));
            String claim = open(contract, on, on);
            send(mvc, T + "/claims/{id}/submit", manager, Map.of(), CITY, claim).andExpect(status().isOk());
            claims.add(claim);
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String claim : claims) {
                Callable<Integer> call = () -> send(mvc, T + "/claims/{id}/approve", finance, Map.of(), CITY, claim)
                        .andReturn().getResponse().getStatus();
                results.add(pool.submit(call));
            }
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(30);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(70);
        read(mvc, T + "/contracts/{id}", finance, CITY, contract)
                .andExpect(jsonPath("$.money[0].undrawn").value("0.00"))
                .andExpect(jsonPath("$.money[0].drawn").value("8100.00"))
                .andExpect(jsonPath("$.money[0].held").value("900.00"));
        assertThat(jdbc.queryForObject("select count(*) from registry.paid_service where contract_id = ?::uuid",
                Long.class, contract)).isEqualTo(30);
        assertThat(jdbc.queryForObject("select count(*) from t_" + CITY + ".claim where contract_id = ?::uuid"
                + " and status = 'APPROVED'", Long.class, contract)).isEqualTo(30);
        assertThat(jdbc.queryForObject("select count(*) from t_" + CITY + ".account where balance < 0 and kind <>"
                + " 'SOURCE'", Long.class)).isZero();
        read(mvc, T + "/journal/reconciliation", finance, CITY).andExpect(jsonPath("$.balanced").value(true));
    }

    @Test
    void theHoldbackIsPaidAfterAGoodEvaluationAndGoesBackToTheLinesAfterAPoorOne() throws Exception {
        for (String score : List.of("86.50", "55.00")) {
            contractor = UUID.randomUUID();
            uscc = "5253040" + String.format("%011d", Math.abs(contractor.getLeastSignificantBits() % 100_000_000_000L));
            NeighbourStub.contractor(contractor, uscc, "暖阳");
            NeighbourStub.engaged(A, contractor, PROGRAM, "2025-01-01");
            NeighbourStub.engaged(B, contractor, PROGRAM, "2025-01-01");
            manager = issuer.user(CITY, "contractor-manager").contractor(contractor.toString()).bearer();
            String contract = contract(today().minusDays(20), "1000.00", null);
            NeighbourStub.records(A, contractor, rec(A, "WARM_PACK", 1, "VERIFIED", true));
            String claim = open(contract, today().minusDays(3), today());
            send(mvc, T + "/claims/{id}/submit", manager, Map.of(), CITY, claim).andExpect(status().isOk());
            send(mvc, T + "/claims/{id}/approve", finance, Map.of(), CITY, claim).andExpect(status().isOk())
                    .andExpect(jsonPath("$.holdbackAmount").value("30.00"));
            Map<String, Object> evaluation = Map.of("score", score, "evaluatedOn", today().toString(), "note", "第三方评估");
            send(mvc, T + "/contracts/{id}/evaluation", finance, evaluation, CITY, contract)
                    .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("contract-not-closed"));
            send(mvc, T + "/contracts/{id}/close", finance, Map.of(), CITY, contract).andExpect(status().isOk())
                    .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].held").value("30.00"));
            boolean good = score.equals("86.50");
            send(mvc, T + "/contracts/{id}/evaluation", finance, evaluation, CITY, contract).andExpect(status().isOk())
                    .andExpect(jsonPath("$.evaluationGrade").value(good ? "良" : "差"))
                    .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].held").value("0.00"))
                    .andExpect(jsonPath("$.money[?(@.districtCode == '" + A + "')].drawn").value(good ? "300.00" : "270.00"));
            send(mvc, T + "/contracts/{id}/evaluation", finance, evaluation, CITY, contract)
                    .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("contract-already-evaluated"));
            List<String> kinds = jdbc.queryForList("select kind from t_" + CITY + ".journal_entry where contract_id ="
                    + " ?::uuid order by seq", String.class, contract);
            assertThat(kinds).contains(good ? "HOLDBACK_RELEASE" : "HOLDBACK_FORFEIT");
        }
        read(mvc, T + "/journal/reconciliation", finance, CITY).andExpect(jsonPath("$.balanced").value(true));
    }
}
