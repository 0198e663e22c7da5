package org.warmnest.platform.security;

import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;

import org.warmnest.platform.tenancy.TenantCode;

/**
 * Whether a contractor is engaged in a tenant today: what {@link ContractorScope} asks before contractor staff act
 * on the tenant. tenant-service owns engagements and answers from its tables; every other service asks it
 * ({@link TenantServiceEngagements}).
 */
public interface ContractorEngagements {

    /** Where a contractor stands in a tenant. */
    enum Standing {
        /** an engagement is in force today */
        ENGAGED,
        /** the tenant engaged it, but every engagement has ended */
        ENDED,
        /** no engagement (never engaged, deleted, or not started yet) */
        NOT_ENGAGED
    }

    /** One engagement's term as far as the standing goes; {@code end} null means open-ended. */
    record Term(LocalDate start, LocalDate end, boolean ended) {

        boolean inForceOn(LocalDate day) {
            return !ended && (start == null || !start.isAfter(day)) && (end == null || !end.isBefore(day));
        }

        boolean overBy(LocalDate day) {
            return ended || (end != null && end.isBefore(day));
        }
    }

    /** The contractor's standing in the tenant; throws {@code 503} when it cannot be known (fail closed). */
    Standing standing(TenantCode tenant, UUID contractor);

    /** The standing given the contractor's engagements in the tenant, on the day (China's date). */
    static Standing standingOf(Collection<Term> terms, LocalDate today) {
        if (terms.stream().anyMatch(t -> t.inForceOn(today))) {
            return Standing.ENGAGED;
        }
        return terms.stream().anyMatch(t -> t.overBy(today)) ? Standing.ENDED : Standing.NOT_ENGAGED;
    }
}
