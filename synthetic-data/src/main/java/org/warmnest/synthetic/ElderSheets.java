package org.warmnest.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** The elders as the CSV and XLSX files a bureau would hand over. */
final class ElderSheets {

    private static final int ID_NUMBER = 1;
    private static final int PHONE = 4;
    private static final int[] WIDTHS = {10, 22, 6, 12, 14, 16, 44, 24, 10, 10, 14, 12, 16, 14, 36, 10, 40};

    private ElderSheets() {
    }

    static List<String> values(SyntheticElder elder) {
        return List.of(elder.name(), elder.idNumber(), elder.sex(), elder.birthDate().toString(), elder.phone(),
                elder.gridCode(), elder.address(), String.join("、", elder.categories()), elder.riskTier(),
                elder.responsibleName(), elder.responsiblePhone(), elder.emergencyName(), elder.emergencyPhone(),
                elder.emergencyRelation(), elder.householdMembers(), elder.consent() ? "是" : "否",
                elder.healthNotes());
    }

    /** UTF-8 with a BOM so that Excel on Chinese Windows does not read it as GBK. */
    static void writeCsv(List<SyntheticElder> elders, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write('\uFEFF');
        writeCsvLine(writer, SyntheticElders.HEADERS);
        for (SyntheticElder elder : elders) {
            writeCsvLine(writer, values(elder));
        }
        writer.flush();
    }

    private static void writeCsvLine(Writer writer, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            String field = fields.get(i);
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0
                    || field.indexOf('\n') >= 0) {
                writer.write('"');
                writer.write(field.replace("\"", "\"\""));
                writer.write('"');
            } else {
                writer.write(field);
            }
        }
        writer.write("\r\n");
    }

    static void writeXlsx(List<SyntheticElder> elders, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, true);
        try {
            SXSSFSheet sheet = workbook.createSheet("老年人");
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            Row headerRow = sheet.createRow(0);
            for (int c = 0; c < SyntheticElders.HEADERS.size(); c++) {
                headerRow.createCell(c).setCellValue(SyntheticElders.HEADERS.get(c));
                headerRow.getCell(c).setCellStyle(header);
                sheet.setColumnWidth(c, WIDTHS[c] * 256);
            }
            // Text, so that Excel keeps all 18 digits (and the X) when someone edits the cell.
            sheet.setDefaultColumnStyle(ID_NUMBER, text);
            sheet.setDefaultColumnStyle(PHONE, text);
            sheet.createFreezePane(0, 1);
            int r = 1;
            for (SyntheticElder elder : elders) {
                Row row = sheet.createRow(r++);
                List<String> values = values(elder);
                for (int c = 0; c < values.size(); c++) {
                    var cell = row.createCell(c);
                    cell.setCellValue(values.get(c));
                    if (c == ID_NUMBER || c == PHONE) {
                        cell.setCellStyle(text);
                    }
                }
            }
            workbook.write(out);
        } finally {
            workbook.close();
            workbook.dispose();
        }
    }
}
