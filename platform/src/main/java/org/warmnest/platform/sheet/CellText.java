package org.warmnest.platform.sheet;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/** How a cell's content becomes the text an import sees. */
final class CellText {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    // Excel keeps 15 significant digits; showing more would invent digits the user never saw.
    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    private CellText() {
    }

    /** Strips what Excel and Chinese input methods leave around values: full-width spaces, NBSP, BOMs. */
    static String strip(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int start = 0;
        int end = value.length();
        while (start < end && isPadding(value.charAt(start))) {
            start++;
        }
        while (end > start && isPadding(value.charAt(end - 1))) {
            end--;
        }
        String stripped = value.substring(start, end);
        return stripped.indexOf('\uFEFF') >= 0 ? stripped.replace("\uFEFF", "") : stripped;
    }

    private static boolean isPadding(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
    }

    /** A number as its digits: 530402195201011000, never 5.30402E+17; 0.1, never 0.1000000000000000055. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal decimal = new BigDecimal(value).round(EXCEL_PRECISION).stripTrailingZeros();
        return (decimal.scale() < 0 ? decimal.setScale(0) : decimal).toPlainString();
    }

    /** ISO-like, so that imports parse one shape whatever format the cell showed. */
    static String dateTime(LocalDateTime value) {
        if (value.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return value.toLocalDate().toString();
        }
        return (value.getSecond() == 0 ? MINUTES : SECONDS).format(value);
    }

    /** Formats numeric cells for imports: dates as {@link #dateTime}, everything else as {@link #number}. */
    static final class ImportFormatter extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, false);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString,
                                            boolean use1904Windowing) {
            if (formatString != null && DateUtil.isADateFormat(formatIndex, formatString)
                    && DateUtil.isValidExcelDate(value)) {
                LocalDateTime dateTime = DateUtil.getLocalDateTime(value, use1904Windowing, true);
                if (value < 1) {
                    LocalTime time = dateTime.toLocalTime();
                    return time.getSecond() == 0 ? time.toString().substring(0, 5) : time.toString();
                }
                return dateTime(dateTime);
            }
            return number(value);
        }
    }
}
