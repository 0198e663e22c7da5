package org.warmnest.care.pii;

/**
 * How personal data is shown where it is not read in full (every view and export): enough to recognise, not
 * enough to use. The full value comes only from an audited sensitive read.
 */
public final class Masks {

    private static final String HIDDEN = "****";

    private Masks() {
    }

    /** {@code 13987700001} → {@code 139****0001}; a landline keeps its first three and last four characters. */
    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return phone;
        }
        String p = phone.strip();
        if (p.length() <= 7) {
            return HIDDEN + p.substring(Math.max(0, p.length() - 2));
        }
        return p.substring(0, 3) + HIDDEN + p.substring(p.length() - 4);
    }

    /**
     * An address up to its first number (the road, village or compound, at most ten characters): {@code
     * 北苑路12号3栋2单元401室} → {@code 北苑路****}.
     */
    public static String address(String address) {
        if (address == null || address.isBlank()) {
            return address;
        }
        String a = address.strip();
        int cut = 0;
        while (cut < a.length() && cut < 10 && !Character.isDigit(a.charAt(cut))) {
            cut++;
        }
        return a.substring(0, cut) + HIDDEN;
    }

    /** An age as the five-year band it lies in: {@code 83} → {@code 80-84}. */
    public static String ageBand(int age) {
        int from = age / 5 * 5;
        return from + "-" + (from + 4);
    }
}
