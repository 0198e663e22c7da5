package org.warmnest.care.plan;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a cadence makes due in a period: the windows that end in the period, each with how many contacts it needs.
 * A window counts for the period its last day falls in (a month's visit is the month's, whenever in it it
 * happens), and only from the day the item is active: a window that began before is shortened to start then.
 */
final class Obligations {

    /** One obligation: {@code times} contacts between {@code from} and {@code to}, both days included. */
    record Window(LocalDate from, LocalDate to, int times) {
    }

    private Obligations() {
    }

    static List<Window> due(Cadence cadence, LocalDate activeFrom, LocalDate periodFrom, LocalDate periodTo,
            LocalDate birthDate) {
        if (periodTo.isBefore(periodFrom)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
        List<Window> windows = new ArrayList<>();
        for (Window w : candidates(cadence, periodFrom, periodTo, birthDate)) {
            if (w.to().isBefore(periodFrom) || w.to().isAfter(periodTo) || w.to().isBefore(activeFrom)) {
                continue;
            }
            windows.add(w.from().isBefore(activeFrom) ? new Window(activeFrom, w.to(), w.times()) : w);
        }
        return windows;
    }

    /** Every window whose last day may fall in the period, in order. */
    private static List<Window> candidates(Cadence cadence, LocalDate from, LocalDate to, LocalDate birthDate) {
        List<Window> windows = new ArrayList<>();
        if (cadence instanceof Cadence.TimesPerDay t) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                windows.add(new Window(d, d, t.times()));
            }
        } else if (cadence instanceof Cadence.Weekly) {
            for (LocalDate start = from.with(DayOfWeek.MONDAY); !start.isAfter(to); start = start.plusWeeks(1)) {
                windows.add(new Window(start, start.plusDays(6), 1));
            }
        } else if (cadence instanceof Cadence.Monthly) {
            for (LocalDate start = from.withDayOfMonth(1); !start.isAfter(to); start = start.plusMonths(1)) {
                windows.add(new Window(start, start.with(TemporalAdjusters.lastDayOfMonth()), 1));
            }
        } else if (cadence instanceof Cadence.Quarterly) {
            for (LocalDate start = from.with(IsoFields.DAY_OF_QUARTER, 1); !start.isAfter(to);
                    start = start.plusMonths(3)) {
                windows.add(new Window(start, start.plusMonths(3).minusDays(1), 1));
            }
        } else if (cadence instanceof Cadence.Festivals f) {
            // a festival early in January may be due from December's lead days: look one year on
            for (int year = from.getYear(); year <= to.getYear() + 1; year++) {
                for (Festival festival : f.festivals()) {
                    LocalDate day = FestivalCalendar.date(festival, year);
                    windows.add(new Window(day.minusDays(f.leadDays()), day, 1));
                }
            }
            windows.sort(Comparator.comparing(Window::to));
        } else if (cadence instanceof Cadence.Birthday b) {
            if (birthDate == null) {
                throw new IllegalArgumentException("a birthday cadence needs the birth date");
            }
            MonthDay birthday = MonthDay.from(birthDate);
            for (int year = from.getYear(); year <= to.getYear(); year++) {
                // MonthDay.atYear keeps 29 February on the 28th in a common year
                LocalDate day = birthday.atYear(year);
                windows.add(new Window(day.minusDays(b.leadDays()), day, 1));
            }
        }
        return windows;
    }
}
