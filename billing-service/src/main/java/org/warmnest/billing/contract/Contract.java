package org.warmnest.billing.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.warmnest.platform.catalogue.ServiceItem;

import org.warmnest.billing.people.DisplayName;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A contract for care services bought with the fund, with the procurement record that chose its contractor.
 * A draft may be replaced; once signed its terms never change (the database refuses it), only its status, its
 * closing and its performance evaluation are written.
 */
@Entity
@Table(name = "contract")
class Contract {

    enum Status {
        DRAFT("草稿"), SIGNED("已签订"), CLOSED("已关闭");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    @Embeddable
    static class Price {
        @Enumerated(EnumType.STRING)
        private ServiceItem serviceItem;
        @Column(precision = 19, scale = 2)
        private BigDecimal unitPrice;
        private Integer quantityCap;

        protected Price() {
        }

        Price(ServiceItem serviceItem, BigDecimal unitPrice, Integer quantityCap) {
            this.serviceItem = serviceItem;
            this.unitPrice = unitPrice;
            this.quantityCap = quantityCap;
        }

        ServiceItem serviceItem() { return serviceItem; }
        BigDecimal unitPrice() { return unitPrice; }
        Integer quantityCap() { return quantityCap; }
    }

    @Id
    private UUID id;
    private String number;
    private String name;
    private UUID contractorId;
    private String contractorName;
    private UUID programId;
    private String programOwner;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] districts;
    @Column(precision = 19, scale = 2)
    private BigDecimal value;
    private LocalDate startDate;
    private LocalDate endDate;
    private String multiYearReason;
    @Enumerated(EnumType.STRING)
    private ProcurementMethod procurementMethod;
    private String procurementName;
    @Column(precision = 19, scale = 2)
    private BigDecimal procurementBudget;
    private LocalDate awardedOn;
    private String nonOpenReason;
    private String invitation;
    private String criteria;
    private String winnerReason;
    @JdbcTypeCode(SqlTypes.JSON)
    private String quotes;
    @Column(precision = 5, scale = 2)
    private BigDecimal holdbackPercent;
    @Column(precision = 5, scale = 2)
    private BigDecimal evaluationThreshold;
    private int paymentDueDays;
    @JdbcTypeCode(SqlTypes.JSON)
    private String milestones;
    @Enumerated(EnumType.STRING)
    private Status status;
    private LocalDate signedOn;
    private String signedBy;
    private String signedByName;
    private Instant signedAt;
    private String closedBy;
    private String closedByName;
    private Instant closedAt;
    @Column(precision = 5, scale = 2)
    private BigDecimal evaluationScore;
    private String evaluationGrade;
    private LocalDate evaluatedOn;
    private String evaluatedBy;
    private String evaluatedByName;
    private String evaluationNote;
    private String createdBy;
    private String createdByName;
    private Instant createdAt;
    @Version
    private Long version;
    @ElementCollection
    @CollectionTable(name = "contract_price", joinColumns = @JoinColumn(name = "contract_id"))
    private List<Price> prices = new ArrayList<>();

    protected Contract() {
    }

    /** The terms, as a draft. */
    record Terms(String number, String name, UUID contractorId, String contractorName, UUID programId,
            String programOwner, List<String> districts, BigDecimal value, LocalDate startDate, LocalDate endDate,
            String multiYearReason, ProcurementMethod procurementMethod, String procurementName,
            BigDecimal procurementBudget, LocalDate awardedOn, String nonOpenReason, String invitation,
            String criteria, String winnerReason, String quotesJson, BigDecimal holdbackPercent,
            BigDecimal evaluationThreshold, int paymentDueDays, String milestonesJson, List<Price> prices) {
    }

