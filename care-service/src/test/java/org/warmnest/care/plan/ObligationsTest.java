package org.warmnest.care.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.warmnest.care.plan.Obligations.Window;

class ObligationsTest {

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    static List<Window> due(Cadence c, String activeFrom, String from, String to, String birth) {
        return Obligations.due(c, d(activeFrom), d(from), d(to), birth == null ? null : d(birth));
    }

    @Test
    void threeAsksADayMakeThreeContactsDueEachDay() {
        List<Window> windows = due(new Cadence.TimesPerDay(3), "2026-01-01", "2026-02-01", "2026-02-28", null);
        assertThat(windows).hasSize(28).allMatch(w -> w.times() == 3 && w.from().equals(w.to()));
    }

    @ParameterizedTest(name = "monthly in {0}: window ends {1}")
    @CsvSource({ "2024-02, 2024-02-29", "2025-02, 2025-02-28", "2026-04, 2026-04-30", "2026-12, 2026-12-31" })
    void aMonthsWindowEndsOnItsLastDayLeapYearsIncluded(String month, LocalDate last) {
        LocalDate first = LocalDate.parse(month + "-01");
        assertThat(Obligations.due(new Cadence.Monthly(), first, first, first.plusMonths(1).minusDays(1), null))
                .containsExactly(new Window(first, last, 1));
    }

    @Test
    void weeksAreMondayToSundayAndCountForThePeriodTheyEndIn() {
        // January 2026 starts on a Thursday: the week of 29 Dec – 4 Jan ends in it and counts for it
        List<Window> windows = due(new Cadence.Weekly(), "2025-01-01", "2026-01-01", "2026-01-31", null);
        assertThat(windows).first().isEqualTo(new Window(d("2025-12-29"), d("2026-01-04"), 1));
        assertThat(windows).hasSize(4).last().isEqualTo(new Window(d("2026-01-19"), d("2026-01-25"), 1));
    }

    @Test
    void quartersAndAPlanThatStartedMidQuarter() {
        assertThat(due(new Cadence.Quarterly(), "2026-02-10", "2026-01-01", "2026-12-31", null)).containsExactly(
                new Window(d("2026-02-10"), d("2026-03-31"), 1), new Window(d("2026-04-01"), d("2026-06-30"), 1),
                new Window(d("2026-07-01"), d("2026-09-30"), 1), new Window(d("2026-10-01"), d("2026-12-31"), 1));
    }

    @Test
    void nothingIsDueBeforeTheItemIsActive() {
        assertThat(due(new Cadence.Monthly(), "2026-03-15", "2026-01-01", "2026-02-28", null)).isEmpty();
        assertThat(due(new Cadence.Monthly(), "2026-03-15", "2026-03-01", "2026-03-31", null))
                .containsExactly(new Window(d("2026-03-15"), d("2026-03-31"), 1));
    }

    @Test
    void festivalsAreDueFromTheirLeadDaysToTheDayInTheYearsCalendar() {
        Cadence festivals = new Cadence.Festivals(Set.of(Festival.SPRING_FESTIVAL, Festival.DOUBLE_NINTH), 7);
        assertThat(due(festivals, "2025-01-01", "2026-01-01", "2026-12-31", null)).containsExactly(
                new Window(d("2026-02-10"), d("2026-02-17"), 1), new Window(d("2026-10-11"), d("2026-10-18"), 1));
        // 2025's 春节 was on 29 January: its lead days belong to January
        assertThat(due(festivals, "2024-01-01", "2025-01-01", "2025-01-31", null))
                .containsExactly(new Window(d("2025-01-22"), d("2025-01-29"), 1));
    }

    @ParameterizedTest(name = "born {0}, in {1}: {2}")
    @CsvSource({ "1940-02-29, 2024, 2024-02-29", "1940-02-29, 2025, 2025-02-28", "1938-12-31, 2026, 2026-12-31",
            "1945-03-01, 2026, 2026-03-01" })
    void birthdaysIncludingThe29thOfFebruary(LocalDate born, int year, LocalDate expected) {
        assertThat(Obligations.due(new Cadence.Birthday(0), LocalDate.of(2020, 1, 1), LocalDate.of(year, 1, 1),
                LocalDate.of(year, 12, 31), born)).containsExactly(new Window(expected, expected, 1));
    }

    @Test
    void badCadencesAndPeriodsAreRefused() {
        assertThatThrownBy(() -> new Cadence.TimesPerDay(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> due(new Cadence.Monthly(), "2026-01-01", "2026-02-01", "2026-01-01", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> due(new Cadence.Birthday(0), "2026-01-01", "2026-01-01", "2026-12-31", null))
                .hasMessageContaining("birth date");
    }
}
