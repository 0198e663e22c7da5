package org.warmnest.platform.sheet;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.poi.ss.util.CellReference;

/** Turns raw rows of any format into the header row, data rows and findings. */
final class RowAssembler {

    private static final int MAX_TITLE_ROWS = 5;

    private final Set<String> knownHeaders;
    private final Set<String> requiredHeaders;
    private final int maxRows;
    private final Consumer<SheetRow> onRow;
    private final List<SheetFinding> findings = new ArrayList<>();
    private final List<String> headers = new ArrayList<>();
    private String[] headerByColumn;
    private int rowsRead;
    private RuntimeException callerFailure;
    private int titleRows;
    private int firstRowNumber;
    private List<String> firstRow;

    RowAssembler(List<String> knownHeaders, Set<String> requiredHeaders, int maxRows, Consumer<SheetRow> onRow) {
        this.knownHeaders = new LinkedHashSet<>(knownHeaders);
        this.requiredHeaders = new LinkedHashSet<>(requiredHeaders);
        this.maxRows = maxRows;
        this.onRow = onRow;
    }

    /**
     * @param cells   the raw cells by column index, null where there is none
     * @param numeric the columns whose cell was a number
     * @return whether to go on reading
     */
    boolean row(int rowNumber, List<String> cells, BitSet numeric) {
        if (headerByColumn == null) {
            return header(rowNumber, cells);
        }
        Map<String, String> byHeader = new LinkedHashMap<>();
        Set<String> numericCells = new LinkedHashSet<>();
        boolean blank = true;
        for (int column = 0; column < headerByColumn.length; column++) {
            String header = headerByColumn[column];
            if (header == null) {
                continue;
            }
            String value = column < cells.size() ? CellText.strip(cells.get(column)) : "";
            byHeader.put(header, value);
            if (!value.isEmpty()) {
                blank = false;
                if (numeric.get(column)) {
                    numericCells.add(header);
                }
            }
        }
        if (blank) {
            return true;
        }
        if (rowsRead == maxRows) {
            findings.add(new SheetFinding(rowNumber, null, SheetFinding.TOO_MANY_ROWS, new Object[]{maxRows}));
            return false;
        }
        // Columns in the header order of the file, so that a caller iterating sees what the user sees.
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String header : headers) {
            ordered.put(header, byHeader.get(header));
        }
        try {
            onRow.accept(new SheetRow(rowNumber, ordered, numericCells));
        } catch (RuntimeException e) {
            callerFailure = e;
            return false;
        }
        rowsRead++;
        return true;
    }

    /** Title lines above the header ("红塔区老年人基本信息表") are skipped when they hold no known header. */
    private boolean header(int rowNumber, List<String> cells) {
        if (cells.stream().allMatch(cell -> CellText.strip(cell).isEmpty())) {
            return true;
        }
        if (!knownHeaders.isEmpty() && cells.stream().map(CellText::strip).noneMatch(knownHeaders::contains)) {
            if (firstRow == null) {
                firstRow = new ArrayList<>(cells);
                firstRowNumber = rowNumber;
            }
            if (++titleRows <= MAX_TITLE_ROWS) {
                return true;
            }
            return mapHeader(firstRowNumber, firstRow);
        }
        return mapHeader(rowNumber, cells);
    }

    private boolean mapHeader(int rowNumber, List<String> cells) {
        headerByColumn = new String[cells.size()];
        Map<String, Integer> firstColumn = new HashMap<>();
        for (int column = 0; column < cells.size(); column++) {
            String header = CellText.strip(cells.get(column));
            if (header.isEmpty() || !(knownHeaders.isEmpty() || knownHeaders.contains(header))) {
                continue;
            }
            Integer first = firstColumn.putIfAbsent(header, column);
            if (first != null) {
                findings.add(new SheetFinding(rowNumber, header, SheetFinding.HEADER_DUPLICATE,
                        new Object[]{CellReference.convertNumToColString(first),
                                CellReference.convertNumToColString(column)}));
                continue;
            }
            headerByColumn[column] = header;
            headers.add(header);
        }
        for (String required : requiredHeaders) {
            if (!firstColumn.containsKey(required)) {
                findings.add(new SheetFinding(rowNumber, required, SheetFinding.HEADER_MISSING, new Object[0]));
            }
        }
        // Rows under a header we cannot trust would be imported into the wrong fields.
        return findings.isEmpty();
    }

    /** Called once the source has no more rows (or stopped); a header without data is as empty as no header. */
    void finish() {
        if (headerByColumn == null && firstRow != null && findings.isEmpty() && callerFailure == null) {
            mapHeader(firstRowNumber, firstRow);
        }
        if (rowsRead == 0 && findings.isEmpty() && callerFailure == null) {
            findings.add(new SheetFinding(0, null, SheetFinding.EMPTY, new Object[0]));
        }
    }

    void fail(String code, int row, Object... args) {
        findings.add(new SheetFinding(row, null, code, args));
    }

    List<SheetFinding> findings() {
        return findings;
    }

    List<String> headers() {
        return headers;
    }

    int rowsRead() {
        return rowsRead;
    }

    RuntimeException callerFailure() {
        return callerFailure;
    }
}
