package org.warmnest.billing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;

import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.json.JsonMapper;

/** Requests billing's tests make through the API: money in, budget lines, a contract signed on them. */
public final class BillingFixtures {

    public static final String T = "/api/billing/v1/tenants/{t}";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private BillingFixtures() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    public static void activate(TenantProvisioner provisioner, String... codes) {
        for (String code : codes) {
            TenantCode tenant = TenantCode.of(code);
            provisioner.provision(tenant, tenant.isCity() ? null : tenant.city(), code);
            provisioner.registry().setStatus(tenant, TenantStatus.ACTIVE);
        }
    }

    public static ResultActions send(MockMvc mvc, String path, String bearer, Object body, Object... vars)
            throws Exception {
        return mvc.perform(post(path, vars).header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(body instanceof String s ? s : JSON.writeValueAsString(body)));
    }

    public static ResultActions read(MockMvc mvc, String path, String bearer, Object... vars) throws Exception {
        return mvc.perform(get(path, vars).header("Authorization", bearer));
    }

    public static String body(ResultActions r) throws Exception {
        return r.andReturn().getResponse().getContentAsString();
    }

    /** An allocation of the tenant with one phase-one line per district of the given amount; the line ids. */
    public static List<String> lines(MockMvc mvc, String finance, String tenant, String amount, String... districts)
            throws Exception {
        Map<String, Object> allocation = Map.of("source", "MUNICIPAL_LOTTERY", "fiscalYear", today().getYear(),
                "documentNumber", "玉民发〔2026〕12号", "purpose", "温暖玉溪·呵护夕阳", "amount", "1200000.00");
        String id = JsonPath.read(body(send(mvc, T + "/allocations", finance, allocation, tenant)
                .andExpect(status().isCreated())), "$.id");
        List<String> ids = new ArrayList<>();
        for (String d : districts) {
            ids.add(JsonPath.read(body(send(mvc, T + "/allocations/{id}/lines", finance, Map.of("phase", 1,
                    "districtCode", d, "name", "一期 " + d, "amount", amount), tenant, id)
                    .andExpect(status().isCreated())), "$.id"));
        }
        return ids;
    }

    public static Map<String, Object> quote(String supplier, String uscc, String amount, boolean winner) {
        Map<String, Object> q = new HashMap<>();
        q.put("supplier", supplier);
        q.put("uscc", uscc);
        q.put("amount", amount);
        q.put("score", "88.50");
        q.put("winner", winner);
        return q;
    }

    /**
     * A 询比采购 contract of the city's program for the districts, from {@code start} for a year, awarded five days
     * before, 10 % held back; the warm pack at 300 yuan (capped as given, none if null), health checks at 50.
     */
    public static Map<String, Object> contract(String number, UUID contractor, String uscc, UUID program,
            String owner, List<String> districts, String value, LocalDate start, Integer warmPackCap) {
        Map<String, Object> c = new HashMap<>();
        c.put("number", number);
        c.put("name", "温暖玉溪·呵护夕阳 一期服务");
        c.put("contractorId", contractor.toString());
        c.put("programId", program.toString());
        c.put("programOwner", owner);
        c.put("districts", districts);
        c.put("value", value);
        c.put("startDate", start.toString());
        c.put("endDate", start.plusYears(1).minusDays(1).toString());
        c.put("procurementMethod", "INQUIRY_COMPARISON");
        c.put("procurementName", "温暖玉溪·呵护夕阳项目服务采购");
        c.put("procurementBudget", value);
        c.put("awardedOn", start.minusDays(5).toString());
        c.put("nonOpenReason", "政府采购限额标准以下的服务项目");
        c.put("invitation", "在市民政局网站发布询比公告，邀请三家社会组织报价");
        c.put("criteria", "服务方案40分、报价30分、机构能力30分");
        c.put("winnerReason", "综合得分最高");
        c.put("quotes", List.of(quote("签约机构", uscc, value, true),
                quote("玉溪市夕阳红养老服务中心", "52530400MJ0000001A", value, false),
                quote("云南康乐社工服务社", "52530000MJ0000002B", value, false)));
        c.put("holdbackPercent", "10.00");
        c.put("evaluationThreshold", "80.00");
        c.put("paymentDueDays", 30);
        Map<String, Object> warmPack = new HashMap<>(Map.of("serviceItem", "WARM_PACK", "unitPrice", "300.00"));
        if (warmPackCap != null) {
            warmPack.put("quantityCap", warmPackCap);
        }
        c.put("prices", List.of(warmPack, Map.of("serviceItem", "HEALTH_CHECK", "unitPrice", "50.00")));
        return c;
    }

    /** Drafts the contract (as the bureau) and signs it (as finance) with the commitments; its id. */
    public static String signed(MockMvc mvc, String bureau, String finance, String tenant, Map<String, Object> contract,
            LocalDate signedOn, Map<String, String> commitments) throws Exception {
        String id = JsonPath.read(body(send(mvc, T + "/contracts", bureau, contract, tenant)
                .andExpect(status().isCreated())), "$.id");
        List<Map<String, Object>> list = new ArrayList<>();
        commitments.forEach((line, amount) -> list.add(Map.of("lineId", line, "amount", amount)));
        send(mvc, T + "/contracts/{id}/sign", finance, Map.of("signedOn", signedOn.toString(), "commitments", list),
                tenant, id).andExpect(status().isOk());
        return id;
    }
}
