package org.warmnest.launcher;

import static org.warmnest.launcher.DemoData.expect;
import static org.warmnest.launcher.DemoData.id;
import static org.warmnest.launcher.DemoData.listItems;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The money of the demo, as finance would handle it: 1.2 million yuan of municipal welfare-lottery fund, budgeted
 * in two phases over the four districts (phase 1's 500 elders, phase 2's 1,000); the phase-1 contract from the
 * inquiry-comparison procurement (询比采购) with its unit prices (the 300-yuan warm pack among them) and a 10 %
 * holdback, drafted by the bureau and signed by finance against the phase-1 lines; then the contractor's claim for
 * the week of care, and finance's approval, and the execution rate it gives.
 */
final class DemoFunds {

    static final BigDecimal FUND = new BigDecimal("1200000.00");
    static final String CITY_BILLING = "/api/billing/v1/tenants/" + DemoData.CITY.code();
    static final String FINANCE = "yuxi-finance-officer";

    /** The contract's unit prices: the first visit of the four-part loop comes to 740 yuan an elder. */
    static final Map<String, String> PRICES = prices();

    private final DemoData demo;
    private final DemoCalendar calendar;
    private final PrintStream out;
    private final ApiClient finance;

    DemoFunds(DemoData demo, DemoCalendar calendar, PrintStream out) {
        this.demo = demo;
        this.calendar = calendar;
        this.out = out;
        this.finance = demo.as(FINANCE);
    }

