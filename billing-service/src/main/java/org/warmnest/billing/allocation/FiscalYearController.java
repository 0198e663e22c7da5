package org.warmnest.billing.allocation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.billing.idempotency.MovesMoney;
import org.warmnest.billing.money.Yuan;
import org.warmnest.platform.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Closing a fiscal year: unspent money carried over or returned, in the journal. */
@RestController
@RequestMapping("/api/billing/v1/tenants/{tenant}/fiscal-years/{year}")
@Tag(name = "fiscal years", description = "Year-end close (年终结转): carry-over and return of unspent money")
class FiscalYearController {

    private final FiscalYears years;

    FiscalYearController(FiscalYears years) {
        this.years = years;
    }

    record LineClosingView(UUID lineId, UUID allocationId, String districtCode, int phase, FiscalYears.Action action,
            String amount, UUID nextLineId) {
    }

    record ClosingView(int fiscalYear, String carriedOver, String returned, List<LineClosingView> lines,
            String closedBy, String closedByName, Instant closedAt) {

        static ClosingView of(FiscalYears.Closing c) {
            return new ClosingView(c.fiscalYear(), Yuan.format(c.carriedOver()), Yuan.format(c.returned()),
                    c.lines().stream().map(l -> new LineClosingView(l.lineId(), l.allocationId(), l.districtCode(),
                            l.phase(), l.action(), Yuan.format(l.amount()), l.nextLineId())).toList(),
                    c.closedBy(), c.closedByName(), c.closedAt());
        }
    }

    @PostMapping("/close")
    @PreAuthorize("hasRole('finance-officer')")
    @MovesMoney
    @Operation(summary = "Close the ended year, once: each budget line's uncommitted money carries over to next "
            + "year's line, or goes back to the fund (by the allocation's rule, or when unspent two years running)")
    ClosingView close(@PathVariable String tenant, @PathVariable int year) {
        return ClosingView.of(years.close(year));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('finance-officer','bureau-admin','auditor')")
    ClosingView get(@PathVariable String tenant, @PathVariable int year) {
        return ClosingView.of(years.find(year)
                .orElseThrow(() -> ProblemException.notFound("fiscal-year-not-closed", year)));
    }
}
