package org.warmnest.platform.sheet;

import java.util.Arrays;

/**
 * Something about the file as a whole that stops or limits an import; a message key is {@code sheet.<code>}.
 *
 * @param row    the row number the spreadsheet shows, 0 when the finding is about the file
 * @param column the header concerned, or null
 * @param args   message arguments, see the codes
 */
public record SheetFinding(int row, String column, String code, Object[] args) {

    /** The file is not a spreadsheet we can read; args: a reason ({@code corrupt}, {@code encrypted}, {@code binary}, …). */
    public static final String UNREADABLE = "unreadable";
    /** A CSV file whose bytes are neither UTF-8 nor GB18030 from this row on. */
    public static final String ENCODING_INVALID = "encoding-invalid";
    /** No non-blank row at all. */
    public static final String EMPTY = "empty";
    /** A required header is not in the header row; column: that header. */
    public static final String HEADER_MISSING = "header-missing";
    /** A header appears twice; column: that header; args: the two column letters. */
    public static final String HEADER_DUPLICATE = "header-duplicate";
    /** More data rows than allowed; row: the first row not read; args: the limit. */
    public static final String TOO_MANY_ROWS = "too-many-rows";

    public SheetFinding {
        args = args == null ? new Object[0] : args.clone();
    }

    @Override
    public Object[] args() {
        return args.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SheetFinding that && row == that.row && java.util.Objects.equals(column, that.column)
                && code.equals(that.code) && Arrays.equals(args, that.args);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(row, column, code, Arrays.hashCode(args));
    }

    @Override
    public String toString() {
        return "SheetFinding[row=" + row + ", column=" + column + ", code=" + code + ", args=" + Arrays.toString(args)
                + "]";
    }
}
