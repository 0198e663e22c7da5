package org.warmnest.billing.allocation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.billing.ledger.Account;
import org.warmnest.billing.ledger.FundJournal;
import org.warmnest.billing.ledger.FundJournal.Entry;
import org.warmnest.billing.ledger.FundJournal.EntryKind;
import org.warmnest.billing.money.Yuan;
import org.warmnest.billing.people.DisplayName;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;

import jakarta.persistence.EntityManager;

/**
 * Closing a fiscal year (年终结转), once per tenant and year, after the year has ended. Each budget line of the
 * year is closed; its money not committed to a contract either carries over to a line of the same allocation,
 * phase and district for the next year, or goes back to the fund: when the allocation says so, or when the line
 * itself holds money carried over a year before (money unspent two years running is recalled). What contracts
 * committed stays with them.
 */
@Service
class FiscalYears {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    enum Action { CARRIED_OVER, RETURNED, NOTHING_LEFT }

    record LineClosing(UUID lineId, UUID allocationId, String districtCode, int phase, Action action, BigDecimal amount,
            UUID nextLineId) {
    }

    record Closing(int fiscalYear, BigDecimal carriedOver, BigDecimal returned, List<LineClosing> lines,
            String closedBy, String closedByName, Instant closedAt) {
    }

    private final BudgetLineRepository lines;
    private final AllocationRepository allocations;
    private final FundJournal journal;
    private final EntityManager em;
    private final Clock clock;

    FiscalYears(BudgetLineRepository lines, AllocationRepository allocations, FundJournal journal, EntityManager em,
            Clock clock) {
        this.lines = lines;
        this.allocations = allocations;
        this.journal = journal;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    Closing close(int year) {
        if (year >= LocalDate.now(clock.withZone(CHINA)).getYear()) {
            throw ProblemException.conflict("fiscal-year-not-ended", year);
        }
        String by = CurrentUser.get().subject();
        String byName = DisplayName.current();
        Instant now = clock.instant();
        // the year's row first: a second close, even a concurrent one, stops here
        int entered = em.createNativeQuery("insert into fiscal_year_close (fiscal_year, carried_over, returned,"
                + " lines_closed, closed_by, closed_by_name, closed_at) values (?1, 0, 0, 0, ?2, ?3, ?4)"
                + " on conflict do nothing").setParameter(1, year).setParameter(2, by).setParameter(3, byName)
                .setParameter(4, now).executeUpdate();
        if (entered == 0) {
            throw ProblemException.conflict("fiscal-year-closed", year);
        }
        @SuppressWarnings("unchecked")
        List<BudgetLine> open = em.createQuery("select l from BudgetLine l where l.fiscalYear = :year"
                + " and l.closedAt is null order by l.allocationId, l.phase, l.districtCode", BudgetLine.class)
                .setParameter("year", year).setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        List<LineClosing> closings = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        BigDecimal carried = BigDecimal.ZERO.setScale(Yuan.SCALE);
        BigDecimal returned = BigDecimal.ZERO.setScale(Yuan.SCALE);
        for (BudgetLine line : open) {
            Allocation allocation = allocations.findById(line.allocationId()).orElseThrow();
            Account account = Account.line(line.allocationId(), line.id());
            BigDecimal left = journal.balance(account);
            line.close(now);
            if (left.signum() == 0) {
                closings.add(new LineClosing(line.id(), line.allocationId(), line.districtCode(), line.phase(),
                        Action.NOTHING_LEFT, left, null));
            } else if (allocation.yearEndRule() == YearEndRule.RETURN || line.carriedFromId() != null) {
                entries.add(new Entry(EntryKind.RETURN, account, Account.source(line.allocationId()), left, year, null,
                        line.carriedFromId() != null ? "两年未用，收回" : "年终收回"));
                returned = returned.add(left);
                closings.add(new LineClosing(line.id(), line.allocationId(), line.districtCode(), line.phase(),
                        Action.RETURNED, left, null));
            } else {
                BudgetLine next = lines.save(new BudgetLine(UUID.randomUUID(), line.allocationId(), line.phase(),
                        line.districtCode(), line.name() + "（" + year + "年结转）", year + 1, line.id(), by, byName,
                        now));
                entries.add(new Entry(EntryKind.CARRY_OVER, account, Account.line(line.allocationId(), next.id()),
                        left, year, null, "结转至" + (year + 1) + "年"));
                carried = carried.add(left);
                closings.add(new LineClosing(line.id(), line.allocationId(), line.districtCode(), line.phase(),
                        Action.CARRIED_OVER, left, next.id()));
            }
        }
        em.flush();
        if (!entries.isEmpty()) {
            journal.post(entries, by);
        }
        em.createNativeQuery("update fiscal_year_close set carried_over = ?2, returned = ?3, lines_closed = ?4"
                + " where fiscal_year = ?1").setParameter(1, year).setParameter(2, carried).setParameter(3, returned)
                .setParameter(4, open.size()).executeUpdate();
        return new Closing(year, carried, returned, closings, by, DisplayName.or(byName, by), now);
    }

    /** The year's closing as recorded (the totals), if it was closed. */
    @Transactional(readOnly = true)
    Optional<Closing> find(int year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select carried_over, returned, closed_by,"
                + " coalesce(closed_by_name, closed_by), closed_at from fiscal_year_close where fiscal_year = ?1")
                .setParameter(1, year).getResultList();
        return rows.stream().findFirst().map(r -> new Closing(year, Yuan.exact((BigDecimal) r[0]),
                Yuan.exact((BigDecimal) r[1]), List.of(), (String) r[2], (String) r[3],
                org.warmnest.platform.sql.SqlValues.instant(r[4])));
    }
}
