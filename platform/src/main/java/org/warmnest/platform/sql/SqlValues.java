package org.warmnest.platform.sql;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Values of a native query's row as the JDBC driver or Hibernate hands them over, as java.time types. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A {@code timestamptz} value (Instant, OffsetDateTime or Timestamp) as an instant; null stays null. */
    public static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return ((Timestamp) o).toInstant();
    }

    /** A {@code date} value (LocalDate or java.sql.Date) as a local date; null stays null. */
    public static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
