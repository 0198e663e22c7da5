package org.warmnest.launcher;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a contract draft from an inquiry-comparison procurement (询比采购: below the government procurement
 * threshold, three quotes invited), as a bureau posts it to billing-service: a year from {@code startDate}, awarded
 * 12 days before it, 10 % held back until an evaluation of 80 or more, paid within 30 days. Used by the demo, the
 * approval benchmark and the persona stories; {@link #body()} is a fresh map a caller may add to.
 *
 * @param unitPrices service item → unit price in yuan ({@code "300.00"}), in the order given
 */
public record ContractDraft(String number, String name, String contractorId, String programId, String programOwner,
        List<String> districts, BigDecimal value, LocalDate startDate, String procurementName, List<Quote> quotes,
        Map<String, String> unitPrices) {

    /** One supplier's quote; exactly one is the winner. */
    public record Quote(String supplier, String uscc, BigDecimal amount, String score, boolean winner) {
    }

    public LocalDate endDate() {
        return startDate.plusYears(1).minusDays(1);
    }

    public LocalDate awardedOn() {
        return startDate.minusDays(12);
    }

    public Map<String, Object> body() {
        String v = value.setScale(2).toPlainString();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("number", number);
        c.put("name", name);
        c.put("contractorId", contractorId);
        c.put("programId", programId);
        c.put("programOwner", programOwner);
        c.put("districts", districts);
        c.put("value", v);
        c.put("startDate", startDate.toString());
        c.put("endDate", endDate().toString());
        c.put("procurementMethod", "INQUIRY_COMPARISON");
        c.put("procurementName", procurementName);
        c.put("procurementBudget", v);
        c.put("awardedOn", awardedOn().toString());
        c.put("nonOpenReason", "采购金额在政府采购限额标准以下，采用询比方式");
        c.put("invitation", "在民政局网站发布询比公告，邀请三家社会组织报价");
        c.put("criteria", "服务方案40分、报价30分、机构能力与业绩30分");
        c.put("winnerReason", "综合得分最高");
        List<Map<String, Object>> q = new ArrayList<>();
        for (Quote quote : quotes) {
            q.add(Map.of("supplier", quote.supplier(), "uscc", quote.uscc(), "amount",
                    quote.amount().setScale(2).toPlainString(), "score", quote.score(), "winner", quote.winner()));
        }
        c.put("quotes", q);
        c.put("holdbackPercent", "10.00");
        c.put("evaluationThreshold", "80.00");
        c.put("paymentDueDays", 30);
        List<Map<String, Object>> prices = new ArrayList<>();
        unitPrices.forEach((item, price) -> prices.add(Map.of("serviceItem", item, "unitPrice", price)));
        c.put("prices", prices);
        return c;
    }
}
