package org.warmnest.billing.claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.warmnest.billing.people.DisplayName;

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

    enum Status {
        DRAFT("草稿"), SUBMITTED("已提交"), APPROVED("已批准"), PARTLY_APPROVED("部分批准"), REJECTED("已驳回");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

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
    private String openedByName;
    private Instant openedAt;
    private Instant pricedAt;
    private String submittedBy;
    private String submittedByName;
    private Instant submittedAt;
    private String decidedBy;
    private String decidedByName;
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
    private String paymentRecordedByName;
    @Version
    private Long version;

    protected Claim() {
    }

    Claim(UUID id, UUID contractId, UUID contractorId, LocalDate from, LocalDate to, String by, String byName,
            Instant at) {
        this.id = id;
        this.contractId = contractId;
        this.contractorId = contractorId;
        this.periodFrom = from;
        this.periodTo = to;
        this.status = Status.DRAFT;
        this.claimedAmount = BigDecimal.ZERO.setScale(2);
        this.openedBy = by;
        this.openedByName = byName;
        this.openedAt = at;
        this.pricedAt = at;
    }

    void priced(BigDecimal amount, int included, int excluded, Instant at) {
        this.claimedAmount = amount;
        this.includedLines = included;
        this.excludedLines = excluded;
        this.pricedAt = at;
    }

    void submit(String by, String byName, Instant at) {
        this.status = Status.SUBMITTED;
        this.submittedBy = by;
        this.submittedByName = byName;
        this.submittedAt = at;
    }

    void decide(Status outcome, String by, String byName, Instant at, String note, BigDecimal approved,
            BigDecimal holdback, LocalDate dueOn) {
        this.status = outcome;
        this.decidedBy = by;
        this.decidedByName = byName;
        this.decidedAt = at;
        this.decisionNote = note;
        this.approvedAmount = approved;
        this.holdbackAmount = holdback;
        this.paidAmount = approved.subtract(holdback);
        this.paymentDueOn = dueOn;
    }

    void paid(LocalDate on, String reference, String by, String byName) {
        this.paidOn = on;
        this.paymentReference = reference;
        this.paymentRecordedBy = by;
        this.paymentRecordedByName = byName;
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
    String openedByName() { return DisplayName.or(openedByName, openedBy); }
    String submittedByName() { return submittedBy == null ? null : DisplayName.or(submittedByName, submittedBy); }
    String decidedByName() { return decidedBy == null ? null : DisplayName.or(decidedByName, decidedBy); }
    String paymentRecordedBy() { return paymentRecordedBy; }
    String paymentRecordedByName() {
        return paymentRecordedBy == null ? null : DisplayName.or(paymentRecordedByName, paymentRecordedBy);
    }
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
