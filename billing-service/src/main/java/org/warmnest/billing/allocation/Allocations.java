package org.warmnest.billing.allocation;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.platform.problem.ProblemException;

/**
 * The use cases of fund allocations in the request's tenant: record one, amend its amount, read them.
 * There is deliberately no update or delete: a fund record is changed only by an amendment on file.
 */
@Service
class Allocations {

    private final AllocationRepository allocations;
    private final Clock clock;

    Allocations(AllocationRepository allocations, Clock clock) {
        this.allocations = allocations;
        this.clock = clock;
    }

    record NewAllocation(FundSource source, int fiscalYear, String documentNumber, String purpose, BigDecimal amount) {
    }

    record Amendment(BigDecimal newAmount, String reason, String documentNumber) {
    }

    @Transactional
    Allocation record(NewAllocation a, String by) {
        return allocations.save(new Allocation(UUID.randomUUID(), a.source(), a.fiscalYear(), a.documentNumber(),
                a.purpose(), a.amount(), by, clock.instant()));
    }

    @Transactional
    Allocation amend(UUID id, Amendment a, String by) {
        Allocation allocation = allocations.findForUpdate(id)
                .orElseThrow(() -> ProblemException.notFound("allocation-not-found", id));
        // An amendment that changes nothing would only blur the audit trail.
        if (allocation.currentAmount().compareTo(a.newAmount()) == 0) {
            throw ProblemException.conflict("allocation-amount-unchanged", allocation.currentAmount().toPlainString());
        }
        allocation.amend(UUID.randomUUID(), a.newAmount(), a.reason(), a.documentNumber(), by, clock.instant());
        return allocation; // managed: the amendment is inserted and the amount updated when the transaction commits
    }

    /** With its amendments loaded, for views built after the transaction. */
    @Transactional(readOnly = true)
    Allocation get(UUID id) {
        Allocation allocation = allocations.findById(id)
                .orElseThrow(() -> ProblemException.notFound("allocation-not-found", id));
        allocation.amendments().size();
        return allocation;
    }

    @Transactional(readOnly = true)
    Page<Allocation> list(Integer fiscalYear, FundSource source, Pageable pageable) {
        return allocations.search(fiscalYear, source, pageable);
    }
}
