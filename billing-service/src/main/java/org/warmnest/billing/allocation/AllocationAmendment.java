package org.warmnest.billing.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.warmnest.billing.people.DisplayName;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One change of an allocation's amount, with the document that ordered it; never changed once written. */
@Entity
@Table(name = "allocation_amendment")
class AllocationAmendment {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "allocation_id", updatable = false)
    private Allocation allocation;
    private int sequence;
    @Column(precision = 19, scale = 2)
    private BigDecimal previousAmount;
    @Column(precision = 19, scale = 2)
    private BigDecimal newAmount;
    private String reason;
    private String documentNumber;
    private String createdBy;
    private String createdByName;
    private Instant createdAt;

    protected AllocationAmendment() {
    }

    AllocationAmendment(UUID id, Allocation allocation, int sequence, BigDecimal previousAmount, BigDecimal newAmount,
            String reason, String documentNumber, String createdBy, String createdByName, Instant createdAt) {
        this.id = id;
        this.allocation = allocation;
        this.sequence = sequence;
        this.previousAmount = previousAmount;
        this.newAmount = newAmount;
        this.reason = reason;
        this.documentNumber = documentNumber;
        this.createdBy = createdBy;
        this.createdByName = createdByName;
        this.createdAt = createdAt;
    }

    UUID id() { return id; }
    int sequence() { return sequence; }
    BigDecimal previousAmount() { return previousAmount; }
    BigDecimal newAmount() { return newAmount; }
    String reason() { return reason; }
    String documentNumber() { return documentNumber; }
    String createdBy() { return createdBy; }
    String createdByName() { return DisplayName.or(createdByName, createdBy); }
    Instant createdAt() { return createdAt; }
}
