package org.warmnest.care.ledger;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What every ledger is asked for, from the query string: the period (days inclusive, China time) and, optionally,
 * a street, community or grid.
 */
record LedgerQuery(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        @Size(max = 32) String streetCode, @Size(max = 32) String communityCode, @Size(max = 32) String gridCode) {

    /** The period checked, and the caller's contractor. */
    LedgerScope scope() {
        return LedgerScope.of(from, to, streetCode, communityCode, gridCode);
    }
}
