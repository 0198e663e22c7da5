package org.warmnest.care.assessment;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.problem.ProblemException.FieldProblem;

/**
 * The ability assessment rules of GB/T 42195-2022: item ranges, indicator totals, the preliminary level from the
 * total score, the adjustments (coma; dementia, another psychiatric disorder, repeated care-risk events) and when
 * the next assessment is due. Pure rules: no storage, no clock.
 */
final class AbilityScoring {

    /** Care-risk events count when they happened at most this many days before the assessment date. */
    static final int RISK_EVENT_WINDOW_DAYS = 30;
    static final int RISK_EVENTS_THAT_RAISE = 2;

    static final String COMA = "COMA";
    static final String DEMENTIA = "DEMENTIA";
    static final String PSYCHIATRIC_DISORDER = "PSYCHIATRIC_DISORDER";
    static final String CARE_RISK_EVENTS = "CARE_RISK_EVENTS";

    private static final Pattern ICD10_MENTAL = Pattern.compile("F(\\d{2})(\\.\\d{1,2})?");

    private final Period interval;

    AbilityScoring(Period interval) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the reassessment interval must be positive: " + interval);
        }
        this.interval = interval;
    }

    /** A diagnosis of a mental or behavioural disorder, ICD-10 chapter V (F00–F99). */
    record Diagnosis(String icd10, boolean byPsychiatrist) {
    }

    record RiskEvent(RiskEventKind kind, LocalDate occurredOn) {
    }

    /** What the assessors found; item scores keyed by {@link AbilityItem} code. */
    record Observation(LocalDate assessedOn, boolean coma, Map<String, Integer> items, List<Diagnosis> diagnoses,
            List<RiskEvent> riskEvents) {
    }

    /** A condition that decided the level, with the reason in Chinese as it goes on the record. */
    record Condition(String code, String reason) {
    }

    /**
     * The result. When in a coma nothing is scored: items and indicators are empty, total and preliminary level
     * null.
     */
    record Outcome(Map<AbilityItem, Integer> items, Map<Indicator, Integer> indicators, Integer total,
            AbilityLevel preliminaryLevel, List<Condition> conditions, AbilityLevel finalLevel, LocalDate nextDue) {
    }

    Outcome assess(Observation o) {
        List<FieldProblem> problems = new ArrayList<>();
        if (o.assessedOn() == null) {
            problems.add(new FieldProblem("assessedOn", "NotNull", null));
        }
        if (o.coma()) {
            // The standard rates a person in a coma directly; nothing else is looked at.
            reject(problems);
            return new Outcome(Map.of(), Map.of(), null, null,
                    List.of(new Condition(COMA, "处于昏迷状态，直接评定为能力完全丧失")), AbilityLevel.COMPLETE_LOSS,
                    nextDue(o.assessedOn()));
        }
        Map<AbilityItem, Integer> items = items(o.items(), problems);
        List<Condition> conditions = new ArrayList<>();
        diagnoses(o.diagnoses(), problems, conditions);
        riskEvents(o.riskEvents(), o.assessedOn(), problems, conditions);
        reject(problems);

        Map<Indicator, Integer> indicators = new EnumMap<>(Indicator.class);
        for (Indicator i : Indicator.values()) {
            indicators.put(i, 0);
        }
        items.forEach((item, score) -> indicators.merge(item.indicator(), score, Integer::sum));
        int total = indicators.values().stream().mapToInt(Integer::intValue).sum();
        AbilityLevel preliminary = preliminaryLevel(total);
        // One step in all, however many conditions hold.
        AbilityLevel finalLevel = conditions.isEmpty() ? preliminary : preliminary.raised();
        return new Outcome(Collections.unmodifiableMap(items), Collections.unmodifiableMap(indicators), total,
                preliminary, List.copyOf(conditions), finalLevel, nextDue(o.assessedOn()));
    }

    static AbilityLevel preliminaryLevel(int total) {
        if (total < 0 || total > 90) {
            throw new IllegalArgumentException("a total score is 0 to 90: " + total);
        }
        if (total == 90) {
            return AbilityLevel.INTACT;
        } else if (total >= 66) {
            return AbilityLevel.MILD;
        } else if (total >= 46) {
            return AbilityLevel.MODERATE;
        } else if (total >= 30) {
            return AbilityLevel.SEVERE;
        }
        return AbilityLevel.COMPLETE_LOSS;
    }

    LocalDate nextDue(LocalDate assessedOn) {
        return assessedOn.plus(interval);
    }

    private static Map<AbilityItem, Integer> items(Map<String, Integer> given, List<FieldProblem> problems) {
        Map<String, Integer> scores = given == null ? Map.of() : given;
        Map<AbilityItem, Integer> items = new EnumMap<>(AbilityItem.class);
        for (String code : scores.keySet()) {
            if (!isItem(code)) {
                problems.add(new FieldProblem("items." + code, "item-unknown", null));
            }
        }
        for (AbilityItem item : AbilityItem.values()) {
            Integer score = scores.get(item.name());
            if (score == null) {
                problems.add(new FieldProblem("items." + item.name(), "item-missing", null));
            } else if (score < 0 || score > item.max()) {
                problems.add(new FieldProblem("items." + item.name(), "score-out-of-range", null));
            } else {
                items.put(item, score);
            }
        }
        return items;
    }

    private static boolean isItem(String code) {
        for (AbilityItem item : AbilityItem.values()) {
            if (item.name().equals(code)) {
                return true;
            }
        }
        return false;
    }

    private static void diagnoses(List<Diagnosis> diagnoses, List<FieldProblem> problems, List<Condition> conditions) {
        boolean dementia = false;
        boolean psychiatric = false;
        List<Diagnosis> given = diagnoses == null ? List.of() : diagnoses;
        for (int i = 0; i < given.size(); i++) {
            Diagnosis d = given.get(i);
            String code = d == null || d.icd10() == null ? "" : d.icd10().strip().toUpperCase(java.util.Locale.ROOT);
            Matcher m = ICD10_MENTAL.matcher(code);
            if (!m.matches()) {
                problems.add(new FieldProblem("diagnoses[" + i + "].icd10", "icd10-not-mental-disorder", null));
                continue;
            }
            int category = Integer.parseInt(m.group(1));
            if (category <= 3) {
                dementia = true;
            } else if (d.byPsychiatrist()) {
                // Only a psychiatrist's diagnosis counts for F04–F99.
                psychiatric = true;
            }
        }
        // Health data too (stored encrypted, read audited), yet a reason names only the condition, never the
        // diagnosis (code, kind): those stay in the findings.
        if (dementia) {
            conditions.add(new Condition(DEMENTIA, "经诊断患有痴呆"));
        }
        if (psychiatric) {
            conditions.add(new Condition(PSYCHIATRIC_DISORDER, "经精神科专科医生诊断患有其他精神和行为障碍"));
        }
    }

    private static void riskEvents(List<RiskEvent> events, LocalDate assessedOn, List<FieldProblem> problems,
            List<Condition> conditions) {
        List<RiskEvent> given = events == null ? List.of() : events;
        List<RiskEvent> counted = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            RiskEvent e = given.get(i);
            if (e == null || e.kind() == null) {
                problems.add(new FieldProblem("riskEvents[" + i + "].kind", "NotNull", null));
            } else if (e.occurredOn() == null) {
                problems.add(new FieldProblem("riskEvents[" + i + "].occurredOn", "NotNull", null));
            } else if (assessedOn != null && e.occurredOn().isAfter(assessedOn)) {
                problems.add(new FieldProblem("riskEvents[" + i + "].occurredOn", "after-assessment", null));
            } else if (assessedOn != null
                    && !e.occurredOn().isBefore(assessedOn.minusDays(RISK_EVENT_WINDOW_DAYS))) {
                counted.add(e);
            }
        }
        if (counted.size() >= RISK_EVENTS_THAT_RAISE) {
            // the condition, not the events: which ones, when and how many are health data, read audited
            conditions.add(new Condition(CARE_RISK_EVENTS,
                    "近" + RISK_EVENT_WINDOW_DAYS + "天内发生照护风险事件 " + RISK_EVENTS_THAT_RAISE + " 次及以上"));
        }
    }

    private static void reject(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation-failed", problems);
        }
    }
}
