package org.warmnest.billing.allocation;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.billing.ledger.Account;
import org.warmnest.billing.ledger.FundJournal;
import org.warmnest.billing.ledger.FundJournal.Entry;
import org.warmnest.billing.ledger.FundJournal.EntryKind;
import org.warmnest.billing.money.Yuan;
import org.warmnest.billing.people.DisplayName;
import org.warmnest.platform.problem.ProblemException;

/**
 * The use cases of fund allocations in the request's tenant: record one, amend its amount, read them.
 * There is deliberately no update or delete: a fund record is changed only by an amendment on file.
 */
@Service
class Allocations {

    private final AllocationRepository allocations;
    private final FundJournal journal;
    private final Clock clock;

    Allocations(AllocationRepository allocations, FundJournal journal, Clock clock) {
        this.allocations = allocations;
        this.journal = journal;
        this.clock = clock;
    }

    record NewAllocation(FundSource source, int fiscalYear, String documentNumber, String purpose, BigDecimal amount,
            YearEndRule yearEndRule) {
    }

    record Amendment(BigDecimal newAmount, String reason, String documentNumber) {
    }

    /** The allocation, and the fund's money moved into its pool in the journal. */
    @Transactional
    Allocation record(NewAllocation a, String by) {
        Allocation allocation = allocations.save(new Allocation(UUID.randomUUID(), a.source(), a.fiscalYear(),
                a.documentNumber(), a.purpose(), a.amount(),
                a.yearEndRule() == null ? YearEndRule.CARRY_OVER : a.yearEndRule(), by, DisplayName.current(),
                clock.instant()));
        journal.post(List.of(new Entry(EntryKind.ALLOCATION, Account.source(allocation.id()),
                Account.pool(allocation.id()), allocation.currentAmount(), allocation.fiscalYear(), null,
                allocation.documentNumber())), by);
        return allocation;
    }

    @Transactional
    Allocation amend(UUID id, Amendment a, String by) {
        Allocation allocation = allocations.findForUpdate(id)
                .orElseThrow(() -> ProblemException.notFound("allocation-not-found", id));
        // An amendment that changes nothing would only blur the audit trail.
        if (allocation.currentAmount().compareTo(a.newAmount()) == 0) {
            throw ProblemException.conflict("allocation-amount-unchanged", allocation.currentAmount().toPlainString());
        }
        BigDecimal change = a.newAmount().subtract(allocation.currentAmount());
        allocation.amend(UUID.randomUUID(), a.newAmount(), a.reason(), a.documentNumber(), by, DisplayName.current(),
                clock.instant());
        Account source = Account.source(id);
        Account pool = Account.pool(id);
        try {
            journal.post(List.of(change.signum() > 0
                    ? new Entry(EntryKind.ALLOCATION, source, pool, change, allocation.fiscalYear(), null,
                            a.documentNumber())
                    : new Entry(EntryKind.ALLOCATION_CUT, pool, source, change.negate(), allocation.fiscalYear(),
                            null, a.documentNumber())), by);
        } catch (ProblemException e) {
            if ("insufficient-balance".equals(e.code())) {
                // money already set aside in budget lines cannot be cut from the allocation
                throw ProblemException.conflict("allocation-cut-exceeds-unbudgeted", Yuan.format(change.negate()),
                        Yuan.format(journal.balance(pool)));
            }
            throw e;
        }
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
