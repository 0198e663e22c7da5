package org.warmnest.care.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An elder paired with a volunteer or cadre (包保 / 结对), from a day, until ended or handed over. */
@Entity
@Table(name = "pairing")
class Pairing {

    /** Who made the pairing (三级包保). */
    enum Level { CITY, DISTRICT, STREET }

    @Id
    private UUID id;
    private UUID elderId;
    private UUID volunteerId;
    @Enumerated(EnumType.STRING)
    private Level level;
    private String organisedBy;
    private LocalDate startedOn;
    private LocalDate endedOn;
    private String endReason;
    private UUID handedOverFrom;
    private UUID planItemId;
    private String createdBy;
    private Instant createdAt;
    private String endedBy;
    @Version
    private Long version;

    protected Pairing() {
    }

    Pairing(UUID id, UUID elderId, UUID volunteerId, Level level, String organisedBy, LocalDate startedOn,
            UUID handedOverFrom, UUID planItemId, String by, Instant at) {
        this.id = id;
        this.elderId = elderId;
        this.volunteerId = volunteerId;
        this.level = level;
        this.organisedBy = organisedBy;
        this.startedOn = startedOn;
        this.handedOverFrom = handedOverFrom;
        this.planItemId = planItemId;
        this.createdBy = by;
        this.createdAt = at;
    }

    void end(LocalDate on, String reason, String by) {
        this.endedOn = on;
        this.endReason = reason;
        this.endedBy = by;
    }

    UUID id() { return id; }
    UUID elderId() { return elderId; }
    UUID volunteerId() { return volunteerId; }
    Level level() { return level; }
    String organisedBy() { return organisedBy; }
    LocalDate startedOn() { return startedOn; }
    LocalDate endedOn() { return endedOn; }
    String endReason() { return endReason; }
    UUID handedOverFrom() { return handedOverFrom; }
    UUID planItemId() { return planItemId; }
    String createdBy() { return createdBy; }
    Instant createdAt() { return createdAt; }
    long version() { return version; }
}
