package org.warmnest.billing.contract;

/** The Chinese names of a contract's stored codes, for reports that read them from the table. */
public final class ContractLabels {

    private ContractLabels() {
    }

    public static String status(String code) {
        return code == null ? null : Contract.Status.valueOf(code).label;
    }
}
