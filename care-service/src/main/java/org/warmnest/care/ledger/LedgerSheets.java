package org.warmnest.care.ledger;

import java.util.List;

import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.sheet.XlsxExport.Column;

/** What the ledgers' workbooks share: a running number and a sheet of named figures. */
final class LedgerSheets {

    /** One line of a summary sheet: what is counted and the figure (a number, or text such as "—"). */
    record Figure(String name, Object value) {
    }

    private LedgerSheets() {
    }

    /** 序号, counting the rows as they are written (each export makes its own). */
    static <T> Column<T> serial() {
        int[] n = { 0 };
        return Column.<T>of("序号", r -> ++n[0]);
    }

    static XlsxExport.Sheet<Figure> figures(String name, List<Figure> figures) {
        return XlsxExport.Sheet.of(name, List.of(Column.<Figure>of("项目", Figure::name),
                Column.<Figure>of("数值", Figure::value)), figures);
    }
}
