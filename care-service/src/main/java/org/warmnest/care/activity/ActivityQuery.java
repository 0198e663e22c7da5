package org.warmnest.care.activity;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.warmnest.platform.problem.ProblemException;

import jakarta.validation.constraints.Size;

/**
 * What the lists and the figures are asked for, from the query string: the period (days inclusive; a list may
 * leave either end open, the figures need both) and, optionally, a street, community or grid.
 */
record ActivityQuery(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        @Size(max = 32) String streetCode, @Size(max = 32) String communityCode, @Size(max = 32) String gridCode) {

    /** The period checked, and the caller's contractor. */
    ActivityScope scope() {
        return ActivityScope.ofCaller(from, to, streetCode, communityCode, gridCode);
    }

    /** As {@link #scope()}, both ends of the period required. */
    ActivityScope closedScope() {
        if (from == null) {
            throw ProblemException.invalid("from", "required");
        }
        if (to == null) {
            throw ProblemException.invalid("to", "required");
        }
        return scope();
    }
}
