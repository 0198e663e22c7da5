package org.warmnest.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts of money in yuan with fen: {@code BigDecimal} at scale 2, stored as {@code numeric(19,2)}.
 * <p>
 * On the wire an amount is a JSON string with exactly two decimals ({@code "1200000.00"}): JSON numbers are
 * parsed as binary floating point by many clients (JavaScript among them), which silently loses fen on large
 * sums. Requests also accept a JSON number, read exactly from its text, but responses are always strings.
 */
public final class Yuan {

    public static final int SCALE = 2;
    /** Digits before the point that {@code numeric(19,2)} holds. */
    public static final int INTEGER_DIGITS = 17;

    private Yuan() {
    }

    /** The amount at scale 2; never rounds, so input with more than two decimals must be refused before. */
    public static BigDecimal exact(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    public static String format(BigDecimal amount) {
        return exact(amount).toPlainString();
    }
}
