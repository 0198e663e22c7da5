package org.warmnest.tenant.contractor;

import java.util.Optional;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters of a 31-character alphabet
 * without I O Z S V; the 18th is a check character over the first 17 (weights 3^i mod 31). Checked exactly as
 * the standard says: lowercase is not normalised, since the code is printed on the licence in capitals.
 */
public record Uscc(String value) {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
    static final int LENGTH = 18;

    /** Why a string is not a code. */
    public enum Defect {
        MISSING, WRONG_LENGTH, FORBIDDEN_CHARACTER, WRONG_CHECK_CHARACTER
    }

    public Uscc {
        Optional<Defect> defect = defect(value);
        if (defect.isPresent()) {
            throw new IllegalArgumentException("not a unified social credit code (" + defect.get() + ")");
        }
    }

    public static boolean isValid(String value) {
        return defect(value).isEmpty();
    }

    public static Optional<Defect> defect(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(Defect.MISSING);
        }
        if (value.length() != LENGTH) {
            return Optional.of(Defect.WRONG_LENGTH);
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                return Optional.of(Defect.FORBIDDEN_CHARACTER);
            }
        }
        return value.charAt(LENGTH - 1) == checkCharacter(value.substring(0, LENGTH - 1)) ? Optional.empty()
                : Optional.of(Defect.WRONG_CHECK_CHARACTER);
    }

    /** The check character of the first 17 characters: 31 − (Σ value × weight mod 31), where 31 means 0. */
    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    @Override
    public String toString() {
        return value;
    }
}
