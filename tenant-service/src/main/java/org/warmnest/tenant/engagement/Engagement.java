package org.warmnest.tenant.engagement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "engagement")
class Engagement {

    enum Status { ACTIVE, ENDED }

    @Id
    private UUID id;
    private UUID contractorId;
    private String programOwner;
    private UUID programId;
    private LocalDate startDate;
    private LocalDate endDate;
    @Enumerated(EnumType.STRING)
    private Status status;
    private Instant createdAt;
    private Instant updatedAt;
    /** A wrapper, so that a new entity with its id already assigned is persisted, not merged. */
    @Version
    private Long version;

    protected Engagement() {
    }

    Engagement(UUID id, UUID contractorId, String programOwner, UUID programId, Instant now) {
        this.id = id;
        this.contractorId = contractorId;
        this.programOwner = programOwner;
        this.programId = programId;
        this.status = Status.ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void schedule(LocalDate startDate, LocalDate endDate, Status status, Instant now) {
        this.startDate = startDate;
        this.endDate = endDate;
        this.status = status;
        this.updatedAt = now;
    }

    UUID id() { return id; }
    UUID contractorId() { return contractorId; }
    String programOwner() { return programOwner; }
    UUID programId() { return programId; }
    LocalDate startDate() { return startDate; }
    LocalDate endDate() { return endDate; }
    Status status() { return status; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
    long version() { return version == null ? 0 : version; }
}
