package org.warmnest.care.assessment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A completed assessment as the assessors record it. Item scores are keyed by item code ({@code EATING} …
 * {@code SOCIAL_INTERACTION}); all 26 are required unless the elder is in a coma, when none is scored.
 *
 * @param reason required when recording; a correction is always {@code CORRECTION}
 */
record AssessmentRequest(
        @NotNull LocalDate assessedOn,
        Assessment.Reason reason,
        Boolean coma,
        @Size(max = 26) Map<String, Integer> items,
        @Size(max = 20) List<@NotNull @Valid DiagnosisRequest> diagnoses,
        @Size(max = 50) List<@NotNull @Valid RiskEventRequest> riskEvents,
        @NotEmpty @Size(max = 5) List<@NotNull @Valid AssessorRequest> assessors,
        @Size(max = 200) String location,
        @Size(max = 500) String note) {

    /** A mental or behavioural disorder by its ICD-10 code (F00–F99). */
    record DiagnosisRequest(@NotBlank @Size(max = 10) String icd10, boolean byPsychiatrist) {
    }

    record RiskEventRequest(@NotNull RiskEventKind kind, @NotNull LocalDate occurredOn) {
    }

    record AssessorRequest(@NotBlank @Size(max = 50) String name,
            @NotBlank @Size(max = 50) String certificateNumber) {
    }

    boolean inComa() {
        return Boolean.TRUE.equals(coma);
    }

    List<AbilityScoring.Diagnosis> diagnosisList() {
        return diagnoses == null ? List.of()
                : diagnoses.stream().map(d -> new AbilityScoring.Diagnosis(d.icd10().strip(), d.byPsychiatrist()))
                        .toList();
    }

    List<AbilityScoring.RiskEvent> riskEventList() {
        return riskEvents == null ? List.of()
                : riskEvents.stream().map(e -> new AbilityScoring.RiskEvent(e.kind(), e.occurredOn())).toList();
    }

    List<Assessment.Assessor> assessorList() {
        return assessors.stream().map(a -> new Assessment.Assessor(a.name().strip(), a.certificateNumber().strip()))
                .toList();
    }
}
