package org.warmnest.care.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How an unacknowledged alert climbs the chain: each level has its time to acknowledge; when it passes, the next
 * level is reached at that very deadline and gets its own time; a level without anyone on duty is passed at once
 * (and the timeline says so); at the district bureau, the top, the duty is reminded every deadline until someone
 * acknowledges.
 * <p>
 * The plan is computed from the deadlines, not from when a scheduler happened to look: after a restart or an
 * outage the alert lands where it would have been had the scheduler run on time, with every level it passed
 * recorded (and notified) once. Missed district reminders are not replayed one by one: the latest is sent and
 * the timeline says how many fell into the gap.
 */
final class EscalationPolicy {

    /** Where an alert stands: the level that must acknowledge, since when, until when, and the reminder count. */
    record Position(AlertLevel level, Instant since, Instant deadline, int round) {
    }

    enum StepKind {
        /** A level was reached; its duty is notified (round 0). {@code from} is empty for a new alert. */
        REACHED,
        /** Nobody is on duty at the level: passed at once (or, at the top, nobody could be told). */
        NO_DUTY,
        /** The district bureau is reminded again; {@code missed} reminders fell due while nobody looked. */
        REMINDED
    }

    record Step(StepKind kind, AlertLevel level, AlertLevel from, Instant at, int round, long missed) {
    }

    record Plan(Position position, List<Step> steps) {

        boolean moved() {
            return !steps.isEmpty();
        }
    }

    private final Map<AlertLevel, Duration> deadlines;

    EscalationPolicy(Map<AlertLevel, Duration> deadlines) {
        this.deadlines = new EnumMap<>(deadlines);
        for (AlertLevel level : AlertLevel.values()) {
            Duration d = this.deadlines.get(level);
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the time to acknowledge at " + level + " must be positive");
            }
        }
    }

    Duration timeToAcknowledge(AlertLevel level) {
        return deadlines.get(level);
    }

    /** A new alert raised at {@code at}: it starts at the grid, or above when nobody is on duty there. */
    Plan start(Instant at, Predicate<AlertLevel> staffed) {
        List<Step> steps = new ArrayList<>();
        Position p = enter(AlertLevel.GRID, null, at, staffed, steps);
        return new Plan(p, List.copyOf(steps));
    }

    /** Where an open alert stands at {@code now}; no steps when its deadline has not passed. */
    Plan advance(Position from, Instant now, Predicate<AlertLevel> staffed) {
        List<Step> steps = new ArrayList<>();
        Position p = from;
        while (!p.deadline().isAfter(now)) {
            if (p.level().isTop()) {
                Duration every = deadlines.get(AlertLevel.DISTRICT);
                long passed = Duration.between(p.deadline(), now).dividedBy(every) + 1; // deadlines at or before now
                Instant latest = p.deadline().plus(every.multipliedBy(passed - 1));
                int round = Math.addExact(p.round(), Math.toIntExact(passed));
                steps.add(staffed.test(AlertLevel.DISTRICT)
                        ? new Step(StepKind.REMINDED, AlertLevel.DISTRICT, AlertLevel.DISTRICT, latest, round, passed - 1)
                        : new Step(StepKind.NO_DUTY, AlertLevel.DISTRICT, AlertLevel.DISTRICT, latest, round,
                                passed - 1));
                p = new Position(AlertLevel.DISTRICT, p.since(), p.deadline().plus(every.multipliedBy(passed)), round);
            } else {
                p = enter(p.level().next(), p.level(), p.deadline(), staffed, steps);
            }
        }
        return new Plan(p, List.copyOf(steps));
    }

    private Position enter(AlertLevel level, AlertLevel from, Instant at, Predicate<AlertLevel> staffed,
            List<Step> steps) {
        AlertLevel l = level;
        while (!staffed.test(l) && !l.isTop()) {
            steps.add(new Step(StepKind.NO_DUTY, l, from, at, 0, 0));
            l = l.next();
        }
        if (!staffed.test(l)) {
            steps.add(new Step(StepKind.NO_DUTY, l, from, at, 0, 0));
        }
        steps.add(new Step(StepKind.REACHED, l, from, at, 0, 0));
        return new Position(l, at, at.plus(deadlines.get(l)), 0);
    }
}
