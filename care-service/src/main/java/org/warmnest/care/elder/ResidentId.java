package org.warmnest.care.elder;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;

/**
 * A resident identity number (公民身份号码, GB 11643-1999): 6-digit division code, birth date yyyyMMdd,
 * 3-digit sequence (odd for men), check character. Only valid numbers are constructed.
 */
record ResidentId(String value) {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1890, 1, 1);
    /** The provinces of GB/T 2260 (and 71 Taiwan, 81 Hong Kong, 82 Macao, 83 residence permits of Taiwan). */
    private static final java.util.Set<String> PROVINCES = java.util.Set.of("11", "12", "13", "14", "15", "21",
            "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
            "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83");

    enum Sex { MALE, FEMALE }

    /** Why a text is not a valid number: the stable code a report or a field error shows. */
    enum Defect {
        FORMAT("id-number-format"), BIRTH_DATE("id-number-birth-date"), CHECK("id-number-check");

        final String code;

        Defect(String code) {
            this.code = code;
        }
    }

    static final class Invalid extends IllegalArgumentException {
        final Defect defect;

        Invalid(Defect defect) {
            super(defect.code);
            this.defect = defect;
        }
    }

    /** Accepts the number as people type it: spaces dropped, a lower-case x taken for X. */
    static ResidentId parse(String text, LocalDate today) {
        // NFKC turns the full-width digits of Chinese input methods into ASCII
        String v = text == null ? ""
                : Normalizer.normalize(text, Normalizer.Form.NFKC).replace(" ", "").strip().toUpperCase();
        if (!v.matches("^[1-9][0-9]{16}[0-9X]$") || !PROVINCES.contains(v.substring(0, 2))) {
            throw new Invalid(Defect.FORMAT);
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)),
                    Integer.parseInt(v.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new Invalid(Defect.BIRTH_DATE);
        }
        if (birth.isBefore(EARLIEST_BIRTH) || birth.isAfter(today)) {
            throw new Invalid(Defect.BIRTH_DATE);
        }
        if (checkCharacter(v) != v.charAt(17)) {
            throw new Invalid(Defect.CHECK);
        }
        return new ResidentId(v);
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    int ageOn(LocalDate day) {
        return Period.between(birthDate(), day).getYears();
    }

    /**
     * The form every response shows: the last four characters only. With the city's four digits too, the age beside
     * them and the district (most elders were born where they live) left a few dozen candidates to try.
     */
    String masked() {
        return "**************" + value.substring(14);
    }

    @Override
    public String toString() {
        return masked(); // never the number in a log line
    }
}
