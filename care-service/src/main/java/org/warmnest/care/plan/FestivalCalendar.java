package org.warmnest.care.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import com.ibm.icu.impl.CalendarAstronomer;
import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;

/**
 * The Gregorian date of each festival in a year, in China's time zone. Lunar festivals come from ICU's Chinese
 * calendar (the never-leap month of that number: 七夕 is the 7th day of the 7th month, not of a leap 6th); 清明
 * is the day the sun reaches ecliptic longitude 15°, computed astronomically. No table to go stale, and the unit
 * tests hold published dates, leap-month years among them.
 */
public final class FestivalCalendar {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** ICU's extended Chinese year of Gregorian year y (whose 春节 falls in y) is y + 2637. */
    private static final int EXTENDED_YEAR_OFFSET = 2637;

    private FestivalCalendar() {
    }

    /** Every festival of the Gregorian year. */
    public static Map<Festival, LocalDate> of(int year) {
        Map<Festival, LocalDate> dates = new EnumMap<>(Festival.class);
        for (Festival f : Festival.values()) {
            dates.put(f, date(f, year));
        }
        return dates;
    }

    public static LocalDate date(Festival festival, int year) {
        return switch (festival) {
            case NEW_YEAR -> LocalDate.of(year, 1, 1);
            case NATIONAL_DAY -> LocalDate.of(year, 10, 1);
            case SPRING_FESTIVAL -> lunar(year, 1, 1);
            case LANTERN -> lunar(year, 1, 15);
            case DRAGON_BOAT -> lunar(year, 5, 5);
            case QIXI -> lunar(year, 7, 7);
            case MID_AUTUMN -> lunar(year, 8, 15);
            case DOUBLE_NINTH -> lunar(year, 9, 9);
            case QINGMING -> solarTerm(year, 15);
        };
    }

    /** A lunar month and day of the Chinese year that begins in the given Gregorian year. */
    static LocalDate lunar(int year, int month, int day) {
        ChineseCalendar calendar = new ChineseCalendar(TimeZone.getTimeZone(CHINA.getId()));
        calendar.clear();
        calendar.set(ChineseCalendar.EXTENDED_YEAR, year + EXTENDED_YEAR_OFFSET);
        calendar.set(ChineseCalendar.MONTH, month - 1);
        calendar.set(ChineseCalendar.IS_LEAP_MONTH, 0);
        calendar.set(ChineseCalendar.DAY_OF_MONTH, day);
        return Instant.ofEpochMilli(calendar.getTimeInMillis()).atZone(CHINA).toLocalDate();
    }

    /** The day in China on which the sun reaches this ecliptic longitude (degrees) in the given year. */
    static LocalDate solarTerm(int year, double longitude) {
        // the sun is near 280° on 1 January: start the search ten days before the term's usual day
        double dayOfYear = ((longitude - 280 + 360) % 360) / 360 * 365.2422;
        long from = LocalDate.of(year, 1, 1).plusDays(Math.max(0, (long) dayOfYear - 10)).atStartOfDay(CHINA)
                .toInstant().toEpochMilli();
        long at = new CalendarAstronomer(from).getSunTime(Math.toRadians(longitude), true);
        return Instant.ofEpochMilli(at).atZone(CHINA).toLocalDate();
    }
}
