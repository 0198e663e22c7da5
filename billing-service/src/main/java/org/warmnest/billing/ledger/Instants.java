package org.warmnest.billing.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.sql.Timestamp;

/** A timestamp as the driver gives it from a native query, as an instant. */
public final class Instants {

    private Instants() {
    }

    public static Instant of(Object o) {
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
}
