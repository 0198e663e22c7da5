package org.warmnest.platform.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class SheetReaderTest {

    static final List<String> KNOWN = List.of("姓名", "身份证号", "出生日期", "联系电话");
    static final Set<String> REQUIRED = Set.of("姓名", "身份证号");

    record Read(SheetReader.Result result, List<SheetRow> rows) {
    }

    static Read read(byte[] bytes) throws IOException {
        return read(bytes, 1_000);
    }

    static Read read(byte[] bytes, int maxRows) throws IOException {
        List<SheetRow> rows = new ArrayList<>();
        SheetReader.Result result = SheetReader.read(new ByteArrayInputStream(bytes), KNOWN, REQUIRED, maxRows,
                rows::add);
        return new Read(result, rows);
    }

    static byte[] csv(String text, Charset charset) {
        return text.getBytes(charset);
    }

    @Test
    void csvInUtf8WithoutBom() throws IOException {
        Read read = read(csv("姓名,身份证号\r\n王秀英,11010519491231002X\r\n李建国,440524188001010014\r\n",
                StandardCharsets.UTF_8));
        assertThat(read.result().ok()).isTrue();
        assertThat(read.result().format()).isEqualTo(SheetReader.Format.CSV);
        assertThat(read.result().headers()).containsExactly("姓名", "身份证号");
        assertThat(read.rows()).extracting(SheetRow::rowNumber).containsExactly(2, 3);
        assertThat(read.rows().get(0).cellsByHeader())
                .containsExactly(Map.entry("姓名", "王秀英"), Map.entry("身份证号", "11010519491231002X"));
        assertThat(read.rows().get(0).numericCells()).isEmpty();
    }

    @Test
    void csvInUtf8WithBomAndLfOnlyAndPaddedCells() throws IOException {
        Read read = read(csv("\uFEFF 姓名 ,\u3000身份证号\u3000\n\u3000王秀英\u00A0,\uFEFF11010519491231002X\n",
                StandardCharsets.UTF_8));
        assertThat(read.result().headers()).containsExactly("姓名", "身份证号");
        assertThat(read.rows().get(0).cellsByHeader())
                .containsExactly(Map.entry("姓名", "王秀英"), Map.entry("身份证号", "11010519491231002X"));
    }

    @Test
    void csvAsExcelOnChineseWindowsSavesItInGb18030() throws IOException {
        Read read = read(csv("姓名,身份证号,联系电话\r\n欧阳桂兰,11010519491231002X,13812345678\r\n",
                Charset.forName("GB18030")));
        assertThat(read.result().ok()).isTrue();
        assertThat(read.rows().get(0).cell("姓名")).isEqualTo("欧阳桂兰");
        assertThat(read.rows().get(0).cell("联系电话")).isEqualTo("13812345678");
    }

    @Test
    void csvQuotesEscapedQuotesCommasAndNewlinesInsideQuotesAndBlankLines() throws IOException {
        String text = "姓名,身份证号,出生日期\r\n"
                + "\"王\"\"老\"\"汉\",\"1101,05\",\r\n"
                + "\r\n"
                + ",,\r\n"
                + "\"李\r\n秀英\",X,1949-12-31\r\n"
                + "赵四,110105";
        Read read = read(csv(text, StandardCharsets.UTF_8));
        assertThat(read.rows()).hasSize(3);
        assertThat(read.rows().get(0).cellsByHeader()).containsExactly(Map.entry("姓名", "王\"老\"汉"),
                Map.entry("身份证号", "1101,05"), Map.entry("出生日期", ""));
        assertThat(read.rows().get(1).rowNumber()).isEqualTo(5);
        assertThat(read.rows().get(1).cell("姓名")).isEqualTo("李\r\n秀英");
        assertThat(read.rows().get(2).rowNumber()).as("a quoted newline does not make a row").isEqualTo(6);
        assertThat(read.rows().get(2).cell("出生日期")).isEmpty();
    }

    @Test
    void csvThatTurnsIntoNeitherEncodingHalfWayIsAFindingAtThatRow() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("姓名,身份证号\r\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5_000; i++) {
            bytes.writeBytes(("王秀英,11010519491231002X\r\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes(new byte[]{'x', ',', (byte) 0xFF, (byte) 0xFE, '\r', '\n'});
        Read read = read(bytes.toByteArray(), 10_000);
        assertThat(read.result().findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(SheetFinding.ENCODING_INVALID);
            assertThat(finding.row()).isEqualTo(5_002);
        });
    }

    @Test
    void headerRowIsTheFirstNonBlankRowAndUnknownColumnsAreIgnored() throws IOException {
        Read read = read(csv("\r\n,,\r\n备注,姓名,身份证号,其他\r\n无,王秀英,11010519491231002X,x\r\n",
                StandardCharsets.UTF_8));
        assertThat(read.result().headers()).containsExactly("姓名", "身份证号");
        assertThat(read.rows()).singleElement().satisfies(row -> {
            assertThat(row.rowNumber()).isEqualTo(4);
            assertThat(row.cellsByHeader()).containsOnlyKeys("姓名", "身份证号");
        });
    }

    @Test
    void titleLinesAboveTheHeaderAreSkipped() throws IOException {
        Read read = read(csv("红塔区老年人基本信息表,,\r\n填报单位：玉兴街道,,\r\n姓名,身份证号\r\n王秀英,1\r\n",
                StandardCharsets.UTF_8));
        assertThat(read.result().ok()).isTrue();
        assertThat(read.rows()).singleElement().satisfies(row -> assertThat(row.rowNumber()).isEqualTo(4));
    }

    @Test
    void withoutAnyKnownHeaderTheFirstNonBlankRowIsTheHeader() throws IOException {
        Read read = read(csv("\r\n名单\r\n甲,乙\r\n1,2\r\n", StandardCharsets.UTF_8));
        assertThat(read.result().findings()).extracting(SheetFinding::row, SheetFinding::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, SheetFinding.HEADER_MISSING),
                org.assertj.core.groups.Tuple.tuple(2, SheetFinding.HEADER_MISSING));
        StringBuilder manyTitles = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            manyTitles.append("标题").append(i).append("\r\n");
        }
        Read tooMany = read(csv(manyTitles + "姓名,身份证号\r\n王秀英,1\r\n", StandardCharsets.UTF_8));
        assertThat(tooMany.rows()).isEmpty();
        assertThat(tooMany.result().findings()).extracting(SheetFinding::row).containsOnly(1);
    }

    @Test
    void missingAndDuplicateHeadersAreFindingsAndNoRowIsRead() throws IOException {
        Read missing = read(csv("姓名,电话\r\n王秀英,138\r\n", StandardCharsets.UTF_8));
        assertThat(missing.rows()).isEmpty();
        assertThat(missing.result().findings()).containsExactly(
                new SheetFinding(1, "身份证号", SheetFinding.HEADER_MISSING, null));

        Read duplicate = read(csv("姓名,身份证号,姓名\r\n王秀英,1,李\r\n", StandardCharsets.UTF_8));
        assertThat(duplicate.rows()).isEmpty();
        assertThat(duplicate.result().findings()).containsExactly(
                new SheetFinding(1, "姓名", SheetFinding.HEADER_DUPLICATE, new Object[]{"A", "C"}));
    }

    @Test
    void emptyFilesAndHeadersWithoutDataAreEmpty() throws IOException {
        assertThat(read(new byte[0]).result().findings()).extracting(SheetFinding::code)
                .containsExactly(SheetFinding.EMPTY);
        assertThat(read(csv("\uFEFF\r\n , \r\n", StandardCharsets.UTF_8)).result().findings())
                .extracting(SheetFinding::code).containsExactly(SheetFinding.EMPTY);
        assertThat(read(csv("姓名,身份证号\r\n", StandardCharsets.UTF_8)).result().findings())
                .extracting(SheetFinding::code).containsExactly(SheetFinding.EMPTY);
    }

    @Test
    void tooManyRowsStopsAfterTheLimit() throws IOException {
        StringBuilder text = new StringBuilder("姓名,身份证号\r\n");
        for (int i = 0; i < 10; i++) {
            text.append("王").append(i).append(",1\r\n");
        }
        Read read = read(csv(text.toString(), StandardCharsets.UTF_8), 7);
        assertThat(read.rows()).hasSize(7);
        assertThat(read.result().rows()).isEqualTo(7);
        assertThat(read.result().findings()).containsExactly(
                new SheetFinding(9, null, SheetFinding.TOO_MANY_ROWS, new Object[]{7}));
    }

    @Test
    void xlsxWithNumbersTextDatesBlankRowsAndExtraColumns() throws IOException {
        byte[] bytes = workbook(new XSSFWorkbook(), (wb, sheet) -> {
            CellStyle isoDate = wb.createCellStyle();
            isoDate.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle usDate = wb.createCellStyle();
            usDate.setDataFormat((short) 14); // m/d/yy, what Excel picks for a typed date
            Row header = sheet.createRow(2); // two blank rows above
            List.of("备注", "姓名", "身份证号", "出生日期", "联系电话").forEach(h ->
                    header.createCell(header.getPhysicalNumberOfCells()).setCellValue(h));
            Row first = sheet.createRow(3);
            first.createCell(0).setCellValue("ignored");
            first.createCell(1).setCellValue("王秀英");
            first.createCell(2).setCellValue(530402195201011011d);
            first.createCell(3).setCellValue(LocalDate.of(1952, 1, 1));
            first.getCell(3).setCellStyle(isoDate);
            first.createCell(4).setCellValue(13812345678d);
            sheet.createRow(4).createCell(1).setCellValue("   ");
            Row third = sheet.createRow(6);
            third.createCell(1).setCellValue("李建国");
            third.createCell(2).setCellValue("44052418800101001X");
            third.createCell(3).setCellValue(LocalDateTime.of(1949, 10, 1, 0, 0));
            third.getCell(3).setCellStyle(usDate);
            third.createCell(4).setCellValue(0.1 + 0.2);
        });
        Read read = read(bytes);
        assertThat(read.result().ok()).isTrue();
        assertThat(read.result().format()).isEqualTo(SheetReader.Format.XLSX);
        assertThat(read.result().headers()).containsExactly("姓名", "身份证号", "出生日期", "联系电话");
        assertThat(read.rows()).extracting(SheetRow::rowNumber).containsExactly(4, 7);
        SheetRow first = read.rows().get(0);
        assertThat(first.cell("身份证号")).as("the digits Excel shows, not 5.30402E+17")
                .isEqualTo("530402195201011000");
        assertThat(first.cell("联系电话")).isEqualTo("13812345678");
        assertThat(first.cell("出生日期")).isEqualTo("1952-01-01");
        assertThat(first.numericCells()).containsExactlyInAnyOrder("身份证号", "出生日期", "联系电话");
        SheetRow second = read.rows().get(1);
        assertThat(second.cell("身份证号")).isEqualTo("44052418800101001X");
        assertThat(second.cell("出生日期")).isEqualTo("1949-10-01");
        assertThat(second.cell("联系电话")).isEqualTo("0.3");
        assertThat(second.numericCells()).containsExactlyInAnyOrder("出生日期", "联系电话");
    }

    @Test
    void xlsxMissingAndDuplicateHeaders() throws IOException {
        byte[] bytes = workbook(new XSSFWorkbook(), (wb, sheet) -> {
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("联系电话");
            header.createCell(3).setCellValue("联系电话");
            sheet.createRow(1).createCell(0).setCellValue("138");
        });
        assertThat(read(bytes).result().findings()).containsExactlyInAnyOrder(
                new SheetFinding(1, "联系电话", SheetFinding.HEADER_DUPLICATE, new Object[]{"A", "D"}),
                new SheetFinding(1, "姓名", SheetFinding.HEADER_MISSING, null),
                new SheetFinding(1, "身份证号", SheetFinding.HEADER_MISSING, null));
    }

    @Test
    void xlsxTooManyRows() throws IOException {
        byte[] bytes = workbook(new XSSFWorkbook(), (wb, sheet) -> {
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("姓名");
            header.createCell(1).setCellValue("身份证号");
            for (int r = 1; r <= 20; r++) {
                sheet.createRow(r).createCell(0).setCellValue("王" + r);
            }
        });
        Read read = read(bytes, 5);
        assertThat(read.rows()).extracting(SheetRow::rowNumber).containsExactly(2, 3, 4, 5, 6);
        assertThat(read.result().findings()).containsExactly(
                new SheetFinding(7, null, SheetFinding.TOO_MANY_ROWS, new Object[]{5}));
    }

    @Test
    void xlsIsReadToo() throws IOException {
        byte[] bytes = workbook(new HSSFWorkbook(), (wb, sheet) -> {
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("姓名");
            header.createCell(1).setCellValue("身份证号");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("王秀英");
            row.createCell(1).setCellValue(530402195201011011d);
        });
        Read read = read(bytes);
        assertThat(read.result().format()).isEqualTo(SheetReader.Format.XLS);
        assertThat(read.rows()).singleElement().satisfies(row -> {
            assertThat(row.cell("身份证号")).isEqualTo("530402195201011000");
            assertThat(row.numericCells()).containsExactly("身份证号");
        });
    }

    @Test
    void garbageIsUnreadable() throws IOException {
        byte[] garbage = new byte[50_000];
        new Random(7).nextBytes(garbage);
        assertThat(read(garbage).result().findings()).extracting(SheetFinding::code)
                .containsExactly(SheetFinding.UNREADABLE);
        byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(read(pdf).result().findings()).singleElement()
                .satisfies(f -> assertThat(f.args()).containsExactly("pdf"));
    }

    @Test
    void aTruncatedXlsxIsUnreadable() throws IOException {
        byte[] whole = workbook(new XSSFWorkbook(), (wb, sheet) -> {
            for (int r = 0; r < 200; r++) {
                sheet.createRow(r).createCell(0).setCellValue("王秀英" + r);
            }
        });
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        Read read = read(truncated);
        assertThat(read.result().format()).isEqualTo(SheetReader.Format.XLSX);
        assertThat(read.result().findings()).singleElement()
                .satisfies(f -> assertThat(f.code()).isEqualTo(SheetFinding.UNREADABLE));
    }

    @Test
    void aZipBombIsUnreadable() throws IOException {
        byte[] whole = workbook(new XSSFWorkbook(), (wb, sheet) -> sheet.createRow(0).createCell(0).setCellValue("姓名"));
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(whole));
             ZipOutputStream out = new ZipOutputStream(bomb)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int at = xml.indexOf("<sheetData");
                    out.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    out.write(" ".repeat(50_000_000).getBytes(StandardCharsets.US_ASCII));
                    out.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(content);
                }
                out.closeEntry();
            }
        }
        assertThat(read(bomb.toByteArray()).result().findings()).extracting(SheetFinding::code)
                .containsExactly(SheetFinding.UNREADABLE);
    }

    @Test
    void aCellBeyondExcelsLastColumnIsUnreadable() throws IOException {
        byte[] whole = workbook(new XSSFWorkbook(), (wb, sheet) -> {
            sheet.createRow(0).createCell(0).setCellValue("姓名");
            sheet.getRow(0).createCell(1).setCellValue("身份证号");
            sheet.createRow(1).createCell(0).setCellValue("王秀英");
        });
        ByteArrayOutputStream crafted = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(whole));
             ZipOutputStream out = new ZipOutputStream(crafted)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    content = new String(content, StandardCharsets.UTF_8).replace("r=\"A2\"", "r=\"XFE2\"")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.write(content);
                out.closeEntry();
            }
        }
        assertThat(read(crafted.toByteArray()).result().findings()).extracting(SheetFinding::code)
                .containsExactly(SheetFinding.UNREADABLE);
    }

    @Test
    void aCsvLineOfMillionsOfCommasIsUnreadable() throws IOException {
        byte[] commas = ("姓名,身份证号\r\n" + ",".repeat(2_000_000) + "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(read(commas).result().findings()).extracting(SheetFinding::code)
                .containsExactly(SheetFinding.UNREADABLE);
    }

    @Test
    void theCallersOwnExceptionIsNotAFinding() {
        byte[] bytes = csv("姓名,身份证号\r\n王秀英,1\r\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SheetReader.read(new ByteArrayInputStream(bytes), KNOWN, REQUIRED, 10, row -> {
            throw new IllegalStateException("caller");
        })).isInstanceOf(IllegalStateException.class).hasMessage("caller");
    }

    interface Fill {
        void fill(Workbook workbook, Sheet sheet);
    }

    static byte[] workbook(Workbook workbook, Fill fill) throws IOException {
        try (workbook) {
            fill.fill(workbook, workbook.createSheet("名单"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
