package org.warmnest.tenant.area;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.warmnest.platform.sheet.SheetFinding;
import org.warmnest.platform.sheet.SheetReader;

/**
 * An area spreadsheet as bureaus keep it: CSV in UTF-8 (with or without BOM) or GB18030, or an Excel workbook
 * (first sheet), title lines perhaps, a header row of Chinese column names, then one row per street, community or
 * grid. Rows are numbered as a spreadsheet shows them (the header of a file that starts with it is row 1).
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

    /**
     * Reads the sheet row by row through the platform's {@link SheetReader}: an XLSX is spooled to disk and read
     * with POI's event API, never built as a workbook in memory, so a 20 MB upload costs what its rows cost.
     */
    static AreaSheet read(InputStream content) throws IOException {
        List<String> headers = Arrays.stream(Column.values()).map(c -> c.header).toList();
        Set<String> required = Arrays.stream(Column.values()).filter(c -> c.required).map(c -> c.header)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<Line> lines = new ArrayList<>();
        SheetReader.Result result = SheetReader.read(content, headers, required, MAX_ROWS, row -> {
            Map<Column, String> values = new EnumMap<>(Column.class);
            row.cellsByHeader().forEach((header, value) -> values.put(Column.byHeader(header), value));
            lines.add(new Line(row.rowNumber(), values));
        });
        List<Finding> findings = new ArrayList<>();
        for (SheetFinding f : result.findings()) {
            // a header row with no data under it is an import of nothing (the template), not an empty file
            if (f.code().equals(SheetFinding.EMPTY) && !result.headers().isEmpty()) {
                continue;
            }
            Object[] args = f.code().equals(SheetFinding.TOO_MANY_ROWS) ? f.args() : new Object[0];
            findings.add(new Finding(f.code().equals(SheetFinding.TOO_MANY_ROWS) ? 0 : f.row(), f.column(),
                    f.code(), args));
        }
        return new AreaSheet(lines, findings);
    }

    static AreaSheet read(byte[] content) {
        try {
            return read(new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
    }

    static String template() {
        StringBuilder line = new StringBuilder("\uFEFF");
        for (Column c : Column.values()) {
            line.append(c.ordinal() == 0 ? "" : ",").append(c.header);
        }
        return line.append("\r\n").toString();
    }
}
