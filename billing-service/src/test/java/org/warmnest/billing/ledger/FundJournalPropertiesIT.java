package org.warmnest.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.postgresql.ds.PGSimpleDataSource;
import org.warmnest.billing.ledger.FundJournal.Entry;
import org.warmnest.billing.ledger.FundJournal.EntryKind;
import org.warmnest.platform.migration.AppLogin;
import org.warmnest.platform.migration.MigrationProperties;
import org.warmnest.platform.migration.TenantSchemaMigrator;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.test.TestDatabases;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The journal's invariants over random sequences of operations, on a real tenant schema: every movement the
 * journal takes leaves each account (but the fund's source) at zero or above, a movement that would take one
 * below is refused whole and changes nothing, money is neither made nor lost (an allocation's accounts always sum
 * to zero), and the kept balances always equal the sums of the journal's entries. A plain model of the balances
 * is checked against the database after every step.
 */
class FundJournalPropertiesIT {

    static final TenantCode TENANT = TenantCode.of("530600");
    static String url;
    static String user;
    static String password;

    @BeforeContainer
    static void schema() {
        TestDatabases.Database db = TestDatabases.create();
        url = db.url() + "?currentSchema=" + TENANT.schema();
        user = db.username();
        password = db.password();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.url());
        ds.setUser(db.migrationUsername());
        ds.setPassword(db.migrationPassword());
        TenantSchemaMigrator migrator = new TenantSchemaMigrator(ds,
                new MigrationProperties(null, null, 1, true, false));
        // the properties run as the service's requests do: as the application login
        migrator.useAppLogin(new AppLogin(db.username(), List.of("journal_entry", "allocation_amendment", "paid_service")));
        migrator.migrateRegistry();
        migrator.migrateTenant(TENANT);
    }

    /** One step: a kind of movement between two of the allocation's accounts (by index), and an amount in fen. */
    record Step(EntryKind kind, int line, int contract, long fen, long secondFen) {
    }

    static final int LINES = 2;
    static final int CONTRACTS = 2;

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<EntryKind> kinds = Arbitraries.of(EntryKind.ALLOCATION, EntryKind.ALLOCATION_CUT, EntryKind.BUDGET,
                EntryKind.UNBUDGET, EntryKind.COMMITMENT, EntryKind.RELEASE, EntryKind.DRAWDOWN,
                EntryKind.HOLDBACK_RELEASE, EntryKind.HOLDBACK_FORFEIT, EntryKind.RETURN, EntryKind.CARRY_OVER);
        Arbitrary<Long> fen = Arbitraries.oneOf(Arbitraries.longs().between(1, 100),
                Arbitraries.longs().between(1, 50_000_000L), Arbitraries.just(100_000_000L));
        Arbitrary<Step> step = Combinators.combine(kinds, Arbitraries.integers().between(0, LINES - 1),
                Arbitraries.integers().between(0, CONTRACTS - 1), fen, Arbitraries.longs().between(0, 5_000_000L))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    /** The accounts of one allocation with two lines and two contracts. */
    static final class Book {
        final UUID allocation = UUID.randomUUID();
        final UUID[] lines = { UUID.randomUUID(), UUID.randomUUID() };
        final UUID[] contracts = { UUID.randomUUID(), UUID.randomUUID() };

        Account source() {
            return Account.source(allocation);
        }

        Account pool() {
            return Account.pool(allocation);
        }

        Account line(int i) {
            return Account.line(allocation, lines[i]);
        }

        Account committed(int c, int i) {
            return Account.committed(allocation, lines[i], contracts[c]);
        }

        Account held(int c, int i) {
            return Account.held(allocation, lines[i], contracts[c]);
        }

        Account paid(int c, int i) {
            return Account.paid(allocation, lines[i], contracts[c]);
        }

        /** The movements a step asks for (a drawdown pays and holds back in one posting). */
        List<Entry> entries(Step s) {
            BigDecimal amount = BigDecimal.valueOf(s.fen(), 2);
            int i = s.line();
            int c = s.contract();
            return switch (s.kind()) {
                case ALLOCATION -> List.of(Entry.of(s.kind(), source(), pool(), amount, 2026));
                case ALLOCATION_CUT -> List.of(Entry.of(s.kind(), pool(), source(), amount, 2026));
                case BUDGET -> List.of(Entry.of(s.kind(), pool(), line(i), amount, 2026));
                case UNBUDGET -> List.of(Entry.of(s.kind(), line(i), pool(), amount, 2026));
                case COMMITMENT -> List.of(Entry.of(s.kind(), line(i), committed(c, i), amount, 2026));
                case RELEASE -> List.of(Entry.of(s.kind(), committed(c, i), line(i), amount, 2026));
                case DRAWDOWN -> s.secondFen() == 0 ? List.of(Entry.of(s.kind(), committed(c, i), paid(c, i), amount, 2026))
                        : List.of(Entry.of(s.kind(), committed(c, i), paid(c, i), amount, 2026),
                                Entry.of(EntryKind.HOLDBACK, committed(c, i), held(c, i),
                                        BigDecimal.valueOf(s.secondFen(), 2), 2026));
                case HOLDBACK_RELEASE -> List.of(Entry.of(s.kind(), held(c, i), paid(c, i), amount, 2026));
                case HOLDBACK_FORFEIT -> List.of(Entry.of(s.kind(), held(c, i), line(i), amount, 2026));
                case RETURN -> List.of(Entry.of(s.kind(), line(i), source(), amount, 2026));
                case CARRY_OVER -> List.of(Entry.of(s.kind(), line(i), line(1 - i), amount, 2026));
                default -> throw new IllegalArgumentException(s.kind().name());
            };
        }
    }

    @Property(tries = 60)
    void theJournalNeverOverdrawsNeverLosesMoneyAndAlwaysReconciles(@ForAll("steps") List<Step> steps)
            throws SQLException {
        Book book = new Book();
        Map<String, BigDecimal> model = new HashMap<>();
        int accepted = 0;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            setUp(c, book);
            c.setAutoCommit(false);
            for (Step step : steps) {
                List<Entry> entries = book.entries(step);
                Map<String, BigDecimal> after = new HashMap<>(model);
                for (Entry e : entries) {
                    after.merge(e.from().key(), e.amount().negate(), BigDecimal::add);
                    after.merge(e.to().key(), e.amount(), BigDecimal::add);
                }
                boolean fits = after.entrySet().stream()
                        .allMatch(a -> a.getKey().startsWith("SOURCE:") || a.getValue().signum() >= 0);
                boolean refused = false;
                try {
                    FundJournal.post(c, UUID.randomUUID(), entries, "property", Instant.now());
                    c.commit();
                } catch (ProblemException e) {
                    assertThat(e.code()).isEqualTo("insufficient-balance");
                    c.rollback();
                    refused = true;
                }
                assertThat(refused).as("refused %s with balances %s", step, model).isEqualTo(!fits);
                if (fits) {
                    model = after;
                    accepted += entries.size();
                }
                assertThat(balances(c, book)).as("after %s", step).isEqualTo(nonZero(model));
            }
            // nothing made, nothing lost; no account but the source below zero; kept = journal
            assertThat(sum(c, "select coalesce(sum(balance), 0) from account where allocation_id = ?", book))
                    .isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(sum(c, "select count(*) from account where allocation_id = ? and kind <> 'SOURCE'"
                    + " and balance < 0", book)).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(sum(c, "select count(*) from journal_entry where allocation_id = ?", book))
                    .isEqualByComparingTo(BigDecimal.valueOf(accepted));
            assertThat(sum(c, """
                    select count(*) from account a
                    where a.allocation_id = ? and a.balance <>
                      coalesce((select sum(amount) from journal_entry where to_account = a.account_key), 0)
                      - coalesce((select sum(amount) from journal_entry where from_account = a.account_key), 0)""",
                    book)).isEqualByComparingTo(BigDecimal.ZERO);
            c.commit();
        }
    }

    private static void setUp(Connection c, Book book) throws SQLException {
        try (PreparedStatement a = c.prepareStatement("insert into allocation (id, source, fiscal_year,"
                + " document_number, purpose, original_amount, current_amount, created_by, created_at, version)"
                + " values (?, 'MUNICIPAL_LOTTERY', 2026, 'P', 'property', 1, 1, 'property', now(), 0)")) {
            a.setObject(1, book.allocation);
            a.executeUpdate();
        }
        for (int i = 0; i < LINES; i++) {
            try (PreparedStatement l = c.prepareStatement("insert into budget_line (id, allocation_id, phase,"
                    + " district_code, name, fiscal_year, created_by, created_at) values (?, ?, ?, '530602', 'L',"
                    + " 2026, 'property', now())")) {
                l.setObject(1, book.lines[i]);
                l.setObject(2, book.allocation);
                l.setInt(3, i + 1);
                l.executeUpdate();
            }
        }
    }

    private static Map<String, BigDecimal> balances(Connection c, Book book) throws SQLException {
        Map<String, BigDecimal> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select account_key, balance from account where allocation_id"
                + " = ? and balance <> 0")) {
            ps.setObject(1, book.allocation);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros());
                }
            }
        }
        return out;
    }

    private static Map<String, BigDecimal> nonZero(Map<String, BigDecimal> model) {
        Map<String, BigDecimal> out = new HashMap<>();
        model.forEach((k, v) -> {
            if (v.signum() != 0) {
                out.put(k, v.stripTrailingZeros());
            }
        });
        return out;
    }

    private static BigDecimal sum(Connection c, String sql, Book book) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, book.allocation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }
}
