package org.warmnest.care.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;

/**
 * What a ledger covers: the days of the period (inclusive, China time), the area (any of street, community and
 * grid) and, for contractor staff, their contractor; the bureau and auditors see the tenant's whole area.
 */
record LedgerScope(LocalDate from, LocalDate to, String streetCode, String communityCode, String gridCode,
        UUID contractorId) {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final int MAX_DAYS = 366;

    /** The period checked as compliance checks it (same field codes), the caller's contractor if any. */
    static LedgerScope of(LocalDate from, LocalDate to, String streetCode, String communityCode, String gridCode) {
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "before-from");
        }
        if (to.toEpochDay() - from.toEpochDay() >= MAX_DAYS) {
            throw ProblemException.invalid("to", "period-too-long");
        }
        return new LedgerScope(from, to, blankToNull(streetCode), blankToNull(communityCode),
                blankToNull(gridCode), CurrentUser.get().contractorScope().orElse(null));
    }

    /** The first instant of the period. */
    Instant start() {
        return from.atStartOfDay(CHINA).toInstant();
    }

    /** The first instant after the period. */
    Instant end() {
        return to.plusDays(1).atStartOfDay(CHINA).toInstant();
    }

    /** The area and contractor conditions on a table with {@code street_code}, {@code community_code}, {@code grid_code}. */
    Where area(Where where, String alias, String contractorAlias) {
        return where.andIf(streetCode, alias + ".street_code = ?")
                .andIf(communityCode, alias + ".community_code = ?")
                .andIf(gridCode, alias + ".grid_code = ?")
                .andIf(contractorId, contractorAlias + ".contractor_id = ?");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
