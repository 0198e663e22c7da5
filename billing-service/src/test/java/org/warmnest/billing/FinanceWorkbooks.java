package org.warmnest.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.BillingFixtures.read;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.test.web.servlet.MockMvc;

/** Billing's workbooks as a finance officer opens them (Apache POI), and what every one of them must hold. */
public final class FinanceWorkbooks {

    private FinanceWorkbooks() {
    }

    public static Workbook export(MockMvc mvc, String path, String bearer, Object... vars) throws Exception {
        var exported = read(mvc, path, bearer, vars).andReturn();
        if (exported.getRequest().isAsyncStarted()) {
            exported = mvc.perform(asyncDispatch(exported)).andExpect(status().isOk()).andReturn();
        }
        assertThat(exported.getResponse().getStatus()).isEqualTo(200);
        return new XSSFWorkbook(new ByteArrayInputStream(exported.getResponse().getContentAsByteArray()));
    }

    static final Pattern CODE = Pattern.compile("^[A-Z_]{4,}$");

    /**
     * What a finance officer relies on in every sheet: no code in any cell; amounts (元) and rates (%) are numbers
     * with their formats; a sheet listing amounts ends with a 合计 row whose amounts are the sums of the rows.
     */
    public static void assertFinanceWorkbook(Workbook book) {
        for (Sheet sheet : book) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING) {
                        assertThat(cell.getStringCellValue()).as(sheet.getSheetName() + "!" + cell.getAddress())
                                .doesNotMatch(CODE);
                    }
                }
            }
            int header = headerRow(sheet);
            List<String> headers = headers(sheet);
            boolean amounts = headers.stream().anyMatch(h -> h.endsWith("（元）"));
            int last = sheet.getLastRowNum();
            if (amounts) {
                assertThat(sheet.getRow(last).getCell(0).getStringCellValue()).as(sheet.getSheetName())
                        .isEqualTo("合计");
            }
            for (int c = 0; c < headers.size(); c++) {
                String h = headers.get(c);
                if (!h.endsWith("（元）") && !h.endsWith("（%）")) {
                    continue;
                }
                String format = h.endsWith("（元）") ? "#,##0.00\"元\"" : "0.00%";
                BigDecimal sum = BigDecimal.ZERO;
                for (int r = header + 1; r <= last; r++) {
                    Cell cell = sheet.getRow(r).getCell(c);
                    if (cell == null || cell.getCellType() == CellType.BLANK) {
                        continue;
                    }
                    assertThat(cell.getCellType()).as(sheet.getSheetName() + "!" + cell.getAddress())
                            .isEqualTo(CellType.NUMERIC);
                    assertThat(cell.getCellStyle().getDataFormatString()).as(sheet.getSheetName() + "!"
                            + cell.getAddress()).isEqualTo(format);
                    if (r < last && h.endsWith("（元）")) {
                        sum = sum.add(BigDecimal.valueOf(cell.getNumericCellValue()));
                    }
                }
                if (h.endsWith("（元）")) {
                    assertThat(BigDecimal.valueOf(sheet.getRow(last).getCell(c).getNumericCellValue()))
                            .as(sheet.getSheetName() + " 合计 " + h).isEqualByComparingTo(sum);
                }
            }
        }
    }

    public static boolean marked(Sheet sheet) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().contains("彩票公益金")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The header row: the first whose first cell is a known first header (the mark may come first). */
    public static int headerRow(Sheet sheet) {
        for (int i = sheet.getFirstRowNum(); i <= sheet.getLastRowNum(); i++) {
            Row row = sheet.getRow(i);
            if (row != null && row.getCell(0) != null && row.getCell(0).getCellType() == CellType.STRING
                    && List.of("文号", "合同编号", "区县代码", "说明", "服务日期", "时间").contains(row.getCell(0).getStringCellValue())) {
                return i;
            }
        }
        throw new AssertionError("no header row in " + sheet.getSheetName());
    }

    public static List<String> headers(Sheet sheet) {
        List<String> headers = new ArrayList<>();
        sheet.getRow(headerRow(sheet)).forEach(c -> headers.add(c.getStringCellValue()));
        return headers;
    }

    /** The cell of the n-th row under the header (1 = the first) in the named column. */
    public static Cell cell(Sheet sheet, int n, String header) {
        int c = headers(sheet).indexOf(header);
        assertThat(c).as(sheet.getSheetName() + ": " + header).isNotNegative();
        return sheet.getRow(headerRow(sheet) + n).getCell(c);
    }

    public static String text(Sheet sheet, int n, String header) {
        return cell(sheet, n, header).getStringCellValue();
    }

    public static double number(Sheet sheet, int n, String header) {
        Cell cell = cell(sheet, n, header);
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        return cell.getNumericCellValue();
    }

}
