package org.warmnest.billing.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.warmnest.billing.money.Yuan;

import org.warmnest.billing.people.DisplayName;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Money a tenant's bureau was given for a year and a purpose. Its amount changes only by appending an
 * {@link AllocationAmendment}.
 * <p>
 * {@code currentAmount} is kept in the row, updated in the same transaction as the amendment insert (under a
 * row lock), rather than derived from the latest amendment on every read: drawdowns will have to lock and
 * check one row for the balance, lists need no join to the newest amendment, and the amendment rows still
 * carry every previous and new amount, so the history can always be replayed and checked against it.
 */
@Entity
@Table(name = "allocation")
class Allocation {

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    private FundSource source;
    private int fiscalYear;
    private String documentNumber;
    private String purpose;
    @Column(precision = 19, scale = 2)
    private BigDecimal originalAmount;
    @Column(precision = 19, scale = 2)
    private BigDecimal currentAmount;
    @Enumerated(EnumType.STRING)
    private YearEndRule yearEndRule;
    private String createdBy;
    private String createdByName;
    private Instant createdAt;
    /** A wrapper, so that a new allocation (with its id already assigned) is persisted, not merged. */
    @Version
    private Long version;
    @OneToMany(mappedBy = "allocation", cascade = CascadeType.PERSIST)
    @OrderBy("sequence")
    private List<AllocationAmendment> amendments = new ArrayList<>();

    protected Allocation() {
    }

    Allocation(UUID id, FundSource source, int fiscalYear, String documentNumber, String purpose, BigDecimal amount,
            YearEndRule yearEndRule, String createdBy, String createdByName, Instant createdAt) {
        this.yearEndRule = yearEndRule;
        this.id = id;
        this.source = source;
        this.fiscalYear = fiscalYear;
        this.documentNumber = documentNumber;
        this.purpose = purpose;
        this.originalAmount = Yuan.exact(amount);
        this.currentAmount = this.originalAmount;
        this.createdBy = createdBy;
        this.createdByName = createdByName;
        this.createdAt = createdAt;
    }

    /** Appends an amendment and makes its amount the allocation's; the caller holds the row lock. */
    AllocationAmendment amend(UUID amendmentId, BigDecimal newAmount, String reason, String documentNumber,
            String by, String byName, Instant at) {
        AllocationAmendment amendment = new AllocationAmendment(amendmentId, this, amendments.size() + 1,
                currentAmount, Yuan.exact(newAmount), reason, documentNumber, by, byName, at);
        amendments.add(amendment);
        currentAmount = amendment.newAmount();
        return amendment;
    }

    UUID id() { return id; }
    FundSource source() { return source; }
    int fiscalYear() { return fiscalYear; }
    String documentNumber() { return documentNumber; }
    String purpose() { return purpose; }
    BigDecimal originalAmount() { return originalAmount; }
    BigDecimal currentAmount() { return currentAmount; }
    YearEndRule yearEndRule() { return yearEndRule; }
    String createdBy() { return createdBy; }
    String createdByName() { return DisplayName.or(createdByName, createdBy); }
    Instant createdAt() { return createdAt; }
    List<AllocationAmendment> amendments() { return List.copyOf(amendments); }
}
