package org.warmnest.billing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.warmnest.billing.BillingFixtures;
import org.warmnest.billing.NeighbourStub;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.json.JsonMapper;

/**
 * 温暖玉溪·呵护夕阳's contract: chosen by 询比采购, signed within 30 days of the award, its value committed on the
 * districts' budget lines and never more than a line has; signed terms never change; contractors see their own.
 * tenant-service is WireMock. Acts in 玉溪 (530400) with 红塔区 and 通海县.
 */
@ServiceTest
class ContractIT {

    static final String CITY = "530400";
    static final String A = "530402";
    static final String B = "530423";
    static final String T = "/api/billing/v1/tenants/{t}";
    static final UUID CONTRACTOR = UUID.fromString("53000000-0000-0000-0000-0000000000c1");
    static final UUID OTHER_CONTRACTOR = UUID.fromString("53000000-0000-0000-0000-0000000000c2");
    static final String USCC = "91530402MA6K8Y3L2X";
    static final UUID PROGRAM = UUID.fromString("53000000-0000-0000-0000-0000000000a1");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    final String finance = issuer.user(CITY, "finance-officer").bearer();
    final String bureau = issuer.user(CITY, "bureau-admin").bearer();

    @BeforeEach
    void setUp(@Autowired TenantProvisioner provisioner) {
        for (String code : new String[] { CITY, A, B }) {
            TenantCode tenant = TenantCode.of(code);
            provisioner.provision(tenant, tenant.isCity() ? null : tenant.city(), code);
            provisioner.registry().setStatus(tenant, TenantStatus.ACTIVE);
        }
        NeighbourStub.contractor(CONTRACTOR, USCC, "玉溪市红塔区暖阳社会工作服务中心");
        NeighbourStub.engaged(A, CONTRACTOR, PROGRAM, "2025-01-01");
        NeighbourStub.engaged(B, CONTRACTOR, PROGRAM, "2025-01-01");
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    ResultActions send(String path, String bearer, Object body, Object... vars) throws Exception {
        return mvc.perform(post(path, vars).header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body)));
    }

    ResultActions read(String path, String bearer, Object... vars) throws Exception {
        return mvc.perform(get(path, vars).header("Authorization", bearer));
    }

    static String body(ResultActions r) throws Exception {
        return r.andReturn().getResponse().getContentAsString();
    }

    /** An allocation of 1.2 million with phase-one lines of 300,000 for each district; the line ids, A then B. */
    List<String> lines() throws Exception {
        return BillingFixtures.lines(mvc, finance, CITY, "300000.00", A, B);
    }

    static Map<String, Object> quote(String supplier, String uscc, String amount, boolean winner) {
        return BillingFixtures.quote(supplier, uscc, amount, winner);
    }

    /** The phase-one contract: 500,000 for 红塔区 and 通海县, the 300-yuan warm pack among its prices. */
    static Map<String, Object> contract(String number) {
        Map<String, Object> c = new HashMap<>();
        c.put("number", number);
        c.put("name", "温暖玉溪·呵护夕阳 一期服务");
        c.put("contractorId", CONTRACTOR.toString());
        c.put("programId", PROGRAM.toString());
        c.put("programOwner", CITY);
        c.put("districts", List.of(A, B));
        c.put("value", "500000.00");
        c.put("startDate", today().toString());
        c.put("endDate", today().plusYears(1).minusDays(1).toString());
        c.put("procurementMethod", "INQUIRY_COMPARISON");
        c.put("procurementName", "温暖玉溪·呵护夕阳项目服务采购");
        c.put("procurementBudget", "520000.00");
        c.put("awardedOn", today().minusDays(10).toString());
        c.put("nonOpenReason", "政府采购限额标准以下的服务项目");
        c.put("invitation", "在市民政局网站发布询比公告，邀请三家社会组织报价");
        c.put("criteria", "服务方案40分、报价30分、机构能力30分");
        c.put("winnerReason", "综合得分最高");
        c.put("quotes", List.of(quote("玉溪市红塔区暖阳社会工作服务中心", USCC, "500000.00", true),
                quote("玉溪市夕阳红养老服务中心", "52530400MJ0000001A", "508000.00", false),
                quote("云南康乐社工服务社", "52530000MJ0000002B", "515000.00", false)));
        c.put("holdbackPercent", "10.00");
        c.put("evaluationThreshold", "80.00");
        c.put("paymentDueDays", 30);
        c.put("milestones", List.of(Map.of("name", "中期支付", "percent", "50", "condition", "中期评估后"),
                Map.of("name", "验收支付", "percent", "40", "condition", "验收合格后")));
        c.put("prices", List.of(Map.of("serviceItem", "WARM_PACK", "unitPrice", "300.00", "quantityCap", 500),
                Map.of("serviceItem", "ASSESSMENT", "unitPrice", "120.00", "quantityCap", 500),
                Map.of("serviceItem", "HEALTH_CHECK", "unitPrice", "50.00"),
                Map.of("serviceItem", "HOME_VISIT", "unitPrice", "80.00")));
        return c;
    }

    static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(m);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    static String number() {
        return "YXMZ-2026-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String draft(Map<String, Object> contract) throws Exception {
        return JsonPath.read(body(send(T + "/contracts", bureau, contract, CITY).andExpect(status().isCreated())),
                "$.id");
    }

    static Map<String, Object> signing(LocalDate on, List<String> lines, String... amounts) {
        List<Map<String, Object>> commitments = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            commitments.add(Map.of("lineId", lines.get(i), "amount", amounts[i]));
        }
        return Map.of("signedOn", on.toString(), "commitments", commitments);
    }

    long journalRows() {
        return jdbc.queryForObject("select count(*) from t_" + CITY + ".journal_entry", Long.class);
    }

    @Test
    void aSignedContractCommitsItsValueOnTheDistrictsLinesAndItsTermsNeverChange() throws Exception {
        List<String> lines = lines();
        String id = draft(contract(number()));
        read(T + "/contracts/{id}", finance, CITY, id).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.contractorName").value("玉溪市红塔区暖阳社会工作服务中心"))
                .andExpect(jsonPath("$.procurementMethodLabel").value("询比采购"))
                .andExpect(jsonPath("$.quotes.length()").value(3))
                .andExpect(jsonPath("$.prices[?(@.serviceItem == 'WARM_PACK')].unitPrice").value("300.00"))
                .andExpect(jsonPath("$.prices[?(@.serviceItem == 'WARM_PACK')].serviceItemLabel").value("暖心包发放"));
        send(T + "/contracts/{id}/sign", finance, signing(today(), lines, "250000.00", "250000.00"), CITY, id)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SIGNED"))
                .andExpect(jsonPath("$.money.length()").value(2))
                .andExpect(jsonPath("$.money[0].committed").value("250000.00"));
        read(T + "/budget-lines/{id}", finance, CITY, lines.get(0)).andExpect(jsonPath("$.available").value("50000.00"))
                .andExpect(jsonPath("$.committed").value("250000.00"))
                .andExpect(jsonPath("$.allocated").value("300000.00"));
        send(T + "/contracts/{id}/sign", finance, signing(today(), lines, "250000.00", "250000.00"), CITY, id)
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("contract-not-draft"));
        String t = "t_" + CITY;
        assertThatThrownBy(() -> jdbc.update("update " + t + ".contract set value = 1 where id = ?::uuid", id))
                .hasMessageContaining("terms cannot change");
        assertThatThrownBy(() -> jdbc.update("update " + t + ".contract_price set unit_price = 1 where contract_id ="
                + " ?::uuid", id)).hasMessageContaining("prices cannot change");
        assertThatThrownBy(() -> jdbc.update("delete from " + t + ".contract where id = ?::uuid", id))
                .hasMessageContaining("cannot be deleted");
        // closing gives back what was not drawn
        send(T + "/contracts/{id}/close", finance, Map.of(), CITY, id).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CLOSED")).andExpect(jsonPath("$.money[0].committed").value("0.00"));
        read(T + "/budget-lines/{id}", finance, CITY, lines.get(0)).andExpect(jsonPath("$.available").value("300000.00"));
        read(T + "/journal/reconciliation", finance, CITY).andExpect(jsonPath("$.balanced").value(true));
        List<String> kinds = jdbc.queryForList("select kind from " + t + ".journal_entry where contract_id = ?::uuid"
                + " order by seq", String.class, id);
        assertThat(kinds).containsExactly("COMMITMENT", "COMMITMENT", "RELEASE", "RELEASE");
    }

    @Test
    void theProcurementRulesAreChecked() throws Exception {
        Map<String, Object> c = contract(number());
        send(T + "/contracts", bureau, with(c, "endDate", today().plusYears(2).toString()), CITY)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("multiYearReason"));
        send(T + "/contracts", bureau, with(with(c, "endDate", today().plusYears(2).toString()), "multiYearReason",
                "服务稳定、资金有保障"), CITY).andExpect(status().isCreated());
        send(T + "/contracts", bureau, with(with(c, "number", number()), "endDate", today().plusYears(4).toString()),
                CITY).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("contract-term-too-long"));
        send(T + "/contracts", bureau, with(with(c, "number", number()), "nonOpenReason", null), CITY)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("nonOpenReason"));
        send(T + "/contracts", bureau, with(with(c, "number", number()), "quotes",
                ((List<?>) c.get("quotes")).subList(0, 2)), CITY).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("too-few-quotes"));
        NeighbourStub.contractor(OTHER_CONTRACTOR, "52530400MJ0000001A", "玉溪市夕阳红养老服务中心");
        send(T + "/contracts", bureau, with(with(c, "number", number()), "contractorId", OTHER_CONTRACTOR.toString()),
                CITY).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("contract-winner-not-contractor"));
        send(T + "/contracts", bureau, with(with(c, "number", number()), "value", "520000.01"), CITY)
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("contract-over-budget"));
        send(T + "/contracts", bureau, with(with(c, "number", number()), "districts", List.of(A, "610104")), CITY)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("district-not-ours"));
        send(T + "/contracts", bureau, with(c, "districts", List.of(A)), CITY).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("contract-number-exists"));
        send(T + "/contracts", bureau, with(with(c, "number", number()), "holdbackPercent", "10.001"), CITY)
                .andExpect(status().isBadRequest());
        send(T + "/contracts", bureau, with(with(c, "number", number()), "prices",
                List.of(Map.of("serviceItem", "BANQUET", "unitPrice", "300.00"))), CITY)
                .andExpect(status().isBadRequest());
    }

    @Test
    void signingIsRefusedWholeWhenLateShortOrUnengagedAndNothingIsCommitted() throws Exception {
        List<String> lines = lines();
        String id = draft(with(contract(number()), "awardedOn", today().minusDays(40).toString()));
        long before = journalRows();
        send(T + "/contracts/{id}/sign", finance, signing(today(), lines, "250000.00", "250000.00"), CITY, id)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("contract-signed-late"));
        send(T + "/contracts/{id}/sign", finance, signing(today().minusDays(15), lines, "250000.00", "249999.99"),
                CITY, id).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("commitments-not-value"));
        // 350,000 on a line of 300,000
        send(T + "/contracts/{id}/sign", finance, signing(today().minusDays(15), lines, "350000.00", "150000.00"),
                CITY, id).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("contract-commitment-exceeds-line"));
        NeighbourStub.engaged(B, CONTRACTOR, UUID.randomUUID(), "2025-01-01");
        send(T + "/contracts/{id}/sign", finance, signing(today().minusDays(15), lines, "250000.00", "250000.00"),
                CITY, id).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("contract-contractor-not-engaged"));
        NeighbourStub.engagementsDown(B);
        send(T + "/contracts/{id}/sign", finance, signing(today().minusDays(15), lines, "250000.00", "250000.00"),
                CITY, id).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("tenant-directory-unavailable"));
        assertThat(journalRows()).isEqualTo(before);
        read(T + "/contracts/{id}", finance, CITY, id).andExpect(jsonPath("$.status").value("DRAFT"));
        NeighbourStub.engaged(B, CONTRACTOR, PROGRAM, "2025-01-01");
        send(T + "/contracts/{id}/sign", finance, signing(today().minusDays(15), lines, "250000.00", "250000.00"),
                CITY, id).andExpect(status().isOk());
    }

    @Test
    void twoContractsSignedAtOnceNeverCommitMoreThanTheLineHas() throws Exception {
        List<String> lines = lines();
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            drafts.add(draft(with(with(contract(number()), "districts", List.of(A)), "value", "200000.00")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String id : drafts) {
                Callable<Integer> call = () -> send(T + "/contracts/{id}/sign", finance,
                        signing(today(), lines, "200000.00"), CITY, id).andReturn().getResponse().getStatus();
                results.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdown();
        }
        read(T + "/budget-lines/{id}", finance, CITY, lines.get(0)).andExpect(jsonPath("$.available").value("100000.00"));
        read(T + "/journal/reconciliation", finance, CITY).andExpect(jsonPath("$.balanced").value(true));
    }

    @Test
    void contractorsReadTheirOwnContractsAndOnlyFinanceSigns() throws Exception {
        List<String> lines = lines();
        String id = draft(contract(number()));
        String manager = issuer.user(CITY, "contractor-manager").contractor(CONTRACTOR.toString()).bearer();
        String otherManager = issuer.user(CITY, "contractor-manager").contractor(OTHER_CONTRACTOR.toString()).bearer();
        read(T + "/contracts/{id}", manager, CITY, id).andExpect(status().isOk());
        read(T + "/contracts/{id}", otherManager, CITY, id).andExpect(status().isNotFound());
        String listed = body(read(T + "/contracts", otherManager, CITY).andExpect(status().isOk()));
        assertThat((List<String>) JsonPath.read(listed, "$.items[*].id")).doesNotContain(id);
        read(T + "/contracts/{id}", issuer.user(CITY, "care-worker").contractor(CONTRACTOR.toString()).bearer(), CITY,
                id).andExpect(status().isForbidden());
        send(T + "/contracts/{id}/sign", bureau, signing(today(), lines, "250000.00", "250000.00"), CITY, id)
                .andExpect(status().isForbidden());
        send(T + "/contracts/{id}/sign", manager, signing(today(), lines, "250000.00", "250000.00"), CITY, id)
                .andExpect(status().isForbidden());
        send(T + "/contracts", issuer.user(CITY, "auditor").bearer(), contract(number()), CITY)
                .andExpect(status().isForbidden());
        read(T + "/contracts/{id}", issuer.user(A, "finance-officer").bearer(), A, id).andExpect(status().isNotFound());
    }
    /** Separation of duties: a finance officer who drafted a contract neither signs nor evaluates it. */
    @Test
    void whoeverDraftedAContractNeitherSignsNorEvaluatesIt() throws Exception {
        List<String> lines = lines();
        String id = JsonPath.read(body(send(T + "/contracts", finance, contract(number()), CITY)
                .andExpect(status().isCreated())), "$.id");
        long rows = journalRows();
        send(T + "/contracts/{id}/sign", finance, signing(today(), lines, "250000.00", "250000.00"), CITY, id)
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("contract-own-draft"));
        read(T + "/contracts/{id}", finance, CITY, id).andExpect(jsonPath("$.status").value("DRAFT"));
        assertThat(journalRows()).isEqualTo(rows);
        String colleague = issuer.user(CITY, "finance-officer").bearer();
        send(T + "/contracts/{id}/sign", colleague, signing(today(), lines, "250000.00", "250000.00"), CITY, id)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SIGNED"));
        send(T + "/contracts/{id}/close", finance, Map.of(), CITY, id).andExpect(status().isOk());
        Map<String, Object> evaluation = Map.of("score", "90.00", "evaluatedOn", today().toString());
        send(T + "/contracts/{id}/evaluation", finance, evaluation, CITY, id)
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("contract-own-draft"));
        send(T + "/contracts/{id}/evaluation", colleague, evaluation, CITY, id)
                .andExpect(status().isOk()).andExpect(jsonPath("$.evaluationScore").value("90.00"));
    }
    /** Contractor managers read their contracts only while their contractor is engaged in the tenant. */
    @Test
    void aContractorManagerIsRefusedOnceItsEngagementEndsOrIsDeleted() throws Exception {
        String id = draft(contract(number()));
        UUID contractor = UUID.randomUUID();
        jdbc.update("update t_" + CITY + ".contract set contractor_id = ?::uuid where id = ?::uuid",
                contractor.toString(), id);
        String manager = issuer.user(CITY, "contractor-manager").contractor(contractor.toString()).bearer();
        read(T + "/contracts/{id}", manager, CITY, id).andExpect(status().isOk());
        org.warmnest.platform.test.EngagementStubs.ended(NeighbourStub.server(), CITY, contractor);
        read(T + "/contracts/{id}", manager, CITY, id).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("engagement-ended"));
        read(T + "/contracts", manager, CITY).andExpect(status().isForbidden());
        read(T + "/claims", manager, CITY).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("engagement-ended"));
        org.warmnest.platform.test.EngagementStubs.none(NeighbourStub.server(), CITY, contractor);
        read(T + "/contracts/{id}", manager, CITY, id).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("contractor-not-engaged"));
        read(T + "/contracts/{id}", finance, CITY, id).andExpect(status().isOk());
    }
}
