package org.warmnest.care.ledger;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The conditions of a ledger's query and their values, in order: bound, never spliced into the SQL. */
final class Where {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> values = new ArrayList<>();

    Where and(String condition, Object... conditionValues) {
        sql.append(sql.isEmpty() ? " where " : " and ").append(condition);
        values.addAll(List.of(conditionValues));
        return this;
    }

    /** The condition with its one value, when there is a value. */
    Where andIf(Object value, String condition) {
        return value == null ? this : and(condition, value);
    }

    String sql() {
        return sql.toString();
    }

    List<Object> values() {
        return values;
    }

    static int bind(PreparedStatement s, List<Object> values) throws SQLException {
        int n = 1;
        for (Object v : values) {
            s.setObject(n++, v instanceof Instant i ? Timestamp.from(i) : v);
        }
        return n;
    }
}
