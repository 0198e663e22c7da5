package org.warmnest.care.activity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;

/**
 * What a list or the figures cover: the days of the period (inclusive; either end may be open for lists), the area
 * (any of street, community and grid) and, for contractor staff, their contractor. The bureau and auditors see the
 * tenant's whole area.
 */
record ActivityScope(LocalDate from, LocalDate to, String streetCode, String communityCode, String gridCode,
        UUID contractorId) {

    static final int MAX_DAYS = 366;

    static ActivityScope of(LocalDate from, LocalDate to, String streetCode, String communityCode, String gridCode,
            UUID contractorId) {
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                throw ProblemException.invalid("to", "before-from");
            }
            if (to.toEpochDay() - from.toEpochDay() >= MAX_DAYS) {
                throw ProblemException.invalid("to", "period-too-long");
            }
        }
        return new ActivityScope(from, to, blankToNull(streetCode), blankToNull(communityCode),
                blankToNull(gridCode), contractorId);
    }

    /** The caller's scope: contractor staff are confined to their contractor's rows. */
    static ActivityScope ofCaller(LocalDate from, LocalDate to, String streetCode, String communityCode,
            String gridCode) {
        return of(from, to, streetCode, communityCode, gridCode, callersContractor().orElse(null));
    }

    static Optional<UUID> callersContractor() {
        return CurrentUser.get().contractorScope();
    }

    /** Whose a new row is: contractor staff's rows are their contractor's; the bureau names one or none. */
    static UUID owner(UUID requested) {
        Optional<UUID> mine = callersContractor();
        if (mine.isPresent()) {
            if (requested != null && !requested.equals(mine.get())) {
                throw ProblemException.invalid("contractorId", "contractor-not-yours");
            }
            return mine.get();
        }
        return requested;
    }

    /** Conditions on the period (a date column), the area columns of {@code area} and the contractor column. */
    Conditions where(String dateColumn, String area, String contractorColumn) {
        Conditions c = new Conditions();
        c.andIf(from, dateColumn + " >= ?").andIf(to, dateColumn + " <= ?");
        return c.andIf(streetCode, area + ".street_code = ?").andIf(communityCode, area + ".community_code = ?")
                .andIf(gridCode, area + ".grid_code = ?").andIf(contractorId, contractorColumn + " = ?");
    }

    /** The conditions of a query and their values, in order. */
    static final class Conditions {

        private final StringBuilder sql = new StringBuilder();
        private final List<Object> values = new ArrayList<>();

        Conditions and(String condition, Object... conditionValues) {
            sql.append(sql.isEmpty() ? " where " : " and ").append(condition);
            values.addAll(List.of(conditionValues));
            return this;
        }

        Conditions andIf(Object value, String condition) {
            return value == null ? this : and(condition, value);
        }

        String sql() {
            return sql.toString();
        }

        List<Object> values() {
            return values;
        }

        /** The values, then a limit and an offset. */
        List<Object> paged(int offset, int limit) {
            List<Object> v = new ArrayList<>(values);
            v.add(limit);
            v.add(offset);
            return v;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
