package org.warmnest.care.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;
import org.warmnest.care.assessment.AbilityScoring.Diagnosis;
import org.warmnest.care.assessment.AbilityScoring.RiskEvent;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One completed ability assessment. Never changed once written (the database refuses it too) except to be
 * marked superseded by its correction.
 */
@Entity
@Table(name = "assessment")
@DynamicUpdate
class Assessment {

    enum Reason { INITIAL, PERIODIC, CHANGE_OF_CONDITION, ON_REQUEST, CORRECTION }

    enum Status { COMPLETED, SUPERSEDED }

    /** An assessor (评估员) present at the assessment. */
    record Assessor(String name, String certificateNumber) {
    }

    /** What the assessors gave besides the item scores, kept as given (encrypted: it is health data). */
    record Findings(List<Diagnosis> diagnoses, List<RiskEvent> riskEvents) {

        boolean any() {
            return !diagnoses.isEmpty() || !riskEvents.isEmpty();
        }
    }

    /** The encrypted fields, as they name themselves in a cipher's context and in the trail of full reads. */
    static final String FINDINGS = "findings";
    static final String CONDITIONS = "conditions";
    static final String NOTE = "note";

    @Id
    private UUID id;
    private UUID elderId;
    private UUID contractorId;
    private LocalDate assessedOn;
    @Enumerated(EnumType.STRING)
    private Reason reason;
    private boolean coma;
    @Convert(converter = JsonColumns.ItemScores.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private Map<String, Integer> items;
    private Integer selfCare;
    private Integer basicMobility;
    private Integer mentalState;
    private Integer perceptionSocial;
    private Integer totalScore;
    private Integer preliminaryLevel;
    /** The findings as JSON, encrypted under {@link #FINDINGS}; read in full only through an audited read. */
    private String findingsCipher;
    private boolean hasFindings;
    /**
     * The conditions that decided the level (code and reason) as JSON, encrypted under {@link #CONDITIONS}: that
     * an elder has dementia or a psychiatric disorder is health data, read in full only through an audited read.
     */
    private String conditionsCipher;
    /** Whether the final level is not the preliminary one or the elder was in a coma; shown without decrypting. */
    private boolean adjusted;
    private int finalLevel;
    @Convert(converter = JsonColumns.Assessors.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private List<Assessor> assessors;
    private String location;
    /** The note, encrypted under {@link #NOTE}. */
    private String noteCipher;
    private LocalDate nextDue;
    @Enumerated(EnumType.STRING)
    private Status status;
    private UUID supersedesId;
    private UUID supersededById;
    private String createdBy;
    private Instant createdAt;
    @Version
    private Long version;

    protected Assessment() {
    }

    Assessment(UUID id, UUID elderId, UUID contractorId, LocalDate assessedOn, Reason reason, boolean coma,
            AbilityScoring.Outcome outcome, String findingsCipher, boolean hasFindings, String conditionsCipher,
            List<Assessor> assessors, String location, String noteCipher, UUID supersedesId, String createdBy,
            Instant createdAt) {
        this.id = id;
        this.elderId = elderId;
        this.contractorId = contractorId;
        this.assessedOn = assessedOn;
        this.reason = reason;
        this.coma = coma;
        if (outcome.total() != null) {
            Map<String, Integer> scores = new java.util.LinkedHashMap<>();
            outcome.items().forEach((item, score) -> scores.put(item.name(), score));
            this.items = scores;
            this.selfCare = outcome.indicators().get(Indicator.SELF_CARE);
            this.basicMobility = outcome.indicators().get(Indicator.BASIC_MOBILITY);
            this.mentalState = outcome.indicators().get(Indicator.MENTAL_STATE);
            this.perceptionSocial = outcome.indicators().get(Indicator.PERCEPTION_AND_SOCIAL);
            this.totalScore = outcome.total();
            this.preliminaryLevel = outcome.preliminaryLevel().value();
        }
        this.findingsCipher = findingsCipher;
        this.hasFindings = hasFindings;
        this.conditionsCipher = Objects.requireNonNull(conditionsCipher, "conditionsCipher");
        this.finalLevel = outcome.finalLevel().value();
        this.adjusted = coma || !Objects.equals(preliminaryLevel, finalLevel);
        this.assessors = List.copyOf(assessors);
        this.location = location;
        this.noteCipher = noteCipher;
        this.nextDue = outcome.nextDue();
        this.status = Status.COMPLETED;
        this.supersedesId = supersedesId;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** The only change a completed assessment ever sees. */
    void supersededBy(UUID correctionId) {
        if (status != Status.COMPLETED || supersededById != null) {
            throw new IllegalStateException("assessment " + id + " is already superseded");
        }
        this.status = Status.SUPERSEDED;
        this.supersededById = correctionId;
    }

    UUID id() { return id; }
    UUID elderId() { return elderId; }
    UUID contractorId() { return contractorId; }
    LocalDate assessedOn() { return assessedOn; }
    Reason reason() { return reason; }
    boolean coma() { return coma; }
    Map<String, Integer> items() { return items; }
    Integer selfCare() { return selfCare; }
    Integer basicMobility() { return basicMobility; }
    Integer mentalState() { return mentalState; }
    Integer perceptionSocial() { return perceptionSocial; }
    Integer totalScore() { return totalScore; }
    Integer preliminaryLevel() { return preliminaryLevel; }
    String findingsCipher() { return findingsCipher; }
    boolean hasFindings() { return hasFindings; }
    String conditionsCipher() { return conditionsCipher; }
    boolean adjusted() { return adjusted; }
    int finalLevel() { return finalLevel; }
    List<Assessor> assessors() { return assessors; }
    String location() { return location; }
    String noteCipher() { return noteCipher; }
    boolean hasNote() { return noteCipher != null; }
    LocalDate nextDue() { return nextDue; }
    Status status() { return status; }
    UUID supersedesId() { return supersedesId; }
    UUID supersededById() { return supersededById; }
    String createdBy() { return createdBy; }
    Instant createdAt() { return createdAt; }
}
