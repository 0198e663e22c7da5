package org.warmnest.care.timebank;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;

/**
 * The time bank's posting, on the caller's connection and in its transaction: each move changes its account's
 * balance by a conditional update (accounts taken in id order, so two postings never deadlock) and is entered with
 * the balance it left. A move that would take a balance below zero refuses the whole posting
 * ({@code 409 time-balance-insufficient}); the caller's transaction must roll back.
 */
public final class TimeLedger {

    public enum Kind { EARN, REDEEM, DONATE_OUT, DONATE_IN, TRANSFER_OUT, TRANSFER_IN, CAP_OUT, CAP_IN, EXPIRE }

    /** Minutes into an account (positive) or out of it (negative), with what they were for. */
    public record Move(UUID accountId, Kind kind, int minutes, UUID visitId, UUID counterpartId, String beneficiary,
            UUID beneficiaryElderId, String note) {

        public static Move of(UUID account, Kind kind, int minutes) {
            return new Move(account, kind, minutes, null, null, null, null, null);
        }
    }

    private TimeLedger() {
    }

    public static void post(Connection c, UUID posting, List<Move> moves, String by, Instant at) throws SQLException {
        List<Move> ordered = moves.stream().sorted(Comparator.comparing(m -> m.accountId().toString())).toList();
        try (PreparedStatement move = c.prepareStatement("update time_account set balance_minutes = balance_minutes"
                + " + ? where id = ? and balance_minutes + ? >= 0 returning balance_minutes");
                PreparedStatement insert = c.prepareStatement("insert into time_entry (id, posting_id, account_id,"
                        + " kind, minutes, balance_after, visit_id, counterpart_id, beneficiary, beneficiary_elder_id,"
                        + " note, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Move m : ordered) {
                if (m.minutes() == 0) {
                    continue;
                }
                move.setInt(1, m.minutes());
                move.setObject(2, m.accountId());
                move.setInt(3, m.minutes());
                int after;
                try (ResultSet rs = move.executeQuery()) {
                    if (!rs.next()) {
                        throw new ProblemException(HttpStatus.CONFLICT, "time-balance-insufficient",
                                hours(-m.minutes()), hours(balance(c, m.accountId())));
                    }
                    after = rs.getInt(1);
                }
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, posting);
                insert.setObject(3, m.accountId());
                insert.setString(4, m.kind().name());
                insert.setInt(5, m.minutes());
                insert.setInt(6, after);
                insert.setObject(7, m.visitId(), Types.OTHER);
                insert.setObject(8, m.counterpartId(), Types.OTHER);
                insert.setString(9, m.beneficiary());
                insert.setObject(10, m.beneficiaryElderId(), Types.OTHER);
                insert.setString(11, m.note());
                insert.setString(12, by);
                insert.setTimestamp(13, Timestamp.from(at));
                insert.executeUpdate();
            }
        }
    }

    /**
     * What expires at the cutoff, per account: what came in before it less everything that went out since the
     * account opened (outflows spend the oldest minutes first), when that is above zero. Never more than the
     * balance, since what came in after the cutoff is not counted.
     */
    public static List<Move> expiring(Connection c, Instant cutoff) throws SQLException {
        List<Move> moves = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select account_id, coalesce(sum(minutes) filter (where minutes > 0 and created_at < ?), 0)
                                 + coalesce(sum(minutes) filter (where minutes < 0), 0)
                from time_entry group by account_id
                having coalesce(sum(minutes) filter (where minutes > 0 and created_at < ?), 0)
                     + coalesce(sum(minutes) filter (where minutes < 0), 0) > 0
                order by account_id""")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            ps.setTimestamp(2, Timestamp.from(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    moves.add(new Move(rs.getObject(1, UUID.class), Kind.EXPIRE, -rs.getInt(2), null, null, null,
                            null, "到期清零"));
                }
            }
        }
        return moves;
    }

    static int balance(Connection c, UUID account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select balance_minutes from time_account where id = ?")) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Minutes as hours with two decimals, as people read them (one hour of service is one unit). */
    public static String hours(long minutes) {
        return java.math.BigDecimal.valueOf(minutes).divide(java.math.BigDecimal.valueOf(60), 2,
                java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
