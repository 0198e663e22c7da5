package org.warmnest.care.assessment;

import java.time.LocalDate;
import java.util.UUID;

import org.hibernate.annotations.Immutable;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The columns of an elder's file that say when a reassessment is due (kept by the elder files on every
 * completed assessment), read-only: the elder files own the table.
 */
@Entity
@Immutable
@Table(name = "elder")
class ReassessmentDue {

    @Id
    private UUID id;
    private String name;
    private UUID contractorId;
    private String gridCode;
    private String status;
    private Integer abilityLevel;
    private LocalDate lastAssessedOn;
    private LocalDate nextAssessmentDue;

    protected ReassessmentDue() {
    }

    UUID id() { return id; }
    String name() { return name; }
    UUID contractorId() { return contractorId; }
    String gridCode() { return gridCode; }
    Integer abilityLevel() { return abilityLevel; }
    LocalDate lastAssessedOn() { return lastAssessedOn; }
    LocalDate nextAssessmentDue() { return nextAssessmentDue; }
}
