package org.warmnest.billing.ledger;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.hibernate.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.billing.money.Yuan;
import org.warmnest.billing.people.DisplayName;
import org.warmnest.platform.problem.ProblemException;

import jakarta.persistence.EntityManager;

/**
 * Moves money between accounts, in the caller's transaction: every movement is a journal row, and the balances
 * kept in the account rows change with it. An account other than the fund's source never goes below zero: the
 * balance is changed by a conditional update (the row lock serialises concurrent writers, in account-key order so
 * two postings never deadlock), and the table's check constraint stands behind it.
 */
@Component
public class FundJournal {

    public enum EntryKind {
        /** The fund gives an allocation its money (资金下达), or more of it by an amendment. */
        ALLOCATION("资金下达"),
        /** An amendment lowers an allocation. */
        ALLOCATION_CUT("调减下达"),
        /** Money of an allocation set aside in a budget line (预算指标). */
        BUDGET("分配指标"),
        /** A line's uncommitted money given back to its allocation. */
        UNBUDGET("退回指标"),
        /** A signed contract commits a line's money (合同承诺). */
        COMMITMENT("合同承诺"),
        /** A commitment not needed any more goes back to its line. */
        RELEASE("释放承诺"),
        /** An approved claim's payment to the contractor, net of holdback (拨付). */
        DRAWDOWN("拨付"),
        /** The part of an approved claim kept until the performance evaluation (质保金/尾款). */
        HOLDBACK("扣留质保金"),
        /** Holdback paid out after a good evaluation. */
        HOLDBACK_RELEASE("拨付质保金"),
        /** Holdback not earned (evaluation below the threshold) goes back to the line. */
        HOLDBACK_FORFEIT("质保金退回指标"),
        /** A closed year's unspent money moves to the next year's line (结转). */
        CARRY_OVER("结转"),
        /** Unspent money returned to the fund (收回). */
        RETURN("收回");

        public final String label;

        EntryKind(String label) {
            this.label = label;
        }
    }

    /** One movement. {@code amount} is positive with at most two decimals. */
    public record Entry(EntryKind kind, Account from, Account to, BigDecimal amount, int fiscalYear, UUID claimId,
            String note) {

        public Entry {
            if (amount.signum() <= 0 || amount.scale() > Yuan.SCALE) {
                throw new IllegalArgumentException("a movement is a positive amount in fen: " + amount);
            }
            if (from.key().equals(to.key())) {
                throw new IllegalArgumentException("a movement needs two accounts: " + from.key());
            }
            amount = Yuan.exact(amount);
        }

        public static Entry of(EntryKind kind, Account from, Account to, BigDecimal amount, int fiscalYear) {
            return new Entry(kind, from, to, amount, fiscalYear, null, null);
        }
    }

    private final EntityManager em;
    private final Clock clock;

