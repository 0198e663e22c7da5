package org.warmnest.billing.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.warmnest.platform.sheet.XlsxExport;

/**
 * A finance workbook. Amounts are numbers in yuan ({@value #YUAN_FORMAT}) and rates numbers in per cent
 * ({@value #RATE_FORMAT}), never text; each header says its unit; a sheet that lists amounts ends with a 合计 row;
 * a sheet that shows lottery-fund money opens with the mark 彩票公益金资助—中国福利彩票, and no other sheet carries it.
 * Text cells are what the caller gives: labels, never codes.
 */
public final class ReportWorkbook {

    static final String YUAN_FORMAT = "#,##0.00\"元\"";
    static final String RATE_FORMAT = "0.00%";
    static final String TOTAL = "合计";
    public static final String MARK = "彩票公益金资助—中国福利彩票";

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int WINDOW = 100;

    public enum Kind { TEXT, MONEY, RATE, COUNT, DATE, DATETIME }

    /**
     * A column: its header (the unit is added for money and rates), kind, value, and its value in the 合计 row:
     * amounts and counts are summed unless told otherwise; a rate is the rate of the totals, given by the caller.
     */
    public record Column<T>(String header, Kind kind, Function<? super T, ?> value, Function<List<T>, ?> total) {

        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(value, "value");
        }

        public static <T> Column<T> text(String header, Function<? super T, ?> value) {
            return new Column<>(header, Kind.TEXT, value, null);
        }

        public static <T> Column<T> count(String header, Function<? super T, ? extends Number> value) {
            return new Column<>(header, Kind.COUNT, value, rows -> rows.stream().map(value)
                    .filter(Objects::nonNull).mapToLong(Number::longValue).sum());
        }

        /** A year, a phase: a number, not summed. */
        public static <T> Column<T> number(String header, Function<? super T, ? extends Number> value) {
            return new Column<>(header, Kind.COUNT, value, null);
        }

