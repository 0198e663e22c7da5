package org.warmnest.billing.claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A claim's header: its contract, period, status and totals. Its lines are rows of their own (claim_line). */
@Entity
@Table(name = "claim")
class Claim {

    enum Status { DRAFT, SUBMITTED, APPROVED, PARTLY_APPROVED, REJECTED }

    @Id
    private UUID id;
    private UUID contractId;
    private UUID contractorId;
    private LocalDate periodFrom;
    private LocalDate periodTo;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(precision = 19, scale = 2)
    private BigDecimal claimedAmount;
    private int includedLines;
    private int excludedLines;
    private String openedBy;
    private Instant openedAt;
    private Instant pricedAt;
    private String submittedBy;
    private Instant submittedAt;
    private String decidedBy;
    private Instant decidedAt;
    private String decisionNote;
    @Column(precision = 19, scale = 2)
    private BigDecimal approvedAmount;
    @Column(precision = 19, scale = 2)
    private BigDecimal holdbackAmount;
    @Column(precision = 19, scale = 2)
    private BigDecimal paidAmount;
    private LocalDate paymentDueOn;
    private LocalDate paidOn;
    private String paymentReference;
    private String paymentRecordedBy;
    @Version
    private Long version;

    protected Claim() {
    }

    Claim(UUID id, UUID contractId, UUID contractorId, LocalDate from, LocalDate to, String by, Instant at) {
        this.id = id;
        this.contractId = contractId;
        this.contractorId = contractorId;
        this.periodFrom = from;
        this.periodTo = to;
        this.status = Status.DRAFT;
        this.claimedAmount = BigDecimal.ZERO.setScale(2);
        this.openedBy = by;
        this.openedAt = at;
        this.pricedAt = at;
    }

    void priced(BigDecimal amount, int included, int excluded, Instant at) {
        this.claimedAmount = amount;
        this.includedLines = included;
        this.excludedLines = excluded;
        this.pricedAt = at;
    }

    void submit(String by, Instant at) {
        this.status = Status.SUBMITTED;
        this.submittedBy = by;
        this.submittedAt = at;
    }

    void decide(Status outcome, String by, Instant at, String note, BigDecimal approved, BigDecimal holdback,
            LocalDate dueOn) {
        this.status = outcome;
        this.decidedBy = by;
        this.decidedAt = at;
        this.decisionNote = note;
        this.approvedAmount = approved;
        this.holdbackAmount = holdback;
        this.paidAmount = approved.subtract(holdback);
        this.paymentDueOn = dueOn;
    }

    void paid(LocalDate on, String reference, String by) {
        this.paidOn = on;
        this.paymentReference = reference;
        this.paymentRecordedBy = by;
    }

    /** Not paid by its due date (or paid after it). */
    boolean late(LocalDate today) {
        return paymentDueOn != null && (paidOn == null ? today.isAfter(paymentDueOn) : paidOn.isAfter(paymentDueOn));
    }

    UUID id() { return id; }
    UUID contractId() { return contractId; }
    UUID contractorId() { return contractorId; }
    LocalDate periodFrom() { return periodFrom; }
    LocalDate periodTo() { return periodTo; }
    Status status() { return status; }
    BigDecimal claimedAmount() { return claimedAmount; }
    int includedLines() { return includedLines; }
    int excludedLines() { return excludedLines; }
    String openedBy() { return openedBy; }
    Instant openedAt() { return openedAt; }
    Instant pricedAt() { return pricedAt; }
    String submittedBy() { return submittedBy; }
    Instant submittedAt() { return submittedAt; }
    String decidedBy() { return decidedBy; }
    Instant decidedAt() { return decidedAt; }
    String decisionNote() { return decisionNote; }
    BigDecimal approvedAmount() { return approvedAmount; }
    BigDecimal holdbackAmount() { return holdbackAmount; }
    BigDecimal paidAmount() { return paidAmount; }
    LocalDate paymentDueOn() { return paymentDueOn; }
    LocalDate paidOn() { return paidOn; }
    String paymentReference() { return paymentReference; }
    long version() { return version; }
}
