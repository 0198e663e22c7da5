package org.warmnest.billing.claim;

/** The Chinese names of a claim's stored codes, for reports that read them from the table. */
public final class ClaimLabels {

    private ClaimLabels() {
    }

    public static String status(String code) {
        return code == null ? null : Claim.Status.valueOf(code).label;
    }
}
