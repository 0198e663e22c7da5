package org.warmnest.billing.allocation;

/** What happens to an allocation's unspent money when its year is closed. */
public enum YearEndRule {
    /** Carried over to the same project next year (结转); returned if still unspent a year later. */
    CARRY_OVER,
    /** Returned to the fund (收回). */
    RETURN
}
