package org.warmnest.platform.sheet;

import java.io.File;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/** The first sheet of an XLSX file, streamed with POI's event API: memory stays flat however many rows. */
final class XlsxSheet {

    private static final String SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private XlsxSheet() {
    }

    static void read(File file, RowAssembler rows) throws Exception {
        OPCPackage pkg = OPCPackage.open(file, PackageAccess.READ);
        try {
            XSSFReader reader = new XSSFReader(pkg);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                return;
            }
            Rows handler = new Rows(rows);
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new TypedCells(styles, strings, handler));
            try (InputStream sheet = sheets.next()) {
                parser.parse(new InputSource(sheet));
            } catch (StopReading stop) {
                // the assembler has what it needs
            } catch (SAXException e) {
                if (!(e.getCause() instanceof StopReading)) {
                    throw e;
                }
            }
        } finally {
            // READ access: revert, as close() would try to save
            pkg.revert();
        }
    }

    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    /** POI's handler, telling {@link Rows} whether the cell it is about to report was a number. */
    private static final class TypedCells extends XSSFSheetXMLHandler {

        private final Rows rows;

        TypedCells(StylesTable styles, ReadOnlySharedStringsTable strings, Rows rows) {
            super(styles, strings, rows, new CellText.ImportFormatter(), false);
            this.rows = rows;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            if ("c".equals(localName) && (uri == null || uri.isEmpty() || SPREADSHEETML.equals(uri))) {
                String type = attributes.getValue("t");
                rows.nextCellNumeric = type == null || "n".equals(type);
            }
            super.startElement(uri, localName, qName, attributes);
        }
    }

    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final RowAssembler assembler;
        private final List<String> cells = new ArrayList<>();
        private final BitSet numeric = new BitSet();
        boolean nextCellNumeric;
        private int lastColumn;

        Rows(RowAssembler assembler) {
            this.assembler = assembler;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            numeric.clear();
            lastColumn = -1;
        }

        /** Excel's last column, XFD. */
        static final int MAX_COLUMN = 16_383;

        @Override
        public void endRow(int rowNum) {
            if (!assembler.row(rowNum + 1, cells, numeric)) {
                throw new StopReading();
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            // Some writers leave out the r attribute: the cell is then the next one.
            int column = reference == null ? lastColumn + 1 : new CellReference(reference).getCol();
            if (column < 0 || column > MAX_COLUMN) {
                // only a crafted file has one (POI folds a longer column name into a short, even a negative one)
                throw new IllegalStateException("a cell beyond Excel's last column");
            }
            lastColumn = column;
            while (cells.size() <= column) {
                cells.add(null);
            }
            String text = value;
            if (value != null && nextCellNumeric) {
                numeric.set(column);
                text = plain(value);
            } else if (value != null && value.startsWith("ERROR:")) {
                text = value.substring("ERROR:".length());
            }
            cells.set(column, text);
        }

        /** POI passes an unstyled number on as it is stored ("5.30402195201011E17"). */
        private static String plain(String value) {
            try {
                return CellText.number(Double.parseDouble(value));
            } catch (NumberFormatException alreadyFormatted) {
                return value;
            }
        }
    }
}
