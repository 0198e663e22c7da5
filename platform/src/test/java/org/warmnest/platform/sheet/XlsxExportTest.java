package org.warmnest.platform.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

class XlsxExportTest {

    record Person(String name, String idNumber, LocalDate birthDate, Instant visitedAt, Boolean consent,
                  BigDecimal subsidy, long count, Long missing) {
    }

    static final List<XlsxExport.Column<Person>> COLUMNS = List.of(
            XlsxExport.Column.of("姓名", Person::name),
            XlsxExport.Column.of("身份证号", Person::idNumber),
            XlsxExport.Column.of("出生日期", Person::birthDate),
            XlsxExport.Column.of("上次走访", Person::visitedAt),
            XlsxExport.Column.of("知情同意", Person::consent),
            XlsxExport.Column.of("补贴", Person::subsidy),
            XlsxExport.Column.of("次数", Person::count),
            XlsxExport.Column.of("空", Person::missing));

    static Person person(int i) {
        return new Person("王秀英" + i, String.format("530402195201%06d", i), LocalDate.of(1952, 1, 1).plusDays(i),
                Instant.parse("2026-03-15T01:30:00Z").plusSeconds(60L * i), i % 2 == 0,
                new BigDecimal("123.40").add(BigDecimal.valueOf(i)), i, null);
    }

    @Test
    void twentyThousandRowsReadBackWithTheSheetReader() throws IOException {
        List<Person> people = IntStream.range(0, 20_000).mapToObj(XlsxExportTest::person).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxExport.write(out, "走访", "彩票公益金资助—中国福利彩票", COLUMNS, people);

        List<SheetRow> rows = new ArrayList<>();
        SheetReader.Result result = SheetReader.read(new ByteArrayInputStream(out.toByteArray()),
                COLUMNS.stream().map(XlsxExport.Column::header).toList(), Set.of("姓名"), 50_000, rows::add);
        assertThat(result.ok()).isTrue();
        assertThat(result.rows()).isEqualTo(20_000);
        SheetRow row = rows.get(4_321);
        assertThat(row.rowNumber()).isEqualTo(4_321 + 3);
        assertThat(row.cellsByHeader()).containsExactly(
                Map.entry("姓名", "王秀英4321"),
                Map.entry("身份证号", "530402195201004321"),
                Map.entry("出生日期", LocalDate.of(1952, 1, 1).plusDays(4_321).toString()),
                Map.entry("上次走访", "2026-03-18 09:31"),
                Map.entry("知情同意", "否"),
                Map.entry("补贴", "4444.4"),
                Map.entry("次数", "4321"),
                Map.entry("空", ""));
        assertThat(row.numericCells()).containsExactlyInAnyOrder("出生日期", "上次走访", "补贴", "次数");
    }

    @Test
    void headerIsBoldAndFrozenUnderTheLabelAndLongDigitsStayText() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxExport.write(out, "走访", "彩票公益金资助—中国福利彩票", COLUMNS, List.of(person(1)));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = workbook.getSheet("走访");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("彩票公益金资助—中国福利彩票");
            assertThat(sheet.getMergedRegions()).hasSize(1);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("姓名");
            assertThat(workbook.getFontAt(sheet.getRow(1).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
            assertThat(sheet.getRow(2).getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(2).getCell(2).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(sheet.getRow(2).getCell(5).getNumericCellValue()).isEqualTo(124.4);
            assertThat(sheet.getRow(2).getCell(7)).isNull();
            assertThat(sheet.getColumnWidth(1)).isGreaterThanOrEqualTo(18 * 256);
        }
    }

    @Test
    void numbersBeyondFifteenDigitsAreWrittenAsText() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<XlsxExport.Column<Long>> columns = List.of(XlsxExport.Column.of("n", n -> n));
        XlsxExport.write(out, "s", null, columns, List.of(530402195201011011L, 42L));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("530402195201011011");
            assertThat(workbook.getSheetAt(0).getRow(2).getCell(0).getNumericCellValue()).isEqualTo(42);
        }
    }

    record Total(String item, long quantity) {
    }

    @Test
    void severalSheetsInOneWorkbookEachWithItsHeaderAndNamesMadeUnique() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxExport.write(out, List.of(
                new XlsxExport.Sheet<>("台账", "彩票公益金资助", COLUMNS, List.of(person(1), person(2))),
                XlsxExport.Sheet.of("合计", List.of(XlsxExport.Column.<Total>of("物资", Total::item),
                        XlsxExport.Column.<Total>of("数量", Total::quantity)), List.of(new Total("羽绒背心", 3))),
                XlsxExport.Sheet.of("合计", List.of(XlsxExport.Column.<Total>of("物资", Total::item)), List.of())));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(3);
            assertThat(book.getSheetName(0)).isEqualTo("台账");
            assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("姓名");
            assertThat(book.getSheetAt(0).getRow(3).getCell(0).getStringCellValue()).isEqualTo("王秀英2");
            assertThat(book.getSheetName(1)).isEqualTo("合计");
            assertThat(book.getSheetAt(1).getRow(0).getCell(1).getStringCellValue()).isEqualTo("数量");
            assertThat(book.getSheetAt(1).getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3.0);
            assertThat(book.getSheetName(2)).isEqualTo("合计(2)");
        }
    }

    @Test
    void responseNamesTheFileInChineseAndStreams() throws IOException {
        ResponseEntity<StreamingResponseBody> response =
                XlsxExport.response("老年人名单 2026", "名单", COLUMNS, List.of(person(1)));
        assertThat(response.getHeaders().getContentType()).hasToString(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo(
                "attachment; filename=\"export.xlsx\"; filename*=UTF-8''"
                        + "%E8%80%81%E5%B9%B4%E4%BA%BA%E5%90%8D%E5%8D%95%202026.xlsx");
        assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.getBody().writeTo(out);
        assertThat(out.toByteArray()).startsWith('P', 'K', 3, 4);
        assertThat(XlsxExport.contentDisposition("visits.xlsx"))
                .isEqualTo("attachment; filename=\"visits.xlsx\"; filename*=UTF-8''visits.xlsx");
    }
}
