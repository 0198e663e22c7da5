package org.warmnest.care.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.Session;
import org.springframework.stereotype.Component;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantContext;

import jakarta.persistence.EntityManager;

/**
 * Runs a ledger's SQL on the caller's transaction and connection (so in the tenant's schema), and names areas.
 * The callers are read-only transactions.
 */
@Component
class LedgerSql {

    /** Exports stop here: a year of a district's visits is well below it. */
    static final int EXPORT_LIMIT = 50_000;

    interface Mapper<T> {
        T map(ResultSet r) throws SQLException;
    }

    private final EntityManager em;
    private final AreaDirectory areas;

    LedgerSql(EntityManager em, AreaDirectory areas) {
        this.em = em;
        this.areas = areas;
    }

    <T> List<T> list(String sql, List<Object> values, Mapper<T> mapper) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                Where.bind(s, values);
                s.setFetchSize(1_000);
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

    /** A page of rows: the query's values, then the limit and offset. */
    <T> List<T> page(String sql, Where where, int offset, int limit, Mapper<T> mapper) {
        List<Object> values = new ArrayList<>(where.values());
        values.add(limit);
        values.add(offset);
        return list(sql + " limit ? offset ?", values, mapper);
    }

    long count(String sql, Where where) {
        return list(sql, where.values(), r -> r.getLong(1)).get(0);
    }

    /** Area names by grid code; codes alone when tenant-service cannot answer (a ledger still comes out). */
    Map<String, AreaDirectory.GridPlace> places() {
        try {
            return areas.grids(TenantContext.require());
        } catch (ProblemException e) {
            return Map.of();
        }
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static LocalDate date(ResultSet r, int column) throws SQLException {
        return r.getObject(column, LocalDate.class);
    }

    static UUID uuid(ResultSet r, int column) throws SQLException {
        return r.getObject(column, UUID.class);
    }

    static Integer integer(ResultSet r, int column) throws SQLException {
        int v = r.getInt(column);
        return r.wasNull() ? null : v;
    }

    static Double decimal(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }
}
