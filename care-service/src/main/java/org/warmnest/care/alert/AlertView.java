package org.warmnest.care.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An alert as the API shows it: where it stands in the chain (level, deadline, whether it is overdue, the
 * reminders sent at the district bureau), every step with who and when, and the response times the ledgers use
 * (seconds from raise to acknowledgement and to resolution). The elder's name is as it was when raised.
 */
record AlertView(UUID id, UUID elderId, String elderName, UUID contractorId, Alert.Kind kind, String kindName,
        Alert.Source source, String description, UUID planItemId, LocalDate missedDay, String raisedBy,
        Instant raisedAt, String gridCode, String communityCode, String streetCode, AlertLevel level,
        String levelName, Instant levelSince, Instant ackDeadline, boolean overdue, int reminders,
        Alert.Status status, String acknowledgedBy, Instant acknowledgedAt, AlertLevel acknowledgedLevel,
        String acknowledgementNote, String actingBy, Instant actingAt, String actionNote, String resolvedBy,
        Instant resolvedAt, String resolution, FollowUp followUp, Long secondsToAcknowledge, Long secondsToResolve,
        long version) {

    record FollowUp(Instant visitedAt, Alert.FollowUpMode mode, String note, String by, Instant recordedAt,
            UUID serviceRecordId) {
    }

    static AlertView of(Alert a, Instant now) {
        return new AlertView(a.id(), a.elderId(), a.elderName(), a.contractorId(), a.kind(), a.kind().chineseName,
                a.source(), a.description(), a.planItemId(), a.missedDay(), a.raisedBy(), a.raisedAt(), a.gridCode(),
                a.communityCode(), a.streetCode(), a.level(), a.level().chineseName, a.levelSince(), a.ackDeadline(),
                a.status() == Alert.Status.OPEN && !a.ackDeadline().isAfter(now), a.notifyRound(), a.status(),
                a.acknowledgedBy(), a.acknowledgedAt(), a.acknowledgedLevel(), a.acknowledgementNote(), a.actingBy(),
                a.actingAt(), a.actionNote(), a.resolvedBy(), a.resolvedAt(), a.resolution(),
                a.followUpAt() == null ? null
                        : new FollowUp(a.followUpVisitedAt(), a.followUpMode(), a.followUpNote(), a.followUpBy(),
                                a.followUpAt(), a.serviceRecordId()),
                a.timeToAcknowledge() == null ? null : a.timeToAcknowledge().toSeconds(),
                a.timeToResolve() == null ? null : a.timeToResolve().toSeconds(), a.version());
    }

    /** One alert with its timeline, oldest first. */
    record Detail(AlertView alert, List<AlertTimeline.Event> timeline) {
    }
}
