package org.warmnest.billing.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.billing.ledger.Account;
import org.warmnest.billing.ledger.FundJournal.Entry;
import org.warmnest.billing.ledger.FundJournal.EntryKind;
import org.warmnest.billing.ledger.FundJournal;
import org.warmnest.billing.money.Yuan;
import org.warmnest.billing.people.DisplayName;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.sql.SqlValues;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantRegistry;

import jakarta.persistence.EntityManager;

/**
 * Budget lines of an allocation: money set aside per phase and district. A city's allocation is split over its
 * districts; a district's lines are for the district itself. Setting money aside, or giving it back, is a
 * movement in the journal between the allocation's pool and the line.
 */
@Service
class BudgetLines {

    private final AllocationRepository allocations;
    private final BudgetLineRepository lines;
    private final FundJournal journal;
    private final TenantRegistry registry;
    private final EntityManager em;
    private final Clock clock;

    BudgetLines(AllocationRepository allocations, BudgetLineRepository lines, FundJournal journal,
            TenantRegistry registry, EntityManager em, Clock clock) {
        this.allocations = allocations;
        this.lines = lines;
        this.journal = journal;
        this.registry = registry;
        this.em = em;
        this.clock = clock;
    }

    record NewLine(int phase, String districtCode, String name, BigDecimal amount) {
    }

    /** A line's money as the journal's accounts hold it. */
    record LineBalance(UUID id, UUID allocationId, int phase, String districtCode, String districtName, String name,
            int fiscalYear, UUID carriedFromId, Instant closedAt, BigDecimal allocated, BigDecimal committed,
            BigDecimal drawn, BigDecimal paid, BigDecimal held, BigDecimal available) {

        /** 执行率: drawn ÷ allocated, to four decimals (0.1234 = 12.34 %); none while nothing is allocated. */
        BigDecimal executionRate() {
            return allocated.signum() == 0 ? null : drawn.divide(allocated, 4, RoundingMode.HALF_UP);
        }
    }

    record Budget(BigDecimal allocationAmount, BigDecimal unbudgeted, List<LineBalance> lines) {
    }

    @Transactional
    LineBalance create(UUID allocationId, NewLine n, String by) {
        Allocation allocation = allocations.findForUpdate(allocationId)
                .orElseThrow(() -> ProblemException.notFound("allocation-not-found", allocationId));
        String district = checkDistrict(n.districtCode());
        if (lines.existsByAllocationIdAndFiscalYearAndPhaseAndDistrictCode(allocationId, allocation.fiscalYear(),
                (short) n.phase(), district)) {
            throw ProblemException.conflict("budget-line-exists", n.phase(), district);
        }
        BudgetLine line = lines.save(new BudgetLine(UUID.randomUUID(), allocationId, n.phase(), district, n.name(),
                allocation.fiscalYear(), null, by, DisplayName.current(), clock.instant()));
        Account pool = Account.pool(allocationId);
        try {
            journal.post(List.of(new Entry(EntryKind.BUDGET, pool, Account.line(allocationId, line.id()),
                    n.amount(), allocation.fiscalYear(), null, n.name())), by);
        } catch (ProblemException e) {
            throw shortOf(e, "allocation-insufficient-unbudgeted", n.amount(), pool);
        }
        return balance(line.id());
    }

    /** More money for the line from its allocation (a positive change), or uncommitted money given back. */
    @Transactional
    LineBalance adjust(UUID lineId, BigDecimal change, String reason, String by) {
        BudgetLine line = lines.findById(lineId)
                .orElseThrow(() -> ProblemException.notFound("budget-line-not-found", lineId));
        allocations.findForUpdate(line.allocationId()).orElseThrow();
        if (line.closedAt() != null) {
            throw ProblemException.conflict("budget-line-closed", lineId, line.fiscalYear());
        }
        Account pool = Account.pool(line.allocationId());
        Account account = Account.line(line.allocationId(), lineId);
        if (change.signum() > 0) {
            try {
                journal.post(List.of(new Entry(EntryKind.BUDGET, pool, account, change, line.fiscalYear(), null,
                        reason)), by);
            } catch (ProblemException e) {
                throw shortOf(e, "allocation-insufficient-unbudgeted", change, pool);
            }
        } else {
            try {
                journal.post(List.of(new Entry(EntryKind.UNBUDGET, account, pool, change.negate(), line.fiscalYear(),
                        null, reason)), by);
            } catch (ProblemException e) {
                throw shortOf(e, "budget-line-insufficient-available", change.negate(), account);
            }
        }
        return balance(lineId);
    }

