package org.warmnest.billing.claim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.warmnest.billing.contract.ContractReads;
import org.warmnest.billing.money.Yuan;
import org.warmnest.platform.catalogue.ServiceItem;

/**
 * Prices a contractor's records by its contract, or excludes each with the first reason that applies. Pure:
 * what was paid, claimed elsewhere and already counted against the caps is given.
 */
final class Pricing {

    enum Exclusion {
        /** Awaiting a supervisor's verification. */
        UNVERIFIED("未审核"),
        /** Delivered in a district the contract does not cover. */
        OUTSIDE_DISTRICTS("不在合同区县"),
        /** Delivered outside the contract's term. */
        OUTSIDE_TERM("不在合同期内"),
        /** The elder was not enrolled in the program that day. */
        NOT_ENROLLED("当日未纳入项目"),
        /** The contract has no price for the service. */
        NOT_PRICED("合同无此服务单价"),
        /** Paid before, by this contract or another. */
        ALREADY_PAID("已结算过"),
        /** In another claim submitted and not rejected. */
        ALREADY_CLAIMED("已在其他结算申请中"),
        /** Beyond the contract's quantity cap for the service. */
        OVER_CAP("超出合同数量上限");

        final String label;

        Exclusion(String label) {
            this.label = label;
        }

        /** The label of a stored code (null for none). */
        static String labelOf(String code) {
            return code == null ? null : valueOf(code).label;
        }
    }

    record Line(CareRecords.Record record, BigDecimal unitPrice, BigDecimal amount, Exclusion exclusion) {
    }

    private Pricing() {
    }

    /**
     * One line per billing key (a verified record wins over an amendment awaiting review with the same key), in
     * the order services were delivered; caps are consumed in that order.
     */
    static List<Line> price(ContractReads.Terms terms, List<CareRecords.Record> records, Set<UUID> paid,
            Set<UUID> claimedElsewhere, Map<ServiceItem, Long> capUsed) {
        Map<UUID, CareRecords.Record> byKey = new LinkedHashMap<>();
        for (CareRecords.Record r : records) {
            byKey.merge(r.billingKey(), r, (a, b) -> "VERIFIED".equals(a.status()) ? a : b);
        }
        List<CareRecords.Record> ordered = new ArrayList<>(byKey.values());
        ordered.sort(Comparator.comparing(CareRecords.Record::performedOn)
                .thenComparing(r -> r.billingKey().toString()));
        Map<ServiceItem, Long> used = new EnumMap<>(ServiceItem.class);
        used.putAll(capUsed);
        List<Line> lines = new ArrayList<>(ordered.size());
        for (CareRecords.Record r : ordered) {
            ContractReads.Price price = terms.prices().get(r.serviceItem());
            Exclusion why = null;
            if (!"VERIFIED".equals(r.status())) {
                why = Exclusion.UNVERIFIED;
            } else if (!terms.districts().contains(r.district())) {
                why = Exclusion.OUTSIDE_DISTRICTS;
            } else if (r.performedOn().isBefore(terms.startDate()) || r.performedOn().isAfter(terms.endDate())) {
                why = Exclusion.OUTSIDE_TERM;
            } else if (!r.elderEnrolled()) {
                why = Exclusion.NOT_ENROLLED;
            } else if (price == null) {
                why = Exclusion.NOT_PRICED;
            } else if (paid.contains(r.billingKey())) {
                why = Exclusion.ALREADY_PAID;
            } else if (claimedElsewhere.contains(r.billingKey())) {
                why = Exclusion.ALREADY_CLAIMED;
            } else if (price.quantityCap() != null
                    && used.getOrDefault(r.serviceItem(), 0L) + r.quantity() > price.quantityCap()) {
                why = Exclusion.OVER_CAP;
            }
            if (why == null) {
                used.merge(r.serviceItem(), (long) r.quantity(), Long::sum);
                // unit price times quantity: exact, never rounded
                BigDecimal amount = Yuan.exact(price.unitPrice().multiply(BigDecimal.valueOf(r.quantity())));
                lines.add(new Line(r, price.unitPrice(), amount, null));
            } else {
                lines.add(new Line(r, price == null ? null : price.unitPrice(), null, why));
            }
        }
        return lines;
    }
}
