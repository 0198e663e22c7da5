package org.warmnest.care.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.warmnest.care.assessment.AbilityScoring.Condition;
import org.warmnest.care.assessment.AbilityScoring.Diagnosis;
import org.warmnest.care.assessment.AbilityScoring.Observation;
import org.warmnest.care.assessment.AbilityScoring.Outcome;
import org.warmnest.care.assessment.AbilityScoring.RiskEvent;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.problem.ProblemException.FieldProblem;

class AbilityScoringTest {

    static final LocalDate ON = LocalDate.of(2026, 11, 20);
    static final Diagnosis DEMENTIA = new Diagnosis("F00.1", false);
    static final Diagnosis SCHIZOPHRENIA = new Diagnosis("F20", true);
    static final List<RiskEvent> TWO_EVENTS = List.of(new RiskEvent(RiskEventKind.FALL, ON.minusDays(3)),
            new RiskEvent(RiskEventKind.WANDERING_OFF, ON.minusDays(20)));

    final AbilityScoring scoring = new AbilityScoring(Period.ofMonths(12));

    /** Item scores that add up to {@code total}, filled in the standard's order from each item's max. */
    static Map<String, Integer> scoresTotalling(int total) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        int left = total;
        for (AbilityItem item : AbilityItem.values()) {
            int score = Math.min(item.max(), left);
            scores.put(item.name(), score);
            left -= score;
        }
        return scores;
    }

    static Observation observed(int total, List<Diagnosis> diagnoses, List<RiskEvent> events) {
        return new Observation(ON, false, scoresTotalling(total), diagnoses, events);
    }

    static List<FieldProblem> fieldProblems(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("validation-failed");
            return e.fieldProblems();
        }
        throw new AssertionError("no problem raised");
    }

    @ParameterizedTest(name = "{0} {1} scores 0 to {2} in {3}")
    @CsvSource({
            "EATING, 进食, 4, SELF_CARE", "GROOMING, 修饰, 4, SELF_CARE", "BATHING, 洗澡, 4, SELF_CARE",
            "DRESSING_UPPER, 穿/脱上衣, 4, SELF_CARE", "DRESSING_LOWER, 穿/脱裤子和鞋袜, 4, SELF_CARE",
            "URINE_CONTROL, 小便控制, 4, SELF_CARE", "BOWEL_CONTROL, 大便控制, 4, SELF_CARE",
            "TOILETING, 如厕, 4, SELF_CARE",
            "BED_POSITION_CHANGE, 床上体位转移, 4, BASIC_MOBILITY", "BED_CHAIR_TRANSFER, 床椅转移, 4, BASIC_MOBILITY",
            "WALKING_ON_LEVEL, 平地行走, 4, BASIC_MOBILITY", "STAIRS, 上下楼梯, 3, BASIC_MOBILITY",
            "TIME_ORIENTATION, 时间定向, 4, MENTAL_STATE", "PLACE_ORIENTATION, 空间定向, 4, MENTAL_STATE",
            "PERSON_ORIENTATION, 人物定向, 4, MENTAL_STATE", "MEMORY, 记忆, 4, MENTAL_STATE",
            "COMPREHENSION, 理解能力, 4, MENTAL_STATE", "EXPRESSION, 表达能力, 4, MENTAL_STATE",
            "AGGRESSIVE_BEHAVIOUR, 攻击行为, 1, MENTAL_STATE", "DEPRESSIVE_SYMPTOMS, 抑郁症状, 1, MENTAL_STATE",
            "CONSCIOUSNESS, 意识水平, 2, MENTAL_STATE",
            "VISION, 视力, 2, PERCEPTION_AND_SOCIAL", "HEARING, 听力, 2, PERCEPTION_AND_SOCIAL",
            "DAILY_AFFAIRS, 执行日常事务, 4, PERCEPTION_AND_SOCIAL",
            "USING_TRANSPORT, 使用交通工具外出, 3, PERCEPTION_AND_SOCIAL",
            "SOCIAL_INTERACTION, 社会交往能力, 4, PERCEPTION_AND_SOCIAL" })
    void theItemsOfTheStandard(AbilityItem item, String name, int max, Indicator indicator) {
        assertThat(item.chineseName()).isEqualTo(name);
        assertThat(item.max()).isEqualTo(max);
        assertThat(item.indicator()).isEqualTo(indicator);
    }

    @ParameterizedTest(name = "{0} {1}: max {2}")
    @CsvSource({ "SELF_CARE, 自理能力, 32, 8", "BASIC_MOBILITY, 基础运动能力, 15, 4", "MENTAL_STATE, 精神状态, 28, 9",
            "PERCEPTION_AND_SOCIAL, 感知觉与社会参与, 15, 5" })
    void theIndicatorsAreTheSumsOfTheirItems(Indicator indicator, String name, int max, int items) {
        assertThat(indicator.chineseName()).isEqualTo(name);
        assertThat(indicator.max()).isEqualTo(max);
        assertThat(Arrays.stream(AbilityItem.values()).filter(i -> i.indicator() == indicator)).hasSize(items);
        assertThat(Arrays.stream(AbilityItem.values()).filter(i -> i.indicator() == indicator)
                .mapToInt(AbilityItem::max).sum()).isEqualTo(max);
    }

    @Test
    void twentySixItemsNinetyPointsInAll() {
        assertThat(AbilityItem.values()).hasSize(26);
        assertThat(Arrays.stream(AbilityItem.values()).mapToInt(AbilityItem::max).sum()).isEqualTo(90);
    }

    @ParameterizedTest(name = "total {0} → level {1} {2}")
    @CsvSource({
            "90, 0, 能力完好",
            "89, 1, 能力轻度受损", "66, 1, 能力轻度受损",
            "65, 2, 能力中度受损", "46, 2, 能力中度受损",
            "45, 3, 能力重度受损", "30, 3, 能力重度受损",
            "29, 4, 能力完全丧失", "0, 4, 能力完全丧失" })
    void thePreliminaryLevelAtEveryBoundary(int total, int level, String name) {
        Outcome outcome = scoring.assess(observed(total, List.of(), List.of()));
        assertThat(outcome.total()).isEqualTo(total);
        assertThat(outcome.preliminaryLevel().value()).isEqualTo(level);
        assertThat(outcome.preliminaryLevel().chineseName()).isEqualTo(name);
        assertThat(outcome.finalLevel()).isEqualTo(outcome.preliminaryLevel());
        assertThat(outcome.conditions()).isEmpty();
    }

    @Test
    void theIndicatorTotalsOfAnAssessment() {
        Map<String, Integer> scores = scoresTotalling(90);
        scores.put("EATING", 2);
        scores.put("STAIRS", 1);
        scores.put("DEPRESSIVE_SYMPTOMS", 0);
        scores.put("VISION", 1);
        Outcome outcome = scoring.assess(new Observation(ON, false, scores, null, null));
        assertThat(outcome.indicators()).containsExactly(Map.entry(Indicator.SELF_CARE, 30),
                Map.entry(Indicator.BASIC_MOBILITY, 13), Map.entry(Indicator.MENTAL_STATE, 27),
                Map.entry(Indicator.PERCEPTION_AND_SOCIAL, 14));
        assertThat(outcome.total()).isEqualTo(84);
        assertThat(outcome.items()).hasSize(26).containsEntry(AbilityItem.EATING, 2);
    }

    static Stream<Arguments> adjustments() {
        return Stream.of(
                Arguments.of("none", 70, List.of(), List.of(), 1, 1, List.of()),
                Arguments.of("dementia alone", 70, List.of(DEMENTIA), List.of(), 1, 2, List.of("DEMENTIA")),
                Arguments.of("dementia F03", 50, List.of(new Diagnosis("f03", false)), List.of(), 2, 3,
                        List.of("DEMENTIA")),
                Arguments.of("psychiatric alone", 70, List.of(SCHIZOPHRENIA), List.of(), 1, 2,
                        List.of("PSYCHIATRIC_DISORDER")),
                Arguments.of("psychiatric F04 and F99", 70,
                        List.of(new Diagnosis("F04", true), new Diagnosis("F99", true)), List.of(), 1, 2,
                        List.of("PSYCHIATRIC_DISORDER")),
                Arguments.of("psychiatric not by a psychiatrist does not count", 70,
                        List.of(new Diagnosis("F32.1", false)), List.of(), 1, 1, List.of()),
                Arguments.of("two risk events alone", 70, List.of(), TWO_EVENTS, 1, 2, List.of("CARE_RISK_EVENTS")),
                Arguments.of("dementia and psychiatric: one step", 70, List.of(DEMENTIA, SCHIZOPHRENIA), List.of(),
                        1, 2, List.of("DEMENTIA", "PSYCHIATRIC_DISORDER")),
                Arguments.of("dementia and risk events: one step", 40, List.of(DEMENTIA), TWO_EVENTS, 3, 4,
                        List.of("DEMENTIA", "CARE_RISK_EVENTS")),
                Arguments.of("all three: still one step", 90, List.of(DEMENTIA, SCHIZOPHRENIA), TWO_EVENTS, 0, 1,
                        List.of("DEMENTIA", "PSYCHIATRIC_DISORDER", "CARE_RISK_EVENTS")),
                Arguments.of("all three at 66: one step", 66, List.of(DEMENTIA, SCHIZOPHRENIA), TWO_EVENTS, 1, 2,
                        List.of("DEMENTIA", "PSYCHIATRIC_DISORDER", "CARE_RISK_EVENTS")),
                Arguments.of("capped at level 4", 29, List.of(DEMENTIA), List.of(), 4, 4, List.of("DEMENTIA")),
                Arguments.of("capped at level 4 with all three", 0, List.of(DEMENTIA, SCHIZOPHRENIA), TWO_EVENTS,
                        4, 4, List.of("DEMENTIA", "PSYCHIATRIC_DISORDER", "CARE_RISK_EVENTS")),
                Arguments.of("level 3 raised to 4", 30, List.of(SCHIZOPHRENIA), List.of(), 3, 4,
                        List.of("PSYCHIATRIC_DISORDER")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void adjustments(String name, int total, List<Diagnosis> diagnoses, List<RiskEvent> events, int preliminary,
            int finalLevel, List<String> conditions) {
        Outcome outcome = scoring.assess(observed(total, diagnoses, events));
        assertThat(outcome.preliminaryLevel().value()).isEqualTo(preliminary);
        assertThat(outcome.finalLevel().value()).isEqualTo(finalLevel);
        assertThat(outcome.conditions()).extracting(Condition::code).containsExactlyElementsOf(conditions);
        assertThat(outcome.conditions()).allSatisfy(c -> assertThat(c.reason()).isNotBlank());
    }

    static Stream<Arguments> riskEvents() {
        return Stream.of(
                Arguments.of("one event", List.of(ON.minusDays(1)), false),
                Arguments.of("two events", List.of(ON.minusDays(1), ON.minusDays(2)), true),
                Arguments.of("two on the assessment day", List.of(ON, ON), true),
                Arguments.of("one exactly 30 days before", List.of(ON.minusDays(30), ON.minusDays(1)), true),
                Arguments.of("one 31 days before is not counted", List.of(ON.minusDays(31), ON.minusDays(1)), false),
                Arguments.of("both older than 30 days", List.of(ON.minusDays(45), ON.minusDays(60)), false),
                Arguments.of("three, one old", List.of(ON.minusDays(90), ON.minusDays(5), ON.minusDays(6)), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void riskEvents(String name, List<LocalDate> dates, boolean raises) {
        List<RiskEvent> events = dates.stream().map(d -> new RiskEvent(RiskEventKind.CHOKING, d)).toList();
        Outcome outcome = scoring.assess(observed(70, List.of(), events));
        assertThat(outcome.finalLevel().value()).isEqualTo(raises ? 2 : 1);
        assertThat(outcome.conditions()).extracting(Condition::code)
                .isEqualTo(raises ? List.of("CARE_RISK_EVENTS") : List.of());
    }

    /** A condition's reason names the condition, never a diagnosis or an event: those stay in the findings. */
    @Test
    void theReasonsNameTheConditionNotTheDiagnosesOrTheEvents() {
        List<RiskEvent> threeEvents = List.of(new RiskEvent(RiskEventKind.FALL, ON.minusDays(3)),
                new RiskEvent(RiskEventKind.WANDERING_OFF, ON.minusDays(20)),
                new RiskEvent(RiskEventKind.CHOKING, ON.minusDays(21)));
        Outcome outcome = scoring.assess(observed(70,
                List.of(new Diagnosis("F01.1", false), new Diagnosis("F03", false), new Diagnosis("F20.0", true)),
                threeEvents));
        assertThat(outcome.conditions()).extracting(Condition::code, Condition::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DEMENTIA", "经诊断患有痴呆"),
                org.assertj.core.groups.Tuple.tuple("PSYCHIATRIC_DISORDER", "经精神科专科医生诊断患有其他精神和行为障碍"),
                org.assertj.core.groups.Tuple.tuple("CARE_RISK_EVENTS", "近30天内发生照护风险事件 2 次及以上"));
        for (Condition c : outcome.conditions()) {
            assertThat(c.reason()).doesNotContainPattern("[FfGgZz]\\d").doesNotContain("ICD", "3 次",
                    ON.minusDays(3).toString());
            for (RiskEventKind kind : EnumSet.complementOf(EnumSet.of(RiskEventKind.OTHER))) { // "其他" is a word
                assertThat(c.reason()).doesNotContain(kind.chineseName());
            }
        }
    }

    @Test
    void anEventAfterTheAssessmentDateIsRefused() {
        var events = List.of(new RiskEvent(RiskEventKind.FALL, ON.plusDays(1)));
        assertThat(fieldProblems(() -> scoring.assess(observed(70, List.of(), events))))
                .extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("riskEvents[0].occurredOn", "after-assessment"));
    }

    @ParameterizedTest(name = "{0} is not a mental disorder")
    @CsvSource({ "G30", "F100", "F", "'   '", "Z03.2" })
    void aDiagnosisOutsideIcd10ChapterFiveIsRefused(String code) {
        assertThat(fieldProblems(() -> scoring.assess(observed(70, List.of(new Diagnosis(code, true)), List.of()))))
                .extracting(FieldProblem::field).containsExactly("diagnoses[0].icd10");
    }

    @Test
    void comaOverridesEverything() {
        Outcome outcome = scoring.assess(new Observation(ON, true, Map.of(), List.of(DEMENTIA, SCHIZOPHRENIA),
                TWO_EVENTS));
        assertThat(outcome.finalLevel()).isEqualTo(AbilityLevel.COMPLETE_LOSS);
        assertThat(outcome.preliminaryLevel()).isNull();
        assertThat(outcome.total()).isNull();
        assertThat(outcome.items()).isEmpty();
        assertThat(outcome.indicators()).isEmpty();
        assertThat(outcome.conditions()).extracting(Condition::code).containsExactly("COMA");
        assertThat(outcome.nextDue()).isEqualTo(ON.plusMonths(12));
    }

    @Test
    void comaNeedsNoItemsEvenWithFullScoresGiven() {
        Outcome outcome = scoring.assess(new Observation(ON, true, scoresTotalling(90), null, null));
        assertThat(outcome.finalLevel().value()).isEqualTo(4);
        assertThat(outcome.total()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AbilityItem.class)
    void eachItemsRange(AbilityItem item) {
        for (int score = 0; score <= item.max(); score++) {
            Map<String, Integer> scores = scoresTotalling(0);
            scores.put(item.name(), score);
            assertThat(scoring.assess(new Observation(ON, false, scores, null, null)).total()).isEqualTo(score);
        }
        for (int bad : new int[] { -1, item.max() + 1 }) {
            Map<String, Integer> scores = scoresTotalling(0);
            scores.put(item.name(), bad);
            assertThat(fieldProblems(() -> scoring.assess(new Observation(ON, false, scores, null, null))))
                    .containsExactly(new FieldProblem("items." + item.name(), "score-out-of-range", null));
        }
    }

    @ParameterizedTest(name = "{0} missing")
    @EnumSource(AbilityItem.class)
    void eachItemIsRequired(AbilityItem item) {
        Map<String, Integer> scores = new HashMap<>(scoresTotalling(50));
        scores.remove(item.name());
        assertThat(fieldProblems(() -> scoring.assess(new Observation(ON, false, scores, null, null))))
                .containsExactly(new FieldProblem("items." + item.name(), "item-missing", null));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, Integer> scores = new HashMap<>(scoresTotalling(50));
        scores.remove("MEMORY");
        scores.put("STAIRS", 4);
        scores.put("SINGING", 2);
        List<String> fields = new ArrayList<>();
        fieldProblems(() -> scoring.assess(new Observation(ON, false, scores, null, null)))
                .forEach(p -> fields.add(p.field() + " " + p.code()));
        assertThat(fields).containsExactlyInAnyOrder("items.MEMORY item-missing", "items.STAIRS score-out-of-range",
                "items.SINGING item-unknown");
        assertThat(fieldProblems(() -> scoring.assess(new Observation(ON, false, null, null, null)))).hasSize(26);
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({ "2026-11-20, P12M, 2027-11-20", "2024-02-29, P12M, 2025-02-28", "2026-01-31, P6M, 2026-07-31",
            "2026-08-31, P6M, 2027-02-28" })
    void theNextAssessmentIsDueAfterTheInterval(LocalDate on, String interval, LocalDate due) {
        AbilityScoring withInterval = new AbilityScoring(Period.parse(interval));
        assertThat(withInterval.assess(new Observation(on, false, scoresTotalling(60), null, null)).nextDue())
                .isEqualTo(due);
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new AbilityScoring(Period.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AbilityScoring(Period.ofMonths(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
