package org.warmnest.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticEldersTest {

    static final String DISTRICT = "530402";
    static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    static final List<GridRef> GRIDS = List.of(
            new GridRef("530402001001", "凤凰一网格", "凤凰社区", "玉兴街道"),
            new GridRef("530402001002", "凤凰二网格", "凤凰社区", "玉兴街道"),
            new GridRef("530402002001", "珊瑚网格", "珊瑚社区", "凤凰街道"),
            new GridRef("530402101001", "大营一组网格", "大营村", "大营街街道"));
    static final List<String> ALL_CATEGORIES =
            List.of("高龄", "独居", "空巢", "孤老", "纯老", "低保", "特困", "失能", "留守", "重残", "计生特殊家庭");

    static List<SyntheticElder> elders(long seed, int count) {
        return new SyntheticElders(seed, DISTRICT, TODAY, GRIDS).generate(count);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // r = 2, the X
            "11010519491231002, X",
            "44052418800101001, 4",
            "53040219520101101, 5",
    })
    void checkCharacterFollowsGb11643(String first17, char expected) {
        assertThat(IdNumbers.checkCharacter(first17)).isEqualTo(expected);
    }

    @Test
    void idNumbersCarryTheDistrictTheBirthDateTheSexAndAValidCheckCharacter() {
        DateTimeFormatter yyyyMMdd = DateTimeFormatter.ofPattern("yyyyMMdd");
        for (SyntheticElder elder : elders(1, 5_000)) {
            String id = elder.idNumber();
            assertThat(id).matches("\\d{17}[\\dX]").startsWith(DISTRICT);
            assertThat(id.charAt(17)).isEqualTo(IdNumbers.checkCharacter(id.substring(0, 17)));
            assertThat(id.substring(6, 14)).isEqualTo(elder.birthDate().format(yyyyMMdd));
            int sequence = Integer.parseInt(id.substring(14, 17));
            assertThat(sequence).isBetween(1, 999);
            assertThat(sequence % 2 == 1 ? "男" : "女").isEqualTo(elder.sex());
        }
    }

    @Test
    void everyElderIsBetween60And100OnTheReferenceDateAndAbout17PerCentAre80Plus() {
        List<SyntheticElder> elders = elders(2, 10_000);
        Set<Integer> ages = new HashSet<>();
        int eightyPlus = 0;
        for (SyntheticElder elder : elders) {
            int age = Period.between(elder.birthDate(), TODAY).getYears();
            assertThat(age).isBetween(60, 100);
            ages.add(age);
            if (age >= 80) {
                eightyPlus++;
            }
            assertThat(elder.categories().contains("高龄")).as("高龄 exactly when 80+: %s", elder).isEqualTo(age >= 80);
        }
        assertThat(ages).contains(60, 100);
        assertThat(eightyPlus / 10_000.0).isBetween(0.15, 0.20);
        long sixtyToSeventyNine = elders.size() - eightyPlus;
        assertThat(sixtyToSeventyNine).isGreaterThan(eightyPlus * 3L);
    }

    @Test
    void noIdNumberIsGivenTwice() {
        List<SyntheticElder> elders = elders(3, 20_000);
        assertThat(elders.stream().map(SyntheticElder::idNumber).distinct().count()).isEqualTo(20_000);
        assertThat(elders.stream().map(SyntheticElder::phone).distinct().count()).isEqualTo(20_000);
    }

    @Test
    void categoriesComeInBelievableProportions() {
        List<SyntheticElder> elders = elders(4, 10_000);
        Map<String, Double> share = ALL_CATEGORIES.stream().collect(Collectors.toMap(Function.identity(),
                c -> elders.stream().filter(e -> e.categories().contains(c)).count() / (double) elders.size()));
        assertThat(share.get("空巢")).isCloseTo(0.40, within(0.03));
        assertThat(share.get("独居")).isCloseTo(0.25, within(0.03));
        assertThat(share.get("纯老")).isCloseTo(0.15, within(0.03));
        assertThat(share.get("失能")).isCloseTo(0.10, within(0.02));
        assertThat(share.get("留守")).isCloseTo(0.08, within(0.02));
        assertThat(share.get("低保")).isCloseTo(0.08, within(0.02));
        assertThat(share.get("特困")).isCloseTo(0.03, within(0.01));
        assertThat(share.get("孤老")).isCloseTo(0.03, within(0.01));
        assertThat(share.get("重残")).isCloseTo(0.02, within(0.01));
        assertThat(share.get("计生特殊家庭")).isCloseTo(0.01, within(0.006));
    }

    @Test
    void categoriesAreConsistentAndNobodyIsOnTheRosterWithoutOne() {
        for (SyntheticElder elder : elders(5, 10_000)) {
            List<String> categories = elder.categories();
            assertThat(categories).isNotEmpty().doesNotHaveDuplicates().isSubsetOf(ALL_CATEGORIES);
            assertThat(categories.contains("独居") && categories.contains("纯老")).as("%s", elder).isFalse();
            if (categories.contains("孤老")) {
                assertThat(categories).contains("独居");
            }
            if (categories.contains("独居")) {
                assertThat(elder.householdMembers()).isEmpty();
            } else {
                assertThat(elder.householdMembers()).matches("[^、()]+\\([^)]+\\)(、[^、()]+\\([^)]+\\))*");
            }
            assertThat(categories.contains("特困") && categories.contains("低保")).isFalse();
        }
    }

    @Test
    void theDisabledAndThoseAged80PlusLivingAloneAreMoreOftenHighRisk() {
        List<SyntheticElder> elders = elders(6, 10_000);
        double atRisk = highRiskShare(elders.stream().filter(e -> e.categories().contains("失能")
                || e.categories().contains("独居") && e.categories().contains("高龄")).toList());
        double others = highRiskShare(elders.stream().filter(e -> !e.categories().contains("失能")
                && !(e.categories().contains("独居") && e.categories().contains("高龄"))).toList());
        assertThat(atRisk).as("disabled, or 80+ and alone").isGreaterThan(0.4);
        assertThat(others).as("everybody else").isLessThan(0.1);
        assertThat(atRisk).isGreaterThan(others * 4);
        assertThat(elders).extracting(SyntheticElder::riskTier).containsOnly("高风险", "重点关注", "一般");
    }

    private static double highRiskShare(List<SyntheticElder> elders) {
        return elders.stream().filter(e -> e.riskTier().equals("高风险")).count() / (double) elders.size();
    }

    @Test
    void namesPhonesAndAddressesLookReal() {
        List<SyntheticElder> elders = elders(7, 5_000);
        for (SyntheticElder elder : elders) {
            assertThat(elder.name()).matches("\\p{IsHan}{2,3}");
            assertThat(elder.emergencyName()).matches("\\p{IsHan}{2,3}");
            assertThat(elder.responsibleName()).matches("\\p{IsHan}{2,3}");
            assertThat(List.of(elder.phone(), elder.emergencyPhone(), elder.responsiblePhone()))
                    .allMatch(p -> p.matches("1[3-9]\\d{9}"));
            assertThat(elder.phone()).isNotEqualTo(elder.emergencyPhone());
            GridRef grid = GRIDS.stream().filter(g -> g.code().equals(elder.gridCode())).findFirst().orElseThrow();
            if (grid.communityName().endsWith("村")) {
                assertThat(elder.address()).matches(grid.communityName() + "\\d{1,2}组\\d{1,2}号");
            } else {
                assertThat(elder.address()).matches(grid.streetName() + grid.communityName()
                        + "\\p{IsHan}+\\d+号\\d+栋\\d单元[1-7]0[1-4]室");
            }
            assertThat(elder.healthNotes()).isNotBlank();
        }
        Map<String, Long> bySurname = elders.stream()
                .collect(Collectors.groupingBy(e -> e.name().substring(0, 1), Collectors.counting()));
        assertThat(bySurname.size()).isGreaterThan(60);
        assertThat(bySurname.get("王")).isGreaterThan(bySurname.getOrDefault("孟", 0L) * 5);
        assertThat(elders).extracting(SyntheticElder::gridCode).containsAll(GRIDS.stream().map(GridRef::code).toList());
        assertThat(elders.stream().filter(SyntheticElder::consent).count() / 5_000.0).isBetween(0.85, 0.98);
    }

    @Test
    void theSameSeedGivesTheSameElders() {
        assertThat(elders(42, 2_000)).isEqualTo(elders(42, 2_000));
        assertThat(elders(42, 100)).isNotEqualTo(elders(43, 100));
        assertThat(new SyntheticElders(42, DISTRICT, TODAY, GRIDS).stream().limit(100).toList())
                .isEqualTo(elders(42, 100));
    }

    @Test
    void csvIsUtf8WithBomCrlfAndQuotedWhereNeeded() throws IOException {
        List<SyntheticElder> elders = elders(8, 300);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticElders.writeCsv(elders, out);
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n").doesNotContain("\uFEFF");
        List<List<String>> records = parseCsv(text);
        assertThat(records).hasSize(301);
        assertThat(records.get(0)).isEqualTo(SyntheticElders.HEADERS);
        for (int i = 0; i < elders.size(); i++) {
            assertThat(records.get(i + 1)).isEqualTo(ElderSheets.values(elders.get(i)));
        }
        SyntheticElder first = elders.get(0);
        assertThat(records.get(1).get(3)).isEqualTo(first.birthDate().toString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(records.get(1).get(7)).isEqualTo(String.join("、", first.categories()));
        assertThat(records.get(1).get(15)).isIn("是", "否");
    }

    @Test
    void csvQuotesCommasQuotesAndNewlines() throws IOException {
        SyntheticElder elder = elders(9, 1).get(0);
        SyntheticElder awkward = new SyntheticElder("王\"老\"汉", elder.idNumber(), elder.sex(), elder.birthDate(),
                elder.phone(), elder.gridCode(), "凤凰路1号,2栋", elder.categories(), elder.riskTier(),
                elder.responsibleName(), elder.responsiblePhone(), elder.emergencyName(), elder.emergencyPhone(),
                elder.emergencyRelation(), "", false, "高血压\r\n糖尿病");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticElders.writeCsv(List.of(awkward), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\"王\"\"老\"\"汉\"", "\"凤凰路1号,2栋\"", "\"高血压\r\n糖尿病\"");
        assertThat(parseCsv(text.substring(1)).get(1)).isEqualTo(ElderSheets.values(awkward));
    }

    @Test
    void xlsxReadsBackWithTheHeadersTheValuesAndTextIdNumbers() throws IOException {
        List<SyntheticElder> elders = elders(10, 500);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticElders.writeXlsx(elders, out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(500);
            List<String> headers = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> headers.add(cell.getStringCellValue()));
            assertThat(headers).isEqualTo(SyntheticElders.HEADERS);
            for (int r = 1; r <= elders.size(); r++) {
                Row row = sheet.getRow(r);
                assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.STRING);
                assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.STRING);
                assertThat(row.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("@");
                List<String> values = new ArrayList<>();
                for (int c = 0; c < SyntheticElders.HEADERS.size(); c++) {
                    values.add(row.getCell(c) == null ? "" : row.getCell(c).getStringCellValue());
                }
                assertThat(values).isEqualTo(ElderSheets.values(elders.get(r - 1)));
            }
        }
    }

    @Test
    void fifteenThousandEldersWriteToXlsxWithoutHoldingTheWorkbookInMemory() throws IOException {
        List<SyntheticElder> elders = elders(11, 15_000);
        CountingStream out = new CountingStream();
        SyntheticElders.writeXlsx(elders, out);
        assertThat(out.count).isGreaterThan(100_000);
    }

    @Test
    void badInputIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new SyntheticElders(1, "5304", TODAY, GRIDS));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new SyntheticElders(1, DISTRICT, TODAY, List.of()));
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** RFC 4180, strictly: the test's own reader, so that the writer is not checked against itself. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("bare LF or CR outside quotes").isNotIn('\r', '\n');
                field.append(c);
            }
        }
        assertThat(field).isEmpty();
        assertThat(record).isEmpty();
        return records;
    }
}
