package org.warmnest.care.visit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A hazard found in the home (安全隐患, with the advice given) or a difficulty the elder raised (困难诉求), followed
 * until it is closed; each step is kept in {@code concern_follow_up}.
 */
@Entity
@Table(name = "concern")
class Concern {

    enum Kind { HAZARD, DIFFICULTY }

    enum Status { OPEN, IN_HAND, CLOSED }

    static final Map<String, String> HAZARD_CATEGORIES = Map.of("ELECTRICITY", "用电", "GAS", "燃气", "ANTI_SLIP",
            "防滑", "FIRE", "消防", "WATER", "用水", "DOORS_WINDOWS", "门窗", "EMERGENCY_CALL", "紧急呼叫", "OTHER", "其他");
    static final Map<String, String> DIFFICULTY_CATEGORIES = Map.of("LIVING", "生活照料", "MEDICAL", "就医用药",
            "FINANCIAL", "经济困难", "HOUSING", "住房", "EMOTIONAL", "精神慰藉", "LEGAL", "法律权益", "OTHER", "其他");

    static String label(Kind kind, String category) {
        return (kind == Kind.HAZARD ? HAZARD_CATEGORIES : DIFFICULTY_CATEGORIES).getOrDefault(category, category);
    }

    @Id
    private UUID id;
    private UUID elderId;
    private UUID contractorId;
    private UUID visitId;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    private String category;
    private String description;
    private String advice;
    @Enumerated(EnumType.STRING)
    private Status status;
    private LocalDate foundOn;
    private LocalDate closedOn;
    private String closedBy;
    private String outcome;
    private String createdBy;
    private Instant createdAt;
    @Version
    private Long version;

    protected Concern() {
    }

    Concern(UUID elderId, UUID contractorId, UUID visitId, Kind kind, String category, String description,
            String advice, LocalDate foundOn, String by, Instant now) {
        this.id = UUID.randomUUID();
        this.elderId = elderId;
        this.contractorId = contractorId;
        this.visitId = visitId;
        this.kind = kind;
        this.category = category;
        this.description = description;
        this.advice = advice;
        this.status = Status.OPEN;
        this.foundOn = foundOn;
        this.createdBy = by;
        this.createdAt = now;
    }

    void progress(Status status, LocalDate on, String by, String outcome) {
        this.status = status;
        if (status == Status.CLOSED) {
            this.closedOn = on;
            this.closedBy = by;
            this.outcome = outcome;
        }
    }

    UUID id() { return id; }
    UUID elderId() { return elderId; }
    UUID contractorId() { return contractorId; }
    UUID visitId() { return visitId; }
    Kind kind() { return kind; }
    String category() { return category; }
    String description() { return description; }
    String advice() { return advice; }
    Status status() { return status; }
    LocalDate foundOn() { return foundOn; }
    LocalDate closedOn() { return closedOn; }
    String closedBy() { return closedBy; }
    String outcome() { return outcome; }
    Instant createdAt() { return createdAt; }
    Long version() { return version; }
}
