package org.warmnest.launcher;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The demo's dates, counted back from the day it is loaded (in China), so that its records stay inside the windows
 * the services allow (a visit at most 31 days late, a contract of at most a year): phase 1's contract began two
 * months ago, and the week of care ended yesterday.
 */
record DemoCalendar(LocalDate today) {

    static DemoCalendar now() {
        return new DemoCalendar(LocalDate.now(ZoneId.of("Asia/Shanghai")));
    }

    LocalDate termStart() {
        return today.minusDays(60);
    }

    LocalDate termEnd() {
        return termStart().plusYears(1).minusDays(1);
    }

    LocalDate awardedOn() {
        return termStart().minusDays(12);
    }

    LocalDate signedOn() {
        return termStart().minusDays(5);
    }

    LocalDate weekFrom() {
        return today.minusDays(7);
    }

    LocalDate weekTo() {
        return today.minusDays(1);
    }

    int fiscalYear() {
        return today.getYear();
    }
}