    Contract(UUID id, Terms t, String by, String byName, Instant at) {
        this.id = id;
        this.number = t.number();
        this.name = t.name();
        this.contractorId = t.contractorId();
        this.contractorName = t.contractorName();
        this.programId = t.programId();
        this.programOwner = t.programOwner();
        this.districts = t.districts().toArray(String[]::new);
        this.value = t.value();
        this.startDate = t.startDate();
        this.endDate = t.endDate();
        this.multiYearReason = t.multiYearReason();
        this.procurementMethod = t.procurementMethod();
        this.procurementName = t.procurementName();
        this.procurementBudget = t.procurementBudget();
        this.awardedOn = t.awardedOn();
        this.nonOpenReason = t.nonOpenReason();
        this.invitation = t.invitation();
        this.criteria = t.criteria();
        this.winnerReason = t.winnerReason();
        this.quotes = t.quotesJson();
        this.holdbackPercent = t.holdbackPercent();
        this.evaluationThreshold = t.evaluationThreshold();
        this.paymentDueDays = t.paymentDueDays();
        this.milestones = t.milestonesJson();
        this.prices.addAll(t.prices());
        this.status = Status.DRAFT;
        this.createdBy = by;
        this.createdByName = byName;
        this.createdAt = at;
    }

    void sign(LocalDate on, String by, String byName, Instant at) {
        this.status = Status.SIGNED;
        this.signedOn = on;
        this.signedBy = by;
        this.signedByName = byName;
        this.signedAt = at;
    }

    void close(String by, String byName, Instant at) {
        this.status = Status.CLOSED;
        this.closedBy = by;
        this.closedByName = byName;
        this.closedAt = at;
    }

    void evaluate(BigDecimal score, String grade, LocalDate on, String by, String byName, String note) {
        this.evaluationScore = score;
        this.evaluationGrade = grade;
        this.evaluatedOn = on;
        this.evaluatedBy = by;
        this.evaluatedByName = byName;
        this.evaluationNote = note;
    }

    UUID id() { return id; }
    String number() { return number; }
    String name() { return name; }
    UUID contractorId() { return contractorId; }
    String contractorName() { return contractorName; }
    UUID programId() { return programId; }
    String programOwner() { return programOwner; }
    List<String> districts() { return List.of(districts); }
    BigDecimal value() { return value; }
    LocalDate startDate() { return startDate; }
    LocalDate endDate() { return endDate; }
    String multiYearReason() { return multiYearReason; }
    ProcurementMethod procurementMethod() { return procurementMethod; }
    String procurementName() { return procurementName; }
    BigDecimal procurementBudget() { return procurementBudget; }
    LocalDate awardedOn() { return awardedOn; }
    String nonOpenReason() { return nonOpenReason; }
    String invitation() { return invitation; }
    String criteria() { return criteria; }
    String winnerReason() { return winnerReason; }
    String quotes() { return quotes; }
    BigDecimal holdbackPercent() { return holdbackPercent; }
    BigDecimal evaluationThreshold() { return evaluationThreshold; }
    int paymentDueDays() { return paymentDueDays; }
    String milestones() { return milestones; }
    Status status() { return status; }
    LocalDate signedOn() { return signedOn; }
    String signedBy() { return signedBy; }
    String signedByName() { return signedBy == null ? null : DisplayName.or(signedByName, signedBy); }
    String closedByName() { return closedBy == null ? null : DisplayName.or(closedByName, closedBy); }
    String evaluatedByName() { return evaluatedBy == null ? null : DisplayName.or(evaluatedByName, evaluatedBy); }
    String createdByName() { return DisplayName.or(createdByName, createdBy); }
    Instant signedAt() { return signedAt; }
    String closedBy() { return closedBy; }
    Instant closedAt() { return closedAt; }
    BigDecimal evaluationScore() { return evaluationScore; }
    String evaluationGrade() { return evaluationGrade; }
    LocalDate evaluatedOn() { return evaluatedOn; }
    String evaluatedBy() { return evaluatedBy; }
    String evaluationNote() { return evaluationNote; }
    String createdBy() { return createdBy; }
    Instant createdAt() { return createdAt; }
    long version() { return version; }
    List<Price> prices() { return List.copyOf(prices); }
}
