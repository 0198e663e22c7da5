package org.warmnest.care.activity;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.Session;
import org.springframework.stereotype.Component;

import jakarta.persistence.EntityManager;

/**
 * Plain SQL on the caller's transaction and connection, so in the tenant's schema; values are bound, never spliced
 * into the SQL.
 */
@Component
class ActivitySql {

    interface Mapper<T> {
        T map(ResultSet r) throws SQLException;
    }

    private final EntityManager em;

    ActivitySql(EntityManager em) {
        this.em = em;
    }

    <T> List<T> list(String sql, List<?> values, Mapper<T> mapper) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(c, s, values);
                List<T> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(mapper.map(r));
                    }
                }
                return out;
            }
        });
    }

    long count(String sql, List<?> values) {
        return list(sql, values, r -> r.getLong(1)).get(0);
    }

    int update(String sql, Object... values) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(c, s, java.util.Arrays.asList(values));
                return s.executeUpdate();
            }
        });
    }

    /** The ids in the second column grouped by the id in the first, for the rows whose first column is in keys. */
    Map<UUID, List<UUID>> children(String sql, Collection<UUID> keys) {
        Map<UUID, List<UUID>> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, new ArrayList<>()));
        if (!keys.isEmpty()) {
            list(sql, ids(keys), r -> out.get(uuid(r, 1)).add(uuid(r, 2)));
        }
        return out;
    }

    /** The ids as one value: an SQL array, for {@code = any(?)}. */
    static List<Object> ids(Collection<UUID> ids) {
        return java.util.Collections.singletonList(ids.toArray(new UUID[0]));
    }

    private static void bind(Connection c, PreparedStatement s, List<?> values) throws SQLException {
        int n = 1;
        for (Object v : values) {
            if (v instanceof Instant i) {
                s.setTimestamp(n++, Timestamp.from(i));
            } else if (v instanceof UUID[] ids) {
                s.setArray(n++, c.createArrayOf("uuid", ids));
            } else {
                s.setObject(n++, v);
            }
        }
    }

    static UUID uuid(ResultSet r, int column) throws SQLException {
        return r.getObject(column, UUID.class);
    }

    static LocalDate date(ResultSet r, int column) throws SQLException {
        return r.getObject(column, LocalDate.class);
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Yuan as JSON shows money: a string with two decimals (null stays null). */
    static String yuan(BigDecimal v) {
        return v == null ? null : v.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
