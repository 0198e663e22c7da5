package org.warmnest.platform.sheet;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The first sheet of an Excel 97-2003 file. HSSF holds the whole workbook in memory, so the caller caps the
 * size; the format tops out at 65,536 rows anyway.
 */
final class XlsSheet {

    private XlsSheet() {
    }

    static void read(InputStream in, RowAssembler rows) throws Exception {
        try (HSSFWorkbook workbook = new HSSFWorkbook(in)) {
            if (workbook.getNumberOfSheets() == 0) {
                return;
            }
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                BitSet numeric = new BitSet();
                for (Cell cell : row) {
                    int column = cell.getColumnIndex();
                    while (cells.size() <= column) {
                        cells.add(null);
                    }
                    CellType type = cell.getCellType() == CellType.FORMULA
                            ? cell.getCachedFormulaResultType() : cell.getCellType();
                    cells.set(column, switch (type) {
                        case NUMERIC -> {
                            numeric.set(column);
                            yield DateUtil.isCellDateFormatted(cell)
                                    ? CellText.dateTime(cell.getLocalDateTimeCellValue())
                                    : CellText.number(cell.getNumericCellValue());
                        }
                        case STRING -> cell.getStringCellValue();
                        case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
                        case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
                        default -> null;
                    });
                }
                if (!rows.row(row.getRowNum() + 1, cells, numeric)) {
                    return;
                }
            }
        }
    }
}
