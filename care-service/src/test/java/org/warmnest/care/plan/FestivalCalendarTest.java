package org.warmnest.care.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Published dates (the State Council's holiday notices and the almanac), leap-month years included. */
class FestivalCalendarTest {

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
            // 2023 has a leap 2nd month
            "2023, SPRING_FESTIVAL, 2023-01-22", "2023, DRAGON_BOAT, 2023-06-22", "2023, MID_AUTUMN, 2023-09-29",
            "2023, DOUBLE_NINTH, 2023-10-23", "2023, QINGMING, 2023-04-05",
            "2024, SPRING_FESTIVAL, 2024-02-10", "2024, LANTERN, 2024-02-24", "2024, QINGMING, 2024-04-04",
            "2024, DRAGON_BOAT, 2024-06-10", "2024, QIXI, 2024-08-10", "2024, MID_AUTUMN, 2024-09-17",
            "2024, DOUBLE_NINTH, 2024-10-11",
            // 2025 has a leap 6th month: 七夕 falls after it
            "2025, SPRING_FESTIVAL, 2025-01-29", "2025, LANTERN, 2025-02-12", "2025, QINGMING, 2025-04-04",
            "2025, DRAGON_BOAT, 2025-05-31", "2025, QIXI, 2025-08-29", "2025, MID_AUTUMN, 2025-10-06",
            "2025, DOUBLE_NINTH, 2025-10-29",
            "2026, SPRING_FESTIVAL, 2026-02-17", "2026, LANTERN, 2026-03-03", "2026, QINGMING, 2026-04-05",
            "2026, DRAGON_BOAT, 2026-06-19", "2026, QIXI, 2026-08-19", "2026, MID_AUTUMN, 2026-09-25",
            "2026, DOUBLE_NINTH, 2026-10-18",
            "2026, NEW_YEAR, 2026-01-01", "2026, NATIONAL_DAY, 2026-10-01",
    })
    void theFestivalFallsOnItsPublishedDate(int year, Festival festival, LocalDate expected) {
        assertThat(FestivalCalendar.date(festival, year)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "小寒 {0} = {1}")
    @CsvSource({ "2025, 2025-01-05", "2026, 2026-01-05" })
    void aSolarTermEarlyInTheYearIsFoundInThatYear(int year, LocalDate expected) {
        assertThat(FestivalCalendar.solarTerm(year, 285)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "2000", "2024", "2050", "2099" })
    void everyFestivalOfAYearFallsInThatYear(int year) {
        assertThat(FestivalCalendar.of(year).values()).allMatch(d -> d.getYear() == year).hasSize(9);
    }
}
