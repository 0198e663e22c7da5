package org.warmnest.billing.ledger;

import java.util.UUID;

/**
 * An account of the fund's journal: where a sum of money is. Its key is stable text, so that accounts are
 * created on first use and locked in one order by every writer (no deadlocks between two postings).
 */
public record Account(String key, Kind kind, UUID allocationId, UUID lineId, UUID contractId) {

    public enum Kind {
        /** The fund outside (the treasury of the source): negative by what it gave, net of returns. */
        SOURCE,
        /** An allocation's money not yet set aside in a budget line. */
        POOL,
        /** A budget line's money not committed to any contract: what it has available. */
        LINE,
        /** A contract's commitment on a line, not yet drawn. */
        COMMITTED,
        /** Holdback kept from the contract's claims until its performance evaluation (绩效评价). */
        HELD,
        /** Paid out to the contractor. */
        PAID
    }

    public static Account source(UUID allocation) {
        return new Account("SOURCE:" + allocation, Kind.SOURCE, allocation, null, null);
    }

    public static Account pool(UUID allocation) {
        return new Account("POOL:" + allocation, Kind.POOL, allocation, null, null);
    }

    public static Account line(UUID allocation, UUID line) {
        return new Account("LINE:" + line, Kind.LINE, allocation, line, null);
    }

    public static Account committed(UUID allocation, UUID line, UUID contract) {
        return new Account("COMMITTED:" + contract + ":" + line, Kind.COMMITTED, allocation, line, contract);
    }

    public static Account held(UUID allocation, UUID line, UUID contract) {
        return new Account("HELD:" + contract + ":" + line, Kind.HELD, allocation, line, contract);
    }

    public static Account paid(UUID allocation, UUID line, UUID contract) {
        return new Account("PAID:" + contract + ":" + line, Kind.PAID, allocation, line, contract);
    }
}
