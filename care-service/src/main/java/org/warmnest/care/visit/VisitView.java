package org.warmnest.care.visit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.warmnest.care.plan.ContactMode;
import org.warmnest.platform.catalogue.ServiceItem;

/**
 * A visit as normal reads show it: readings and medicines only as counts (the values are health data, read in
 * full through the audited sensitive-data read).
 */
record VisitView(UUID id, UUID elderId, UUID contractorId, UUID programId, ContactMode mode, String modeLabel,
        Visit.PerformerKind performerKind, String performedBy, String performerName, Instant startedAt,
        Instant endedAt, LocalDate performedOn, int durationMinutes, Place checkIn, Place checkOut,
        Integer distanceMeters, List<String> locationFlags, List<Line> services, int readingsTaken,
        int readingsOutOfRange, int medicinesChecked, int medicinesExpired, List<String> safetyChecked,
        List<VisitRequest.Supply> supplies, String suppliesSignedBy, Instant suppliesSignedAt, String companionship,
        String note, List<ConcernView> concerns, Visit.Status status, UUID amendsId, UUID supersededById,
        String amendmentReason, String recordedBy, Instant recordedAt, String reviewedBy, Instant reviewedAt,
        String reviewNote, Long version) {

    record Place(Instant at, BigDecimal latitude, BigDecimal longitude) {
    }

    record Line(ServiceItem item, String label, int quantity, UUID billingKey) {
    }

    record ConcernView(UUID id, Concern.Kind kind, String category, String categoryLabel, String description,
            String advice, Concern.Status status, LocalDate foundOn, LocalDate closedOn, String outcome,
            Long version) {

        static ConcernView of(Concern c) {
            return new ConcernView(c.id(), c.kind(), c.category(), Concern.label(c.kind(), c.category()),
                    c.description(), c.advice(), c.status(), c.foundOn(), c.closedOn(), c.outcome(), c.version());
        }
    }

    static VisitView of(Visit v, List<VisitLine> lines, List<Concern> concerns, List<VisitRequest.Supply> supplies) {
        return new VisitView(v.id(), v.elderId(), v.contractorId(), v.programId(), v.mode(), v.mode().label,
                v.performerKind(), v.performedBy(), v.performerName(), v.startedAt(), v.endedAt(), v.performedOn(),
                v.durationMinutes(),
                v.checkInAt() == null ? null : new Place(v.checkInAt(), v.checkInLatitude(), v.checkInLongitude()),
                v.checkOutAt() == null ? null : new Place(v.checkOutAt(), v.checkOutLatitude(), v.checkOutLongitude()),
                v.distanceMeters(), v.locationFlags(),
                lines.stream().map(l -> new Line(l.serviceItem(), l.serviceItem().label, l.quantity(), l.billingKey()))
                        .toList(),
                v.readingsTaken(), v.readingsOutOfRange(), v.medicinesChecked(), v.medicinesExpired(),
                v.safetyChecked(), supplies, v.suppliesSignedBy(), v.suppliesSignedAt(), v.companionship(), v.note(),
                concerns.stream().map(ConcernView::of).toList(), v.status(), v.amendsId(), v.supersededById(),
                v.amendmentReason(), v.recordedBy(), v.recordedAt(), v.reviewedBy(), v.reviewedAt(), v.reviewNote(),
                v.version());
    }
}