    private static Map<String, String> prices() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("WARM_PACK", "300.00");
        p.put("ASSESSMENT", "150.00");
        p.put("HEALTH_CHECK", "100.00");
        p.put("HOME_VISIT", "80.00");
        p.put("SAFETY_CHECK", "60.00");
        p.put("COMPANIONSHIP", "50.00");
        p.put("FOLLOW_UP", "60.00");
        return p;
    }

    String contractNumber() {
        return "YXMZ-XBCG-" + calendar.fiscalYear() + "-001";
    }

    boolean claimApproved() throws IOException, InterruptedException {
        return !listItems(finance.get(CITY_BILLING + "/claims?status=APPROVED&size=1")).isEmpty();
    }

    void run(String contractor, String program) throws IOException, InterruptedException {
        String allocation = allocation();
        Map<String, String> phaseOne = lines(allocation);
        String contract = contract(contractor, program, phaseOne);
        String before = executionLine();
        claim(contract);
        out.println("  execution before the claim: " + before);
        out.println("  execution after its approval: " + executionLine());
    }

    /** 1.2 million yuan of municipal welfare-lottery fund, in one document. */
    private String allocation() throws IOException, InterruptedException {
        List<Object> existing = listItems(finance.get(CITY_BILLING + "/allocations"));
        if (!existing.isEmpty()) {
            return String.valueOf(((Map<?, ?>) existing.get(0)).get("id"));
        }
        String document = "玉民发〔" + calendar.fiscalYear() + "〕12号";
        String id = id(expect(finance.post(CITY_BILLING + "/allocations", Map.of("source", "MUNICIPAL_LOTTERY",
                "fiscalYear", calendar.fiscalYear(), "documentNumber", document, "purpose",
                DemoData.PROGRAM_NAME + "：经济困难老年人关爱服务", "amount", FUND.toPlainString())), 201));
        out.println("  allocation ¥1,200,000.00 of municipal welfare-lottery fund (" + document + ")");
        return id;
    }

    /** Two phases over the four districts; the phase-1 line of each district by its code. */
    private Map<String, String> lines(String allocation) throws IOException, InterruptedException {
        String base = CITY_BILLING + "/allocations/" + allocation + "/lines";
        List<?> existing = (List<?>) expect(finance.get(base), 200).json().get("lines");
        if (existing.isEmpty()) {
            for (int phase = 1; phase <= 2; phase++) {
                for (DemoDistrict d : DemoData.DISTRICTS) {
                    BigDecimal amount = phase == 1 ? d.phaseOne() : d.phaseTwo();
                    expect(finance.post(base, Map.of("phase", phase, "districtCode", d.code(), "name",
                            (phase == 1 ? "一期 " : "二期 ") + d.name(), "amount", amount.toPlainString())), 201);
                }
            }
            existing = (List<?>) expect(finance.get(base), 200).json().get("lines");
            out.println("  budget lines: phase 1 ¥400,000.00 (500 elders), phase 2 ¥800,000.00 (1,000 elders),"
                    + " each over the four districts");
        }
        Map<String, String> phaseOne = new HashMap<>();
        for (Object o : existing) {
            Map<?, ?> line = (Map<?, ?>) o;
            if (((Number) line.get("phase")).intValue() == 1) {
                phaseOne.put(String.valueOf(line.get("districtCode")), String.valueOf(line.get("id")));
            }
        }
        return phaseOne;
    }

    /** The phase-1 contract: drafted by the bureau with its procurement record, signed by finance. */
    private String contract(String contractor, String program, Map<String, String> phaseOne)
            throws IOException, InterruptedException {
        for (Object c : listItems(finance.get(CITY_BILLING + "/contracts?size=200"))) {
            if (contractNumber().equals(((Map<?, ?>) c).get("number"))) {
                return String.valueOf(((Map<?, ?>) c).get("id"));
            }
        }
        BigDecimal value = DemoData.DISTRICTS.stream().map(DemoDistrict::phaseOne).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        Map<String, Object> c = new ContractDraft(contractNumber(), DemoData.PROGRAM_NAME + "经济困难老年人关爱服务项目（一期）",
                contractor, program, DemoData.CITY.code(), DemoData.DISTRICTS.stream().map(DemoDistrict::code)
                        .toList(), value, calendar.termStart(), DemoData.PROGRAM_NAME + "经济困难老年人关爱服务采购项目（一期）",
                List.of(new ContractDraft.Quote(DemoData.CONTRACTOR_NAME, DemoData.CONTRACTOR_USCC, value, "91.50", true),
                        new ContractDraft.Quote("玉溪市康乐为老服务中心", "52530400MJ5137260P",
                                new BigDecimal("415000.00"), "86.00", false),
                        new ContractDraft.Quote("玉溪市夕阳红社会工作服务社", "53530400MJ6209183A",
                                new BigDecimal("428000.00"), "82.50", false)), PRICES).body();
        c.put("winnerReason", "综合得分最高（91.50分），服务方案覆盖物资、评估、健康、陪伴四个环节");
        c.put("milestones", List.of(
                Map.of("name", "服务启动", "percent", "30.00", "condition", "完成老年人入户评估与暖心包发放"),
                Map.of("name", "中期评估", "percent", "40.00", "condition", "中期评估合格"),
                Map.of("name", "终期评估", "percent", "30.00", "condition", "终期评估80分以上")));
        String id = id(expect(demo.as("yuxi-bureau-admin").post(CITY_BILLING + "/contracts", c), 201));
        List<Map<String, Object>> commitments = new ArrayList<>();
        for (DemoDistrict d : DemoData.DISTRICTS) {
            commitments.add(Map.of("lineId", phaseOne.get(d.code()), "amount", d.phaseOne().toPlainString()));
        }
        expect(finance.post(CITY_BILLING + "/contracts/" + id + "/sign", Map.of("signedOn",
                calendar.signedOn().toString(), "commitments", commitments)), 200);
        out.println("  contract " + contractNumber() + " (询比采购, ¥400,000.00, 10 % held back until evaluation) signed;"
                + " unit prices " + PRICES);
        return id;
    }

    /** The supervisor claims the week of verified care; finance, who did not open it, approves. */
    private void claim(String contract) throws IOException, InterruptedException {
        ApiClient claimant = demo.as(DemoData.CONTRACTOR_MANAGER);
        String id = null;
        String status = null;
        for (Object c : listItems(claimant.get(CITY_BILLING + "/claims?contractId=" + contract))) {
            id = String.valueOf(((Map<?, ?>) c).get("id"));
            status = String.valueOf(((Map<?, ?>) c).get("status"));
        }
        if (id == null) {
            id = id(expect(claimant.post(CITY_BILLING + "/contracts/" + contract + "/claims", Map.of("from",
                    calendar.weekFrom().toString(), "to", calendar.weekTo().toString())), 201));
            status = "DRAFT";
        }
        if (status.equals("DRAFT")) {
            expect(claimant.post(CITY_BILLING + "/claims/" + id + "/submit", Map.of()), 200);
        }
        Map<String, Object> opened = expect(claimant.get(CITY_BILLING + "/claims/" + id), 200).json();
        Map<String, Object> approved = expect(finance.post(CITY_BILLING + "/claims/" + id + "/approve",
                Map.of("note", "经审核，服务记录真实完整，同意拨付")), 200).json();
        out.println("  claim for " + calendar.weekFrom() + " – " + calendar.weekTo() + " by " + DemoData.CONTRACTOR_MANAGER
                + ": " + opened.get("includedLines") + " verified services, " + yuan(opened.get("claimedAmount"))
                + " (the visit sent back is not claimed); approved by " + FINANCE + ": " + yuan(approved.get(
                        "approvedAmount")) + ", of which " + yuan(approved.get("holdbackAmount"))
                + " held back until the evaluation; to be paid by " + approved.get("paymentDueOn"));
    }

    static String yuan(Object amount) {
        return String.format("¥%,.2f", new BigDecimal(String.valueOf(amount)));
    }

    /** The city's execution rate (执行率 = drawn ÷ allocated) for the fiscal year, in a line. */
    String executionLine() throws IOException, InterruptedException {
        Map<String, Object> report = expect(finance.get(CITY_BILLING + "/reports/execution?fiscalYear="
                + calendar.fiscalYear()), 200).json();
        Map<?, ?> total = (Map<?, ?>) report.get("total");
        Object rate = total.get("executionRate");
        return "execution rate " + (rate == null ? "-" : new BigDecimal(String.valueOf(rate)).movePointRight(2)
                .stripTrailingZeros().toPlainString() + " %") + " (drawn " + yuan(total.get("drawn")) + " of "
                + yuan(total.get("allocated")) + " allocated; committed " + yuan(total.get("committed")) + ", held "
                + yuan(total.get("held")) + ")";
    }
}