    private ProblemException shortOf(ProblemException e, String code, BigDecimal wanted, Account account) {
        if (!"insufficient-balance".equals(e.code())) {
            return e;
        }
        return ProblemException.conflict(code, Yuan.format(wanted), Yuan.format(journal.balance(account)));
    }

    /** A district of the caller's city (registered here), or the caller's own district. */
    private String checkDistrict(String code) {
        TenantCode owner = TenantContext.require();
        if (!TenantCode.isValid(code)) {
            throw ProblemException.invalid("districtCode", "district-unknown", code);
        }
        TenantCode district = TenantCode.of(code);
        boolean ours = owner.isCity() ? district.isDistrict() && district.city().equals(owner)
                && registry.find(district).isPresent() : district.equals(owner);
        if (!ours) {
            throw ProblemException.invalid("districtCode", "district-not-ours", code, owner.value());
        }
        return district.value();
    }

    @Transactional(readOnly = true)
    Budget budget(UUID allocationId) {
        Allocation allocation = allocations.findById(allocationId)
                .orElseThrow(() -> ProblemException.notFound("allocation-not-found", allocationId));
        return new Budget(allocation.currentAmount(), journal.balance(Account.pool(allocationId)),
                balances("l.allocation_id = ?1", allocationId));
    }

    @Transactional(readOnly = true)
    LineBalance balance(UUID lineId) {
        return balances("l.id = ?1", lineId).stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("budget-line-not-found", lineId));
    }

    private List<LineBalance> balances(String where, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select l.id, l.allocation_id, l.phase, l.district_code, l.name, l.fiscal_year, l.carried_from_id,
                  l.closed_at,
                  coalesce(sum(a.balance) filter (where a.kind = 'LINE'), 0),
                  coalesce(sum(a.balance) filter (where a.kind = 'COMMITTED'), 0),
                  coalesce(sum(a.balance) filter (where a.kind = 'HELD'), 0),
                  coalesce(sum(a.balance) filter (where a.kind = 'PAID'), 0),
                  coalesce(sum((select sum(e.amount) from journal_entry e join claim c on c.id = e.claim_id
                    where e.to_account = a.account_key and e.kind = 'DRAWDOWN' and c.paid_on is not null)), 0)
                from budget_line l left join account a on a.line_id = l.id
                where %s
                group by l.id
                order by l.fiscal_year, l.phase, l.district_code""".formatted(where))
                .setParameter(1, id).getResultList();
        Map<String, String> names = new HashMap<>();
        return rows.stream().map(r -> {
            BigDecimal available = Yuan.exact((BigDecimal) r[8]);
            BigDecimal open = (BigDecimal) r[9];
            BigDecimal held = Yuan.exact((BigDecimal) r[10]);
            BigDecimal drawn = Yuan.exact((BigDecimal) r[11]);
            BigDecimal committed = Yuan.exact(open.add(held).add(drawn));
            String district = (String) r[3];
            return new LineBalance((UUID) r[0], (UUID) r[1], ((Number) r[2]).intValue(), district,
                    names.computeIfAbsent(district, d -> registry.find(TenantCode.of(d))
                            .map(TenantRegistry.RegisteredTenant::name).orElse(null)),
                    (String) r[4], ((Number) r[5]).intValue(), (UUID) r[6], SqlValues.instant(r[7]),
                    Yuan.exact(available.add(committed)), committed, drawn, Yuan.exact((BigDecimal) r[12]), held,
                    available);
        }).toList();
    }

}
