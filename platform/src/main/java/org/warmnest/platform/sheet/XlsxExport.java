package org.warmnest.platform.sheet;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Writes rows to an XLSX sheet as they come, a hundred rows in memory at a time: a bold, frozen header row
 * (optionally under a label line), then one row per item.
 */
public final class XlsxExport {

    public static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /**
     * A column: its header and how an item becomes its cell. Values may be String, any Number, LocalDate,
     * LocalDateTime, Instant (shown in Asia/Shanghai), Boolean (是/否) or null; anything else is its toString().
     */
    public record Column<T>(String header, Function<? super T, ?> value) {

        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(value, "value");
        }

        public static <T> Column<T> of(String header, Function<? super T, ?> value) {
            return new Column<>(header, value);
        }
    }

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final int WINDOW = 100;
    private static final int MAX_WIDTH = 50;
    // Beyond 15 significant digits Excel rounds: such numbers are written as text.
    private static final BigDecimal EXACT_LIMIT = new BigDecimal("1e15");

    private XlsxExport() {
    }

    /**
     * One sheet of a workbook: its name, an optional label line above the header, its columns and its rows.
     */
    public record Sheet<T>(String name, String label, List<Column<T>> columns, Iterable<? extends T> rows) {

        public Sheet {
            Objects.requireNonNull(columns, "columns");
            Objects.requireNonNull(rows, "rows");
        }

        public static <T> Sheet<T> of(String name, List<Column<T>> columns, Iterable<? extends T> rows) {
            return new Sheet<>(name, null, columns, rows);
        }
    }

    public static <T> void write(OutputStream out, String sheetName, String label, List<Column<T>> columns,
                                 Iterable<? extends T> rows) throws IOException {
        write(out, List.of(new Sheet<>(sheetName, label, columns, rows)));
    }

    /** Several sheets in one workbook, in the order given (e.g. a ledger and its summary). */
    public static void write(OutputStream out, List<Sheet<?>> sheets) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(null, WINDOW, true);
        try {
            Styles styles = new Styles(workbook);
            java.util.Set<String> names = new java.util.HashSet<>();
            for (Sheet<?> sheet : sheets) {
                writeSheet(workbook, styles, uniqueName(sheet.name(), names), sheet);
            }
            if (sheets.isEmpty()) {
                workbook.createSheet("Sheet1");
            }
            workbook.write(out);
        } finally {
            workbook.close();
            workbook.dispose();
        }
    }

    private static String uniqueName(String wanted, java.util.Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(wanted == null || wanted.isBlank() ? "Sheet1" : wanted);
        String name = base;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = "(" + n + ")";
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }

    private static <T> void writeSheet(SXSSFWorkbook workbook, Styles styles, String name, Sheet<T> content) {
        List<Column<T>> columns = content.columns();
        String label = content.label();
        SXSSFSheet sheet = workbook.createSheet(name);
        int[] widths = new int[columns.size()];
        int r = 0;
        if (label != null && !label.isBlank()) {
            Cell cell = sheet.createRow(r++).createCell(0);
            cell.setCellValue(label);
            cell.setCellStyle(styles.bold);
            if (columns.size() > 1) {
                sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns.size() - 1));
            }
        }
        Row header = sheet.createRow(r++);
        for (int c = 0; c < columns.size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(columns.get(c).header());
            cell.setCellStyle(styles.bold);
            widths[c] = displayWidth(columns.get(c).header());
        }
        sheet.createFreezePane(0, r);
        for (T item : content.rows()) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < columns.size(); c++) {
                Object value = columns.get(c).value().apply(item);
                if (value != null) {
                    widths[c] = Math.max(widths[c], set(row.createCell(c), value, styles));
                }
            }
        }
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, (Math.min(widths[c], MAX_WIDTH) + 2) * 256);
        }
    }

    /** Lets the browser save {@code fileName} (".xlsx" added when missing; Chinese is fine). */
    public static <T> ResponseEntity<StreamingResponseBody> response(String fileName, String sheetName,
                                                                     List<Column<T>> columns,
                                                                     Iterable<? extends T> rows) {
        return response(fileName, sheetName, null, columns, rows);
    }

    /**
     * As {@link #response(String, String, List, Iterable)}, with a label line above the header (e.g. the funding
     * acknowledgement a bureau requires). The rows are read while the response is written, on another thread
     * and after the controller has returned: pass a list, not a stream tied to the caller's transaction or
     * tenant context.
     */
    public static <T> ResponseEntity<StreamingResponseBody> response(String fileName, String sheetName, String label,
                                                                     List<Column<T>> columns,
                                                                     Iterable<? extends T> rows) {
        return attachment(fileName, out -> write(out, sheetName, label, columns, rows));
    }

    /** Several sheets in one workbook (see {@link #write(OutputStream, List)}); rows are read as for one sheet. */
    public static ResponseEntity<StreamingResponseBody> response(String fileName, List<Sheet<?>> sheets) {
        List<Sheet<?>> copy = List.copyOf(sheets);
        return attachment(fileName, out -> write(out, copy));
    }

    private static ResponseEntity<StreamingResponseBody> attachment(String fileName, StreamingResponseBody body) {
        String name = fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? fileName : fileName + ".xlsx";
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(name))
                // personal data: no copy in shared caches or the browser's
                .cacheControl(CacheControl.noStore())
                .body(body);
    }

    /** RFC 6266 with RFC 5987's filename* for the Chinese name, and a plain ASCII name for old clients. */
    static String contentDisposition(String fileName) {
        StringBuilder ascii = new StringBuilder();
        boolean plain = true;
        for (char c : fileName.toCharArray()) {
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '/') {
                plain = false;
            } else {
                ascii.append(c);
            }
        }
        String fallback = plain ? ascii.toString() : "export.xlsx";
        StringBuilder encoded = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", (int) c));
            }
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }

    /** Sets the cell and returns its width in character widths (a Chinese character counts two). */
    private static int set(Cell cell, Object value, Styles styles) {
        if (value instanceof LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(styles.date);
            return 10;
        }
        if (value instanceof Instant instant) {
            value = LocalDateTime.ofInstant(instant, SHANGHAI);
        }
        if (value instanceof LocalDateTime dateTime) {
            cell.setCellValue(dateTime.withSecond(0).withNano(0));
            cell.setCellStyle(styles.dateTime);
            return 16;
        }
        if (value instanceof Boolean bool) {
            cell.setCellValue(bool ? "是" : "否");
            return 2;
        }
        if (value instanceof Number number) {
            BigDecimal decimal = decimal(number);
            if (decimal != null && decimal.abs().compareTo(EXACT_LIMIT) < 0 && decimal.precision() <= 15) {
                cell.setCellValue(decimal.doubleValue());
                if (decimal.scale() == 2) {
                    cell.setCellStyle(styles.money);
                }
                return decimal.toPlainString().length();
            }
            if (number instanceof Double || number instanceof Float) {
                cell.setCellValue(number.doubleValue());
                return 12;
            }
            value = decimal == null ? number.toString() : decimal.toPlainString();
        }
        String text = value.toString();
        cell.setCellValue(text);
        // Text format keeps an ID number or phone text when someone edits the cell in Excel.
        cell.setCellStyle(styles.text);
        return displayWidth(text);
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        if ((number instanceof Double || number instanceof Float) && Double.isFinite(number.doubleValue())) {
            return BigDecimal.valueOf(number.doubleValue());
        }
        return null;
    }

    private static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length() && width <= MAX_WIDTH; i++) {
            width += text.charAt(i) > 0x2e80 ? 2 : 1;
        }
        return width;
    }

    private static final class Styles {
        final CellStyle bold;
        final CellStyle text;
        final CellStyle date;
        final CellStyle dateTime;
        final CellStyle money;

        Styles(SXSSFWorkbook workbook) {
            DataFormat formats = workbook.createDataFormat();
            Font font = workbook.createFont();
            font.setBold(true);
            bold = workbook.createCellStyle();
            bold.setFont(font);
            text = workbook.createCellStyle();
            text.setDataFormat(formats.getFormat("@"));
            date = workbook.createCellStyle();
            date.setDataFormat(formats.getFormat("yyyy-mm-dd"));
            dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(formats.getFormat("yyyy-mm-dd hh:mm"));
            money = workbook.createCellStyle();
            money.setDataFormat(formats.getFormat("0.00"));
        }
    }
}
