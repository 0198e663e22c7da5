package org.warmnest.billing.contract;

/** How the contractor was chosen (采购方式). Every method but open tender needs its reason on record. */
public enum ProcurementMethod {
    OPEN_TENDER("公开招标", 3),
    INVITED_TENDER("邀请招标", 3),
    COMPETITIVE_NEGOTIATION("竞争性谈判", 3),
    COMPETITIVE_CONSULTATION("竞争性磋商", 3),
    SINGLE_SOURCE("单一来源", 1),
    INQUIRY("询价", 3),
    /** For purchases outside or below the government-procurement thresholds. */
    INQUIRY_COMPARISON("询比采购", 3);

    public final String label;
    /** The fewest offers the record must show. */
    public final int minimumQuotes;

    ProcurementMethod(String label, int minimumQuotes) {
        this.label = label;
        this.minimumQuotes = minimumQuotes;
    }
}
