package org.warmnest.platform.sheet;

import java.util.Map;
import java.util.Set;

/**
 * A data row of an imported sheet.
 *
 * @param rowNumber     the row number the spreadsheet shows (1 for the first row of the sheet or file)
 * @param cellsByHeader every header that was read, in column order, with its stripped cell text ("" when empty)
 * @param numericCells  the headers whose cell was a number in the workbook: an 18-digit ID number stored as a
 *                      number has lost its last digits, and the caller can say so
 */
public record SheetRow(int rowNumber, Map<String, String> cellsByHeader, Set<String> numericCells) {

    public SheetRow {
        cellsByHeader = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cellsByHeader));
        numericCells = Set.copyOf(numericCells);
    }

    /** The cell under this header, "" when the column is absent or the cell empty. */
    public String cell(String header) {
        return cellsByHeader.getOrDefault(header, "");
    }
}
