package org.warmnest.care.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An assessment as the API shows it: the scores and the four indicator totals (absent in a coma), the
 * preliminary and final level with their names, and whether the level was adjusted (raised from the preliminary
 * one, or set by a coma). The conditions that adjusted it (a dementia is a diagnosis), the diagnoses, care-risk
 * events and note are health data: only whether there are any shows here; they are read in full through the
 * audited sensitive-data read. Nothing here needs decrypting, so lists never do. How many conditions held is not
 * shown either: with the level it would tell which ones.
 */
record AssessmentView(UUID id, UUID elderId, UUID contractorId, LocalDate assessedOn, Assessment.Reason reason,
        boolean coma, Map<String, Integer> items, List<IndicatorScore> indicators, Integer total,
        Integer preliminaryLevel, String preliminaryLevelName, boolean adjusted, int finalLevel,
        String finalLevelName, boolean hasFindings, List<Assessment.Assessor> assessors, String location,
        boolean hasNote, LocalDate nextDue,
        Assessment.Status status, UUID supersedesId, UUID supersededById, String createdBy, Instant createdAt) {

    record IndicatorScore(Indicator code, String name, int score, int max) {
    }

    static AssessmentView of(Assessment a) {
        List<IndicatorScore> indicators = new ArrayList<>();
        if (a.totalScore() != null) {
            indicators.add(score(Indicator.SELF_CARE, a.selfCare()));
            indicators.add(score(Indicator.BASIC_MOBILITY, a.basicMobility()));
            indicators.add(score(Indicator.MENTAL_STATE, a.mentalState()));
            indicators.add(score(Indicator.PERCEPTION_AND_SOCIAL, a.perceptionSocial()));
        }
        Integer preliminary = a.preliminaryLevel();
        return new AssessmentView(a.id(), a.elderId(), a.contractorId(), a.assessedOn(), a.reason(), a.coma(),
                a.items(), List.copyOf(indicators), a.totalScore(), preliminary,
                preliminary == null ? null : AbilityLevel.of(preliminary).chineseName(), a.adjusted(),
                a.finalLevel(), AbilityLevel.of(a.finalLevel()).chineseName(), a.hasFindings(), a.assessors(),
                a.location(), a.hasNote(), a.nextDue(), a.status(),
                a.supersedesId(), a.supersededById(), a.createdBy(), a.createdAt());
    }

    private static IndicatorScore score(Indicator indicator, int score) {
        return new IndicatorScore(indicator, indicator.chineseName(), score, indicator.max());
    }
}
