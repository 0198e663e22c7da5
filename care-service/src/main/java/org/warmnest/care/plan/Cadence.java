package org.warmnest.care.plan;

import java.util.EnumSet;
import java.util.Set;

/**
 * How often a plan item is due (一人一策). Each cadence cuts time into windows; in each window the item is due
 * {@code times} times. The programs' rhythms: 一日三问 is {@code TimesPerDay(3)}; 稷山's "six ones" are daily,
 * weekly, monthly, quarterly, festival and birthday items.
 */
sealed interface Cadence {

    /** Contacts due in each window. */
    int times();

    /** N contacts every day (一日三问: three). */
    record TimesPerDay(int times) implements Cadence {
        public TimesPerDay {
            if (times < 1 || times > 24) {
                throw new IllegalArgumentException("1 to 24 times a day");
            }
        }
    }

    /** Once every calendar week, Monday to Sunday. */
    record Weekly() implements Cadence {
        public int times() {
            return 1;
        }
    }

    /** Once every calendar month. */
    record Monthly() implements Cadence {
        public int times() {
            return 1;
        }
    }

    /** Once every calendar quarter. */
    record Quarterly() implements Cadence {
        public int times() {
            return 1;
        }
    }

    /**
     * Once for each of the festivals, from {@code leadDays} before it to the day itself (送温暖 visits come in the
     * days before 春节).
     */
    record Festivals(Set<Festival> festivals, int leadDays) implements Cadence {
        public Festivals {
            festivals = festivals.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(festivals));
            if (leadDays < 0 || leadDays > 30) {
                throw new IllegalArgumentException("0 to 30 lead days");
            }
        }

        public int times() {
            return 1;
        }
    }

    /** Once on the elder's birthday, from {@code leadDays} before it; 29 February is kept on 28 February otherwise. */
    record Birthday(int leadDays) implements Cadence {
        public Birthday {
            if (leadDays < 0 || leadDays > 30) {
                throw new IllegalArgumentException("0 to 30 lead days");
            }
        }

        public int times() {
            return 1;
        }
    }
}
