package org.warmnest.care.timebank;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.postgresql.ds.PGSimpleDataSource;
import org.warmnest.care.timebank.TimeLedger.Kind;
import org.warmnest.care.timebank.TimeLedger.Move;
import org.warmnest.platform.migration.AppLogin;
import org.warmnest.platform.migration.MigrationProperties;
import org.warmnest.platform.migration.TenantSchemaMigrator;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.test.TestDatabases;

/**
 * The time bank's invariants over random sequences of movements (a property-based test; each repetition is one
 * sequence from a seed printed on failure), on a real tenant schema, checked step by step against a plain model:
 * a movement that would take any balance below zero is refused whole and changes nothing; donations and transfers
 * neither make nor lose minutes; every entry's balance follows from the one before it; and expiry takes exactly
 * what came in before the cutoff and was not spent (oldest first), never more than the balance.
 */
class TimeLedgerPropertiesIT {

    static final TenantCode TENANT = TenantCode.of("140830");
    static final long SEED = 20261126L;
    static String url;
    static String user;
    static String password;

    @BeforeAll
    static void schema() {
        TestDatabases.Database db = TestDatabases.create();
        url = db.url() + "?currentSchema=" + TENANT.schema();
        user = db.username();
        password = db.password();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.url());
        ds.setUser(db.migrationUsername());
        ds.setPassword(db.migrationPassword());
        TenantSchemaMigrator migrator = new TenantSchemaMigrator(ds, new MigrationProperties(null, null, 1, true, false));
        // the properties run as the service's requests do: as the application login
        migrator.useAppLogin(new AppLogin(db.username(), List.of("time_entry")));
        migrator.migrateTenant(TENANT);
    }

    /** Three accounts: their ids, and for each inflow its minutes and time (the model of what may expire). */
    static final class Model {
        final UUID[] accounts = { UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID() };
        final Map<UUID, Integer> balance = new HashMap<>();
        final Map<UUID, Integer> oldIn = new HashMap<>();
        final Map<UUID, Integer> out = new HashMap<>();
    }

    @RepeatedTest(40)
    void balancesNeverGoBelowZeroMovementsConserveMinutesAndExpiryTakesTheOldestUnspent(RepetitionInfo repetition)
            throws SQLException {
        long seed = SEED + repetition.getCurrentRepetition();
        Random random = new Random(seed);
        Model m = new Model();
        Instant now = Instant.now();
        Instant cutoff = now.minus(Duration.ofDays(3 * 365));
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            for (UUID a : m.accounts) {
                UUID volunteer = UUID.randomUUID();
                try (PreparedStatement ps = c.prepareStatement("insert into volunteer (id, name, kind, skills, status,"
                        + " created_at, updated_at, version) values (?, 'V', 'VOLUNTEER', '{}', 'ACTIVE', now(), now(), 0)")) {
                    ps.setObject(1, volunteer);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("insert into time_account (id, holder_kind, volunteer_id,"
                        + " balance_minutes, created_at) values (?, 'VOLUNTEER', ?, 0, now())")) {
                    ps.setObject(1, a);
                    ps.setObject(2, volunteer);
                    ps.executeUpdate();
                }
                m.balance.put(a, 0);
            }
            c.setAutoCommit(false);
            int steps = 1 + random.nextInt(60);
            for (int i = 0; i < steps; i++) {
                UUID a = m.accounts[random.nextInt(3)];
                UUID b = m.accounts[random.nextInt(3)];
                int minutes = 1 + random.nextInt(random.nextBoolean() ? 30 : 600);
                boolean old = random.nextInt(3) == 0;
                Instant at = old ? cutoff.minus(Duration.ofDays(1 + random.nextInt(400))) : now;
                List<Move> moves = new ArrayList<>();
                switch (random.nextInt(4)) {
                    case 0 -> moves.add(Move.of(a, Kind.TRANSFER_IN, minutes)); // minutes come in (as earned)
                    case 1 -> moves.add(Move.of(a, Kind.REDEEM, -minutes));
                    case 2 -> {
                        if (a.equals(b)) {
                            continue;
                        }
                        moves.add(Move.of(a, Kind.DONATE_OUT, -minutes));
                        moves.add(Move.of(b, Kind.DONATE_IN, minutes));
                    }
                    default -> {
                        if (a.equals(b)) {
                            continue;
                        }
                        moves.add(Move.of(a, Kind.TRANSFER_OUT, -minutes));
                        moves.add(Move.of(b, Kind.TRANSFER_IN, minutes));
                    }
                }
                Map<UUID, Integer> after = new HashMap<>(m.balance);
                moves.forEach(x -> after.merge(x.accountId(), x.minutes(), Integer::sum));
                boolean fits = after.values().stream().allMatch(v -> v >= 0);
                boolean refused = false;
                try {
                    TimeLedger.post(c, UUID.randomUUID(), moves, "property", at);
                    c.commit();
                } catch (ProblemException e) {
                    assertThat(e.code()).isEqualTo("time-balance-insufficient");
                    c.rollback();
                    refused = true;
                }
                assertThat(refused).as("seed %d, step %d: %s on %s", seed, i, moves, m.balance).isEqualTo(!fits);
                if (fits) {
                    m.balance.putAll(after);
                    for (Move x : moves) {
                        if (x.minutes() > 0 && old) {
                            m.oldIn.merge(x.accountId(), x.minutes(), Integer::sum);
                        } else if (x.minutes() < 0) {
                            m.out.merge(x.accountId(), -x.minutes(), Integer::sum);
                        }
                    }
                }
                for (UUID acc : m.accounts) {
                    assertThat(balance(c, acc)).as("seed %d, step %d", seed, i).isEqualTo(m.balance.get(acc));
                }
            }
            // the sum moves only with what came in or was redeemed; every entry follows from the one before
            assertThat(count(c, """
                    select count(*) from (select balance_after, minutes,
                      lag(balance_after, 1, 0) over (partition by account_id order by seq) as before
                      from time_entry where account_id = any(?)) e where balance_after <> before + minutes""", m))
                    .isZero();
            // expiry: what came in before the cutoff less everything spent, when above zero
            List<Move> expiring = TimeLedger.expiring(c, cutoff).stream()
                    .filter(x -> List.of(m.accounts).contains(x.accountId())).toList();
            for (UUID acc : m.accounts) {
                int expected = Math.max(0, m.oldIn.getOrDefault(acc, 0) - m.out.getOrDefault(acc, 0));
                int found = -expiring.stream().filter(x -> x.accountId().equals(acc)).mapToInt(Move::minutes).sum();
                assertThat(found).as("seed %d: expiring of %s", seed, acc).isEqualTo(expected)
                        .isLessThanOrEqualTo(m.balance.get(acc));
            }
            if (!expiring.isEmpty()) {
                TimeLedger.post(c, UUID.randomUUID(), expiring, "property", now);
            }
            c.commit();
            assertThat(TimeLedger.expiring(c, cutoff).stream().filter(x -> List.of(m.accounts).contains(x.accountId())))
                    .as("nothing is left to expire twice").isEmpty();
        }
    }

    private static int balance(Connection c, UUID account) throws SQLException {
        return TimeLedger.balance(c, account);
    }

    private static long count(Connection c, String sql, Model m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", m.accounts));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
