package org.warmnest.care.plan;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.warmnest.platform.problem.ProblemException;

/**
 * A cadence as requests and the database give it: a kind, how many times a day, the festivals and the lead days.
 * {@code DAILY} is {@code TIMES_PER_DAY} once and is kept as such.
 */
public record CadenceSpec(Kind kind, Integer times, List<Festival> festivals, Integer leadDays) {

    public enum Kind { TIMES_PER_DAY, DAILY, WEEKLY, MONTHLY, QUARTERLY, FESTIVALS, BIRTHDAY }

    /** The cadence this describes, or a 400 naming the field that is wrong. */
    Cadence cadence() {
        if (kind == null) {
            throw ProblemException.invalid("cadence.kind", "required");
        }
        int lead = leadDays == null ? 0 : leadDays;
        if (lead < 0 || lead > 30) {
            throw ProblemException.invalid("cadence.leadDays", "lead-days-range");
        }
        if (kind != Kind.FESTIVALS && festivals != null && !festivals.isEmpty()) {
            throw ProblemException.invalid("cadence.festivals", "festivals-only-for-festival-cadence");
        }
        switch (kind) {
            case TIMES_PER_DAY:
                if (times == null || times < 1 || times > 24) {
                    throw ProblemException.invalid("cadence.times", "times-per-day-range");
                }
                return new Cadence.TimesPerDay(times);
            case DAILY:
                return new Cadence.TimesPerDay(1);
            case WEEKLY:
                return new Cadence.Weekly();
            case MONTHLY:
                return new Cadence.Monthly();
            case QUARTERLY:
                return new Cadence.Quarterly();
            case FESTIVALS:
                if (festivals == null || festivals.isEmpty()) {
                    throw ProblemException.invalid("cadence.festivals", "required");
                }
                return new Cadence.Festivals(EnumSet.copyOf(festivals), lead);
            case BIRTHDAY:
                return new Cadence.Birthday(lead);
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** The stored form of a cadence. */
    static CadenceSpec of(Cadence c) {
        if (c instanceof Cadence.TimesPerDay t) {
            return new CadenceSpec(Kind.TIMES_PER_DAY, t.times(), null, 0);
        } else if (c instanceof Cadence.Weekly) {
            return new CadenceSpec(Kind.WEEKLY, 1, null, 0);
        } else if (c instanceof Cadence.Monthly) {
            return new CadenceSpec(Kind.MONTHLY, 1, null, 0);
        } else if (c instanceof Cadence.Quarterly) {
            return new CadenceSpec(Kind.QUARTERLY, 1, null, 0);
        } else if (c instanceof Cadence.Festivals f) {
            return new CadenceSpec(Kind.FESTIVALS, 1, f.festivals().stream().sorted().toList(), f.leadDays());
        } else if (c instanceof Cadence.Birthday b) {
            return new CadenceSpec(Kind.BIRTHDAY, 1, null, b.leadDays());
        }
        throw new IllegalStateException(c.toString());
    }

    /** The cadence of a stored row. */
    static Cadence fromRow(String kind, int times, Set<Festival> festivals, int leadDays) {
        return switch (Kind.valueOf(kind)) {
            case TIMES_PER_DAY, DAILY -> new Cadence.TimesPerDay(times);
            case WEEKLY -> new Cadence.Weekly();
            case MONTHLY -> new Cadence.Monthly();
            case QUARTERLY -> new Cadence.Quarterly();
            case FESTIVALS -> new Cadence.Festivals(festivals, leadDays);
            case BIRTHDAY -> new Cadence.Birthday(leadDays);
        };
    }

    /** In words, for sheets: 每日3次, 每周1次, 节日(春节、重阳节，提前7天) … */
    static String describe(Cadence c) {
        if (c instanceof Cadence.TimesPerDay t) {
            return t.times() == 1 ? "每日" : "每日" + t.times() + "次";
        } else if (c instanceof Cadence.Weekly) {
            return "每周";
        } else if (c instanceof Cadence.Monthly) {
            return "每月";
        } else if (c instanceof Cadence.Quarterly) {
            return "每季度";
        } else if (c instanceof Cadence.Festivals f) {
            return "节日(" + String.join("、", f.festivals().stream().sorted().map(x -> x.label).toList())
                    + (f.leadDays() > 0 ? "，提前" + f.leadDays() + "天" : "") + ")";
        } else if (c instanceof Cadence.Birthday b) {
            return "生日" + (b.leadDays() > 0 ? "(提前" + b.leadDays() + "天)" : "");
        }
        return c.toString();
    }
}