    public FundJournal(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Posts the movements as one operation (they share the returned posting id). If an account would go below
     * zero, throws {@code 409 insufficient-balance} and the caller's transaction must roll back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID post(List<Entry> entries, String by) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to post");
        }
        UUID posting = UUID.randomUUID();
        Instant at = clock.instant();
        em.flush();
        String byName = DisplayName.current();
        em.unwrap(Session.class).doWork(c -> post(c, posting, entries, by, byName, at));
        return posting;
    }

    /**
     * The posting itself, on the caller's connection and in its transaction: accounts opened on first use,
     * balances moved by conditional update in account-key order, the entries inserted. Throws {@code 409
     * insufficient-balance} (before any entry is inserted) if an account other than a source would go below zero.
     */
    public static void post(java.sql.Connection c, UUID posting, List<Entry> entries, String by, Instant at)
            throws java.sql.SQLException {
        post(c, posting, entries, by, null, at);
    }

    /** As {@link #post(java.sql.Connection, UUID, List, String, Instant)}, with the display name of who posted. */
    public static void post(java.sql.Connection c, UUID posting, List<Entry> entries, String by, String byName,
            Instant at) throws java.sql.SQLException {
        Map<String, Account> accounts = new TreeMap<>();
        Map<String, BigDecimal> delta = new TreeMap<>();
        for (Entry e : entries) {
            accounts.put(e.from().key(), e.from());
            accounts.put(e.to().key(), e.to());
            delta.merge(e.from().key(), e.amount().negate(), BigDecimal::add);
            delta.merge(e.to().key(), e.amount(), BigDecimal::add);
        }
        try (PreparedStatement open = c.prepareStatement("insert into account (account_key, kind, allocation_id,"
                + " line_id, contract_id, balance) values (?, ?, ?, ?, ?, 0) on conflict do nothing")) {
            for (Account a : accounts.values()) {
                open.setString(1, a.key());
                open.setString(2, a.kind().name());
                open.setObject(3, a.allocationId());
                open.setObject(4, a.lineId(), Types.OTHER);
                open.setObject(5, a.contractId(), Types.OTHER);
                open.addBatch();
            }
            open.executeBatch();
        }
        try (PreparedStatement move = c.prepareStatement("update account set balance = balance + ?"
                + " where account_key = ? and (kind = 'SOURCE' or balance + ? >= 0)")) {
            for (Map.Entry<String, BigDecimal> d : delta.entrySet()) {
                if (d.getValue().signum() == 0) {
                    continue;
                }
                move.setBigDecimal(1, d.getValue());
                move.setString(2, d.getKey());
                move.setBigDecimal(3, d.getValue());
                if (move.executeUpdate() == 0) {
                    Account a = accounts.get(d.getKey());
                    throw new ProblemException(org.springframework.http.HttpStatus.CONFLICT,
                            "insufficient-balance", a.kind().name(), Yuan.format(d.getValue().negate()),
                            Yuan.format(balance(c, a.key())));
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("insert into journal_entry (id, posting_id, kind,"
                + " from_account, to_account, amount, allocation_id, line_id, contract_id, claim_id, fiscal_year,"
                + " note, created_by, created_by_name, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Entry e : entries) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, posting);
                insert.setString(3, e.kind().name());
                insert.setString(4, e.from().key());
                insert.setString(5, e.to().key());
                insert.setBigDecimal(6, e.amount());
                insert.setObject(7, e.from().allocationId());
                insert.setObject(8, e.from().lineId() != null ? e.from().lineId() : e.to().lineId(), Types.OTHER);
                insert.setObject(9, e.from().contractId() != null ? e.from().contractId() : e.to().contractId(),
                        Types.OTHER);
                insert.setObject(10, e.claimId(), Types.OTHER);
                insert.setInt(11, e.fiscalYear());
                insert.setString(12, e.note());
                insert.setString(13, by);
                insert.setString(14, byName);
                insert.setTimestamp(15, Timestamp.from(at));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static BigDecimal balance(java.sql.Connection c, String key) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("select balance from account where account_key = ?")) {
            ps.setString(1, key);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : BigDecimal.ZERO.setScale(Yuan.SCALE);
            }
        }
    }

    /** An account's balance as kept, in the caller's tenant. */
    @Transactional(readOnly = true)
    public BigDecimal balance(Account account) {
        List<?> found = em.createNativeQuery("select balance from account where account_key = ?1")
                .setParameter(1, account.key()).getResultList();
        return found.isEmpty() ? BigDecimal.ZERO.setScale(Yuan.SCALE) : (BigDecimal) found.get(0);
    }

    /**
     * Kept balances next to the journal's sums, for every account where they differ, and every allocation whose
     * recorded amount differs from what the journal moved into it (none of either, if all is well).
     */
    public record Difference(String account, BigDecimal kept, BigDecimal journal) {
    }

    @Transactional(readOnly = true)
    public List<Difference> reconcile() {
        List<Difference> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select a.account_key, a.balance, coalesce(i.s, 0) - coalesce(o.s, 0) as journal
                from account a
                left join (select to_account k, sum(amount) s from journal_entry group by to_account) i
                  on i.k = a.account_key
                left join (select from_account k, sum(amount) s from journal_entry group by from_account) o
                  on o.k = a.account_key
                where a.balance <> coalesce(i.s, 0) - coalesce(o.s, 0)
                order by a.account_key""").getResultList();
        for (Object[] r : rows) {
            out.add(new Difference((String) r[0], (BigDecimal) r[1], (BigDecimal) r[2]));
        }
        // an allocation's amount as recorded, next to what the fund moved into it net of cuts
        @SuppressWarnings("unchecked")
        List<Object[]> allocations = em.createNativeQuery("""
                select 'ALLOCATION:' || a.id, a.current_amount, coalesce(j.s, 0)
                from allocation a
                left join (select allocation_id, sum(case kind when 'ALLOCATION' then amount else -amount end) s
                           from journal_entry where kind in ('ALLOCATION', 'ALLOCATION_CUT') group by allocation_id) j
                  on j.allocation_id = a.id
                where a.current_amount <> coalesce(j.s, 0)
                order by a.id""").getResultList();
        for (Object[] r : allocations) {
            out.add(new Difference((String) r[0], (BigDecimal) r[1], (BigDecimal) r[2]));
        }
        return out;
    }
}
