package org.warmnest.tenant.area;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * An area spreadsheet as bureaus keep it: CSV in UTF-8 (with or without BOM) or an Excel workbook (first
 * sheet), a header row of Chinese column names, then one row per street, community or grid. Rows are numbered
 * as a spreadsheet shows them (the header of a file that starts with it is row 1).
 */
final class AreaSheet {

    static final int MAX_ROWS = 10_000;

    enum Column {
        STREET_NAME("街道名称", true), STREET_CODE("街道代码", true), COMMUNITY_NAME("社区名称", false),
        COMMUNITY_CODE("社区代码", false), GRID_NAME("网格名称", false), GRID_CODE("网格代码", false),
        LEADER_NAME("网格长", false), LEADER_PHONE("网格长电话", false);

        final String header;
        final boolean required;

        Column(String header, boolean required) {
            this.header = header;
            this.required = required;
        }

        static Column byHeader(String text) {
            for (Column c : values()) {
                if (c.header.equals(text)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** A problem with the file as a whole or one cell of it, before any meaning is checked. */
    record Finding(int row, String column, String code, Object... args) {
    }

    record Line(int number, Map<Column, String> cells) {

        String get(Column column) {
            return cells.getOrDefault(column, "");
        }

        boolean isBlank() {
            return cells.values().stream().allMatch(String::isEmpty);
        }
    }

    private final List<Line> lines;
    private final List<Finding> findings;

    private AreaSheet(List<Line> lines, List<Finding> findings) {
        this.lines = lines;
        this.findings = findings;
    }

    List<Line> lines() {
        return lines;
    }

    List<Finding> findings() {
        return findings;
    }

    static AreaSheet read(byte[] content) {
        List<Finding> findings = new ArrayList<>();
        List<List<String>> raw;
        try {
            raw = isWorkbook(content) ? workbook(content) : csv(content);
        } catch (CharacterCodingException e) {
            return new AreaSheet(List.of(), List.of(new Finding(0, null, "encoding-invalid")));
        } catch (IOException | RuntimeException e) {
            // POI reports corrupt or hostile workbooks with a variety of unchecked exceptions
            return new AreaSheet(List.of(), List.of(new Finding(0, null, "unreadable")));
        }
        int headerIndex = 0;
        while (headerIndex < raw.size() && raw.get(headerIndex).stream().allMatch(String::isEmpty)) {
            headerIndex++;
        }
        if (headerIndex == raw.size()) {
            return new AreaSheet(List.of(), List.of(new Finding(0, null, "empty")));
        }
        List<String> header = raw.get(headerIndex);
        int headerRow = headerIndex + 1;
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        for (int i = 0; i < header.size(); i++) {
            Column column = Column.byHeader(header.get(i));
            if (column == null) {
                continue; // a bureau's own extra columns are ignored
            }
            if (positions.putIfAbsent(column, i) != null) {
                findings.add(new Finding(headerRow, column.header, "header-duplicate"));
            }
        }
        for (Column column : Column.values()) {
            if (column.required && !positions.containsKey(column)) {
                findings.add(new Finding(headerRow, column.header, "header-missing"));
            }
        }
        List<Line> lines = new ArrayList<>();
        for (int r = headerIndex + 1; r < raw.size(); r++) {
            List<String> cells = raw.get(r);
            Map<Column, String> values = new EnumMap<>(Column.class);
            positions.forEach((column, i) -> values.put(column, i < cells.size() ? cells.get(i) : ""));
            Line line = new Line(r + 1, values);
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        if (lines.size() > MAX_ROWS) {
            findings.add(new Finding(0, null, "too-many-rows", MAX_ROWS));
        }
        return new AreaSheet(lines, findings);
    }

    static String template() {
        StringBuilder line = new StringBuilder("\uFEFF");
        for (Column c : Column.values()) {
            line.append(c.ordinal() == 0 ? "" : ",").append(c.header);
        }
        return line.append("\r\n").toString();
    }

    /** XLSX is a ZIP (PK..), XLS an OLE2 compound document; anything else is taken for CSV. */
    private static boolean isWorkbook(byte[] b) {
        boolean zip = b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
        boolean ole2 = b.length >= 8 && (b[0] & 0xff) == 0xD0 && (b[1] & 0xff) == 0xCF && (b[2] & 0xff) == 0x11
                && (b[3] & 0xff) == 0xE0;
        return zip || ole2;
    }

    private static List<List<String>> workbook(byte[] content) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() == 0) {
                return rows;
            }
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            int last = Math.min(sheet.getLastRowNum(), MAX_ROWS + 100);
            for (int r = 0; r <= last; r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        cells.add(text(row.getCell(c), formatter));
                    }
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /**
     * Codes and phone numbers typed into Excel become numbers, which Excel's "General" format would show as
     * 5.30402E+11; whole numbers are read back as their digits.
     */
    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
                : cell.getCellType();
        if (type == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell)) {
            double value = cell.getNumericCellValue();
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return BigDecimal.valueOf(value).toBigInteger().toString();
            }
        }
        if (type == CellType.STRING) {
            return clean(cell.getStringCellValue());
        }
        return clean(formatter.formatCellValue(cell));
    }

    private static List<List<String>> csv(byte[] content) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(clean(cell.toString()));
                cell.setLength(0);
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(clean(cell.toString()));
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(clean(cell.toString()));
            rows.add(row);
        }
        return rows;
    }

    /** Spreadsheet cells often carry stray spaces, including full-width ones and a BOM pasted along. */
    private static String clean(String s) {
        return s == null ? "" : s.replace("\uFEFF", "").strip();
    }
}