        public static <T> Column<T> money(String header, Function<? super T, BigDecimal> value) {
            return new Column<>(header + "（元）", Kind.MONEY, value, rows -> rows.stream().map(value)
                    .filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add));
        }

        /** A fraction (0.1234 is 12.34 %); blank where there is no base. */
        public static <T> Column<T> rate(String header, Function<? super T, BigDecimal> value,
                Function<List<T>, BigDecimal> total) {
            return new Column<>(header + "（%）", Kind.RATE, value, total);
        }

        public static <T> Column<T> date(String header, Function<? super T, LocalDate> value) {
            return new Column<>(header, Kind.DATE, value, null);
        }

        public static <T> Column<T> time(String header, Function<? super T, Instant> value) {
            return new Column<>(header, Kind.DATETIME, value, null);
        }
    }

    /**
     * A sheet: its name, whether it shows lottery-fund money (then the mark is its first line), its columns and
     * rows, and whether it ends with a 合计 row.
     */
    public record Sheet<T>(String name, boolean lottery, List<Column<T>> columns, List<T> rows, boolean totalled) {

        public static <T> Sheet<T> of(String name, boolean lottery, List<Column<T>> columns, List<T> rows) {
            return new Sheet<>(name, lottery, columns, List.copyOf(rows),
                    columns.stream().anyMatch(c -> c.kind() == Kind.MONEY));
        }
    }

    private ReportWorkbook() {
    }

    public static ResponseEntity<StreamingResponseBody> response(String fileName, List<Sheet<?>> sheets) {
        List<Sheet<?>> copy = List.copyOf(sheets);
        return ResponseEntity.ok().contentType(XlsxExport.XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName + ".xlsx", StandardCharsets.UTF_8).build().toString())
                // money of named contractors: no copy in shared caches or the browser's
                .cacheControl(CacheControl.noStore())
                .body(out -> write(out, copy));
    }

    public static void write(OutputStream out, List<Sheet<?>> sheets) throws IOException {
        SXSSFWorkbook book = new SXSSFWorkbook(null, WINDOW, true);
        try {
            Styles styles = new Styles(book);
            for (Sheet<?> sheet : sheets) {
                write(book, styles, sheet);
            }
            book.write(out);
        } finally {
            book.close();
            book.dispose();
        }
    }

    private static <T> void write(SXSSFWorkbook book, Styles styles, Sheet<T> content) {
        SXSSFSheet sheet = book.createSheet(WorkbookUtil.createSafeSheetName(content.name()));
        List<Column<T>> columns = content.columns();
        int[] widths = new int[columns.size()];
        int r = 0;
        if (content.lottery()) {
            Cell mark = sheet.createRow(r++).createCell(0);
            mark.setCellValue(MARK);
            mark.setCellStyle(styles.bold);
            if (columns.size() > 1) {
                sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns.size() - 1));
            }
        }
        Row header = sheet.createRow(r++);
        for (int c = 0; c < columns.size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(columns.get(c).header());
            cell.setCellStyle(styles.bold);
            widths[c] = width(columns.get(c).header());
        }
        sheet.createFreezePane(0, r);
        for (T item : content.rows()) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < columns.size(); c++) {
                widths[c] = Math.max(widths[c], set(row.createCell(c), columns.get(c).kind(),
                        columns.get(c).value().apply(item), styles, false));
            }
        }
        if (content.totalled()) {
            Row row = sheet.createRow(r);
            List<T> rows = new ArrayList<>(content.rows());
            for (int c = 0; c < columns.size(); c++) {
                Column<T> column = columns.get(c);
                Object value = c == 0 ? TOTAL : column.total() == null ? null : column.total().apply(rows);
                set(row.createCell(c), c == 0 ? Kind.TEXT : column.kind(), value, styles, true);
            }
        }
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, (Math.min(widths[c], 50) + 2) * 256);
        }
    }

    /** Sets the cell; its width in character widths. */
    private static int set(Cell cell, Kind kind, Object value, Styles styles, boolean total) {
        if (value == null) {
            if (total) {
                cell.setCellStyle(styles.bold);
            }
            return 0;
        }
        switch (kind) {
            case MONEY, RATE, COUNT -> {
                BigDecimal n = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
                cell.setCellValue(n.doubleValue());
                cell.setCellStyle(kind == Kind.MONEY ? styles.yuan(total) : kind == Kind.RATE ? styles.rate(total)
                        : styles.count(total));
                return n.toPlainString().length() + 4;
            }
            case DATE -> {
                cell.setCellValue((LocalDate) value);
                cell.setCellStyle(styles.date);
                return 10;
            }
            case DATETIME -> {
                cell.setCellValue(LocalDateTime.ofInstant((Instant) value, CHINA).withSecond(0).withNano(0));
                cell.setCellStyle(styles.dateTime);
                return 16;
            }
            default -> {
                String text = value instanceof Boolean b ? (b ? "是" : "否") : value.toString();
                cell.setCellValue(text);
                cell.setCellStyle(total ? styles.bold : styles.text);
                return width(text);
            }
        }
    }

    private static int width(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            w += text.charAt(i) > 0x2e80 ? 2 : 1;
        }
        return w;
    }

    private static final class Styles {
        final CellStyle bold;
        final CellStyle text;
        final CellStyle date;
        final CellStyle dateTime;
        private final CellStyle[] yuan = new CellStyle[2];
        private final CellStyle[] rate = new CellStyle[2];
        private final CellStyle[] count = new CellStyle[2];

        Styles(SXSSFWorkbook book) {
            DataFormat formats = book.createDataFormat();
            Font boldFont = book.createFont();
            boldFont.setBold(true);
            bold = book.createCellStyle();
            bold.setFont(boldFont);
            text = book.createCellStyle();
            text.setDataFormat(formats.getFormat("@"));
            date = book.createCellStyle();
            date.setDataFormat(formats.getFormat("yyyy-mm-dd"));
            dateTime = book.createCellStyle();
            dateTime.setDataFormat(formats.getFormat("yyyy-mm-dd hh:mm"));
            for (int t = 0; t < 2; t++) {
                yuan[t] = style(book, formats, YUAN_FORMAT, t == 1 ? boldFont : null);
                rate[t] = style(book, formats, RATE_FORMAT, t == 1 ? boldFont : null);
                count[t] = style(book, formats, "0", t == 1 ? boldFont : null);
            }
        }

        private static CellStyle style(SXSSFWorkbook book, DataFormat formats, String format, Font font) {
            CellStyle s = book.createCellStyle();
            s.setDataFormat(formats.getFormat(format));
            if (font != null) {
                s.setFont(font);
            }
            return s;
        }

        CellStyle yuan(boolean total) {
            return yuan[total ? 1 : 0];
        }

        CellStyle rate(boolean total) {
            return rate[total ? 1 : 0];
        }

        CellStyle count(boolean total) {
            return count[total ? 1 : 0];
        }
    }
}
