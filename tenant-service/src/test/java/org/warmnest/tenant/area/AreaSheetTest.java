package org.warmnest.tenant.area;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.warmnest.tenant.area.AreaSheet.Column;

class AreaSheetTest {

    static final String HEADER = "街道名称,街道代码,社区名称,社区代码,网格名称,网格代码,网格长,网格长电话\r\n";

    @Test
    void readsCsvWithBomQuotesAndRowNumbersAsASpreadsheetShowsThem() {
        String csv = "\uFEFF" + HEADER + "玉兴街道,530402001,\"北苑社区\",530402001001,\"第一网格, 北\",W01,\"张 \"\"三\"\"\",13800000001\r\n"
                + ",,,,,,,\r\n" + "玉兴街道,530402001\n";
        AreaSheet sheet = AreaSheet.read(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(sheet.findings()).isEmpty();
        assertThat(sheet.lines()).hasSize(2);
        var first = sheet.lines().get(0);
        assertThat(first.number()).isEqualTo(2);
        assertThat(first.get(Column.STREET_NAME)).isEqualTo("玉兴街道");
        assertThat(first.get(Column.GRID_NAME)).isEqualTo("第一网格, 北");
        assertThat(first.get(Column.LEADER_NAME)).isEqualTo("张 \"三\"");
        assertThat(sheet.lines().get(1).number()).isEqualTo(4); // the blank row 3 is skipped but still counted
        assertThat(sheet.lines().get(1).get(Column.COMMUNITY_CODE)).isEmpty();
    }

    @Test
    void withoutBomAndWithColumnsInAnotherOrderAndExtraColumns() {
        String csv = "备注,街道代码,街道名称\n随便,530402002,北城街道\n";
        AreaSheet sheet = AreaSheet.read(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(sheet.findings()).isEmpty();
        assertThat(sheet.lines()).singleElement().satisfies(l -> {
            assertThat(l.get(Column.STREET_CODE)).isEqualTo("530402002");
            assertThat(l.get(Column.STREET_NAME)).isEqualTo("北城街道");
        });
    }

    @Test
    void aGbkFileAsExcelSavesItOnChineseWindowsIsRead() {
        byte[] gbk = (HEADER + "玉兴街道,530402001\n").getBytes(Charset.forName("GBK"));
        AreaSheet sheet = AreaSheet.read(gbk);
        assertThat(sheet.findings()).isEmpty();
        assertThat(sheet.lines()).singleElement().satisfies(l -> assertThat(l.get(Column.STREET_NAME)).isEqualTo("玉兴街道"));
    }

    @Test
    void bytesThatAreNeitherUtf8NorGb18030AreAFindingOfTheFile() {
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[header.length + 4];
        System.arraycopy(header, 0, broken, 0, header.length);
        broken[header.length] = (byte) 0xFF;
        broken[header.length + 1] = (byte) 0xFE;
        broken[header.length + 2] = ',';
        broken[header.length + 3] = '\n';
        assertThat(AreaSheet.read(broken).findings()).extracting(AreaSheet.Finding::code)
                .containsExactly("encoding-invalid");
    }

    @Test
    void titleLinesAboveTheHeaderAreSkipped() {
        AreaSheet sheet = AreaSheet.read(("红塔区区划表\n" + HEADER + "玉兴街道,530402001\n").getBytes(StandardCharsets.UTF_8));
        assertThat(sheet.findings()).isEmpty();
        assertThat(sheet.lines()).singleElement().satisfies(l -> assertThat(l.number()).isEqualTo(3));
    }

    @Test
    void missingRequiredHeadersAreReportedOnTheHeaderRow() {
        AreaSheet sheet = AreaSheet.read("社区名称,社区代码\n北苑社区,530402001001\n".getBytes(StandardCharsets.UTF_8));
        assertThat(sheet.findings()).extracting(AreaSheet.Finding::row, AreaSheet.Finding::column,
                AreaSheet.Finding::code).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "街道名称", "header-missing"),
                        org.assertj.core.groups.Tuple.tuple(1, "街道代码", "header-missing"));
    }

    @Test
    void anEmptyFileIsReported() {
        assertThat(AreaSheet.read(new byte[0]).findings()).extracting(AreaSheet.Finding::code).containsExactly("empty");
        assertThat(AreaSheet.read("\uFEFF\r\n".getBytes(StandardCharsets.UTF_8)).findings())
                .extracting(AreaSheet.Finding::code).containsExactly("empty");
    }

    @Test
    void aBrokenWorkbookIsUnreadable() {
        byte[] fakeZip = { 'P', 'K', 3, 4, 1, 2, 3 };
        assertThat(AreaSheet.read(fakeZip).findings()).extracting(AreaSheet.Finding::code).containsExactly("unreadable");
    }

    @Test
    void theTemplateIsTheHeaderRowWithBom() {
        assertThat(AreaSheet.template()).isEqualTo("\uFEFF" + HEADER);
        assertThat(AreaSheet.read(AreaSheet.template().getBytes(StandardCharsets.UTF_8)).findings()).isEmpty();
    }
}
