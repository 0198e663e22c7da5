package org.warmnest.care.visit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.warmnest.care.plan.ContactMode;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A contact or visit and what was done. Readings and medicines are health data, held only encrypted, with plain
 * counts of what was out of range or expired. Once verified it never changes (a trigger sees to it); an
 * amendment is a new visit that supersedes it when verified in turn.
 */
@Entity
@Table(name = "visit")
class Visit {

    enum Status { RECORDED, VERIFIED, REJECTED, SUPERSEDED }

    enum PerformerKind { WORKER, VOLUNTEER, CADRE }

    @Id
    private UUID id;
    private UUID elderId;
    private UUID contractorId;
    private UUID programId;
    @Enumerated(EnumType.STRING)
    private ContactMode mode;
    @Enumerated(EnumType.STRING)
    private PerformerKind performerKind;
    private String performedBy;
    private String performerName;
    private Instant startedAt;
    private Instant endedAt;
    private LocalDate performedOn;
    private int durationMinutes;
    private Instant checkInAt;
    private BigDecimal checkInLatitude;
    private BigDecimal checkInLongitude;
    private Instant checkOutAt;
    private BigDecimal checkOutLatitude;
    private BigDecimal checkOutLongitude;
    private Integer distanceMeters;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> locationFlags = new ArrayList<>();
    private String healthCipher;
    private short readingsTaken;
    private short readingsOutOfRange;
    private short medicinesChecked;
    private short medicinesExpired;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> safetyChecked = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    private String supplies;
    private String suppliesSignedBy;
    private Instant suppliesSignedAt;
    private String companionship;
    private String note;
    @Enumerated(EnumType.STRING)
    private Status status;
    private UUID amendsId;
    private UUID supersededById;
    private String amendmentReason;
    private String recordedBy;
    /** Who created the recorder's account (its token's {@code created_by}), when known. */
    private String recordedByCreator;
    private Instant recordedAt;
    private String reviewedBy;
    private Instant reviewedAt;
    private String reviewNote;
    @Version
    private Long version;

    protected Visit() {
    }

    Visit(UUID id, UUID elderId, UUID contractorId, UUID programId, ContactMode mode, PerformerKind performerKind,
            String performedBy, String performerName, Instant startedAt, Instant endedAt, LocalDate performedOn,
            String recordedBy, String recordedByCreator, Instant recordedAt) {
        this.id = id;
        this.elderId = elderId;
        this.contractorId = contractorId;
        this.programId = programId;
        this.mode = mode;
        this.performerKind = performerKind;
        this.performedBy = performedBy;
        this.performerName = performerName;
        this.startedAt = startedAt;
        this.endedAt = endedAt;
        this.performedOn = performedOn;
        this.durationMinutes = (int) java.time.Duration.between(startedAt, endedAt).toMinutes();
        this.status = Status.RECORDED;
        this.recordedBy = recordedBy;
        this.recordedByCreator = recordedByCreator;
        this.recordedAt = recordedAt;
        this.supplies = "[]";
    }

    void place(Instant checkInAt, BigDecimal inLat, BigDecimal inLng, Instant checkOutAt, BigDecimal outLat,
            BigDecimal outLng, Integer distanceMeters, List<String> flags) {
        this.checkInAt = checkInAt;
        this.checkInLatitude = inLat;
        this.checkInLongitude = inLng;
        this.checkOutAt = checkOutAt;
        this.checkOutLatitude = outLat;
        this.checkOutLongitude = outLng;
        this.distanceMeters = distanceMeters;
        this.locationFlags = new ArrayList<>(flags);
    }

    void health(String healthCipher, int readings, int outOfRange, int medicines, int expired) {
        this.healthCipher = healthCipher;
        this.readingsTaken = (short) readings;
        this.readingsOutOfRange = (short) outOfRange;
        this.medicinesChecked = (short) medicines;
        this.medicinesExpired = (short) expired;
    }

    void content(List<String> safetyChecked, String suppliesJson, String signedBy, Instant signedAt,
            String companionship, String note) {
        this.safetyChecked = new ArrayList<>(safetyChecked);
        this.supplies = suppliesJson;
        this.suppliesSignedBy = signedBy;
        this.suppliesSignedAt = signedAt;
        this.companionship = companionship;
        this.note = note;
    }

    void amends(UUID original, String reason) {
        this.amendsId = original;
        this.amendmentReason = reason;
    }

    UUID id() { return id; }
    UUID elderId() { return elderId; }
    UUID contractorId() { return contractorId; }
    UUID programId() { return programId; }
    ContactMode mode() { return mode; }
    PerformerKind performerKind() { return performerKind; }
    String performedBy() { return performedBy; }
    String performerName() { return performerName; }
    Instant startedAt() { return startedAt; }
    Instant endedAt() { return endedAt; }
    LocalDate performedOn() { return performedOn; }
    int durationMinutes() { return durationMinutes; }
    Instant checkInAt() { return checkInAt; }
    BigDecimal checkInLatitude() { return checkInLatitude; }
    BigDecimal checkInLongitude() { return checkInLongitude; }
    Instant checkOutAt() { return checkOutAt; }
    BigDecimal checkOutLatitude() { return checkOutLatitude; }
    BigDecimal checkOutLongitude() { return checkOutLongitude; }
    Integer distanceMeters() { return distanceMeters; }
    List<String> locationFlags() { return locationFlags; }
    String healthCipher() { return healthCipher; }
    int readingsTaken() { return readingsTaken; }
    int readingsOutOfRange() { return readingsOutOfRange; }
    int medicinesChecked() { return medicinesChecked; }
    int medicinesExpired() { return medicinesExpired; }
    List<String> safetyChecked() { return safetyChecked; }
    String suppliesJson() { return supplies; }
    String suppliesSignedBy() { return suppliesSignedBy; }
    Instant suppliesSignedAt() { return suppliesSignedAt; }
    String companionship() { return companionship; }
    String note() { return note; }
    Status status() { return status; }
    UUID amendsId() { return amendsId; }
    UUID supersededById() { return supersededById; }
    String amendmentReason() { return amendmentReason; }
    String recordedBy() { return recordedBy; }
    String recordedByCreator() { return recordedByCreator; }
    Instant recordedAt() { return recordedAt; }
    String reviewedBy() { return reviewedBy; }
    Instant reviewedAt() { return reviewedAt; }
    String reviewNote() { return reviewNote; }
    Long version() { return version; }
}
