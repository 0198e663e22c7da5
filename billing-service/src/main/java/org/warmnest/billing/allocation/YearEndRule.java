package org.warmnest.billing.allocation;

/** What happens to an allocation's unspent money when its year is closed. */
public enum YearEndRule {
    /** Carried over to the same project next year (结转); returned if still unspent a year later. */
    CARRY_OVER("结转"),
    /** Returned to the fund (收回). */
    RETURN("收回");

    public final String label;

    YearEndRule(String label) {
        this.label = label;
    }
}
