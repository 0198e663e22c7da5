package org.warmnest.care.alert;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Raising an alert from a missed contact (the cadence engine's use: a three-asks contact not made by its
 * deadline). Runs without a user, as the system; must be called with the tenant set
 * ({@code TenantContext.runAs}). Joins the caller's transaction if there is one.
 */
public interface AlertRaising {

    /**
     * Raises a MISSED_CONTACT alert about the elder, or returns the alert already raised for this plan item and
     * day: once per (planItemId, day), however often it is called. Problems: {@code elder-not-found} (404),
     * {@code alert-elder-not-active} (409) when the elder has moved, died or withdrawn.
     *
     * @param detail what was missed, in words, for the timeline and the people on duty
     */
    UUID raiseMissedContact(UUID elderId, UUID planItemId, LocalDate day, String detail);
}
