package org.warmnest.care.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.warmnest.care.alert.EscalationPolicy.Plan;
import org.warmnest.care.alert.EscalationPolicy.Position;
import org.warmnest.care.alert.EscalationPolicy.StepKind;

/** Where an alert stands as time passes: deadlines 15, 30, 60 and 120 minutes, reminders every 120 at the top. */
class EscalationPolicyTest {

    static final Instant T0 = Instant.parse("2026-11-25T02:00:00Z");
    final EscalationPolicy policy = new EscalationPolicy(Map.of(AlertLevel.GRID, Duration.ofMinutes(15),
            AlertLevel.COMMUNITY, Duration.ofMinutes(30), AlertLevel.STREET, Duration.ofMinutes(60),
            AlertLevel.DISTRICT, Duration.ofMinutes(120)));
    static final Predicate<AlertLevel> EVERYONE = l -> true;

    static Predicate<AlertLevel> onDuty(AlertLevel... levels) {
        Set<AlertLevel> staffed = levels.length == 0 ? EnumSet.noneOf(AlertLevel.class) : EnumSet.of(levels[0], levels);
        return staffed::contains;
    }

    static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @ParameterizedTest(name = "after {0} min without acknowledgement: {1}, round {2}, next deadline at {3} min")
    @CsvSource({
            // minutes since raised, level, round, next deadline (minutes), steps taken
            "0,    GRID,      0, 15,  0",
            "14,   GRID,      0, 15,  0",
            "15,   COMMUNITY, 0, 45,  1", // exactly at the deadline
            "44,   COMMUNITY, 0, 45,  1",
            "45,   STREET,    0, 105, 2",
            "104,  STREET,    0, 105, 2",
            "105,  DISTRICT,  0, 225, 3",
            "120,  DISTRICT,  0, 225, 3", // a two-hour outage
            "225,  DISTRICT,  1, 345, 4", // the first reminder
            "480,  DISTRICT,  3, 585, 4", // eight hours: reminders at 225, 345, 465 fall into one
            "2025, DISTRICT,  16, 2145, 4" })
    void fromAFreshAlertInOneGo(long minutes, AlertLevel level, int round, long deadline, int steps) {
        Plan start = policy.start(T0, EVERYONE);
        assertThat(start.position()).isEqualTo(new Position(AlertLevel.GRID, T0, at(15), 0));
        Plan plan = policy.advance(start.position(), at(minutes), EVERYONE);
        assertThat(plan.position().level()).isEqualTo(level);
        assertThat(plan.position().round()).isEqualTo(round);
        assertThat(plan.position().deadline()).isEqualTo(at(deadline));
        assertThat(plan.steps()).hasSize(steps);
    }

    @Test
    void stepByStepOrInOneGoTheAlertEndsInTheSamePlace() {
        Position stepwise = policy.start(T0, EVERYONE).position();
        for (long m = 0; m <= 600; m++) {
            stepwise = policy.advance(stepwise, at(m), EVERYONE).position();
        }
        Position inOneGo = policy.advance(policy.start(T0, EVERYONE).position(), at(600), EVERYONE).position();
        assertThat(inOneGo.level()).isEqualTo(stepwise.level());
        assertThat(inOneGo.deadline()).isEqualTo(stepwise.deadline());
        assertThat(inOneGo.since()).isEqualTo(stepwise.since());
    }

    @Test
    void aCatchUpReachesEachLevelAtItsDeadlineAndRemindsOnceCountingTheMissed() {
        Plan plan = policy.advance(policy.start(T0, EVERYONE).position(), at(480), EVERYONE);
        assertThat(plan.steps()).extracting(s -> s.kind() + " " + s.level() + " " + s.at() + " " + s.missed())
                .containsExactly("REACHED COMMUNITY " + at(15) + " 0", "REACHED STREET " + at(45) + " 0",
                        "REACHED DISTRICT " + at(105) + " 0", "REMINDED DISTRICT " + at(465) + " 2");
        assertThat(plan.steps().get(0).from()).isEqualTo(AlertLevel.GRID);
    }

    @Test
    void levelsWithNobodyOnDutyArePassedAtOnce() {
        Plan start = policy.start(T0, onDuty(AlertLevel.STREET, AlertLevel.DISTRICT));
        assertThat(start.position()).isEqualTo(new Position(AlertLevel.STREET, T0, at(60), 0));
        assertThat(start.steps()).extracting(s -> s.kind() + " " + s.level())
                .containsExactly("NO_DUTY GRID", "NO_DUTY COMMUNITY", "REACHED STREET");
        assertThat(start.steps().get(2).from()).isNull();

        // community unstaffed: the grid's deadline leads straight to the street, whose time starts then
        Plan passed = policy.advance(policy.start(T0, EVERYONE).position(), at(15),
                onDuty(AlertLevel.GRID, AlertLevel.STREET, AlertLevel.DISTRICT));
        assertThat(passed.position()).isEqualTo(new Position(AlertLevel.STREET, at(15), at(75), 0));
    }

    @Test
    void withNobodyAnywhereTheAlertStillReachesTheDistrictAndSaysNobodyCouldBeTold() {
        Plan start = policy.start(T0, onDuty());
        assertThat(start.position().level()).isEqualTo(AlertLevel.DISTRICT);
        assertThat(start.steps()).extracting(s -> s.kind() + " " + s.level()).containsExactly("NO_DUTY GRID",
                "NO_DUTY COMMUNITY", "NO_DUTY STREET", "NO_DUTY DISTRICT", "REACHED DISTRICT");
        Plan later = policy.advance(start.position(), at(120), onDuty());
        assertThat(later.steps()).extracting(EscalationPolicy.Step::kind).containsExactly(StepKind.NO_DUTY);
        assertThat(later.position().round()).isEqualTo(1);
    }

    @Test
    void everyLevelNeedsAPositiveTime() {
        assertThatThrownBy(() -> new EscalationPolicy(Map.of(AlertLevel.GRID, Duration.ZERO, AlertLevel.COMMUNITY,
                Duration.ofMinutes(1), AlertLevel.STREET, Duration.ofMinutes(1), AlertLevel.DISTRICT,
                Duration.ofMinutes(1)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EscalationPolicy(Map.of(AlertLevel.GRID, Duration.ofMinutes(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        AlertProperties.Dispatch d = new AlertProperties.Dispatch(6, Duration.ofSeconds(30), Duration.ofMinutes(3),
                100);
        assertThat(d.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.after(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(d.after(4)).isEqualTo(Duration.ofMinutes(3));
        assertThat(d.after(40)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void smsShowOnlyTheSurname() {
        assertThat(NotificationOutbox.masked("郑淑华")).isEqualTo("郑**");
        assertThat(NotificationOutbox.masked("欧阳")).isEqualTo("欧*");
        assertThat(NotificationOutbox.masked("王")).isEqualTo("王*");
        assertThat(AlertDuties.mobile("+86 139-0000-1111")).isEqualTo("13900001111");
    }
}
