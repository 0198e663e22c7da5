package org.warmnest.tenant.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;
import org.warmnest.tenant.Api;

/**
 * Area import on 华宁县 (530424) and 峨山县 (530427): CSV and XLSX, dry runs that write nothing, a bad row
 * refusing the whole file, and re-uploads that create nothing new.
 */
@ServiceTest
class AreaImportIT {

    static final String HEADER = "街道名称,街道代码,社区名称,社区代码,网格名称,网格代码,网格长,网格长电话\r\n";
    static final String CSV_TENANT = "530424";
    static final String XLSX_TENANT = "530427";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantProvisioner provisioner;

    Api admin;
    Api xlsxAdmin;

    @BeforeEach
    void tenants() {
        Api.provision(provisioner, "530400", CSV_TENANT, XLSX_TENANT);
        admin = Api.as(mvc, TestIssuer.get().user(CSV_TENANT, "bureau-admin").bearer());
        xlsxAdmin = Api.as(mvc, TestIssuer.get().user(XLSX_TENANT, "bureau-admin").bearer());
    }

    /** 宁州街道 with two communities and three grids, one grid without a leader, one street alone. */
    static String areasCsv(String leaderOfFirstGrid) {
        return "\uFEFF" + HEADER
                + "宁州街道,530424001,城北社区,530424001001,城北一网格,NZ-01," + leaderOfFirstGrid + ",13800000011\r\n"
                + "宁州街道,530424001,城北社区,530424001001,城北二网格,NZ-02,,\r\n"
                + "宁州街道,530424001,\"城南社区\",530424001002,城南一网格,NZ-03,周敏,13800000013\r\n"
                + "盘溪镇,530424101,,,,,,\r\n";
    }

    @Test
    void aDryRunReportsAndWritesNothingThenTheImportWritesAllAndARepeatCreatesNothing() throws Exception {
        byte[] file = areasCsv("王芳").getBytes(StandardCharsets.UTF_8);
        admin.upload(CSV_TENANT, "areas.csv", file, true).andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(true)).andExpect(jsonPath("$.applied").value(false))
                .andExpect(jsonPath("$.rows").value(4)).andExpect(jsonPath("$.problems").isEmpty())
                .andExpect(jsonPath("$.streets.created").value(2))
                .andExpect(jsonPath("$.communities.created").value(2))
                .andExpect(jsonPath("$.grids.created").value(3));
        assertThat(rows("street")).isZero();
        assertThat(rows("community")).isZero();
        assertThat(rows("grid")).isZero();

        admin.upload(CSV_TENANT, "areas.csv", file, false).andExpect(status().isOk())
                .andExpect(jsonPath("$.applied").value(true)).andExpect(jsonPath("$.streets.created").value(2))
                .andExpect(jsonPath("$.grids.created").value(3));
        assertThat(rows("street")).isEqualTo(2);
        assertThat(rows("community")).isEqualTo(2);
        assertThat(rows("grid")).isEqualTo(3);
        admin.get("/tenants/{t}/areas", CSV_TENANT).andExpect(status().isOk())
                .andExpect(jsonPath("$.streets[0].code").value("530424001"))
                .andExpect(jsonPath("$.streets[0].communities[0].name").value("城北社区"))
                .andExpect(jsonPath("$.streets[0].communities[0].grids[0].leaderName").value("王芳"))
                .andExpect(jsonPath("$.streets[0].communities[0].grids[1].leaderName").doesNotExist())
                .andExpect(jsonPath("$.streets[0].communities[1].grids[0].code").value("NZ-03"))
                .andExpect(jsonPath("$.streets[1].name").value("盘溪镇"))
                .andExpect(jsonPath("$.streets[1].communities").isEmpty());
        List<Object> before = jdbc.queryForList("select updated_at from t_530424.grid order by code", Object.class);

        // the same file again: nothing new, nothing touched
        admin.upload(CSV_TENANT, "areas.csv", file, false).andExpect(status().isOk())
                .andExpect(jsonPath("$.streets.created").value(0)).andExpect(jsonPath("$.streets.unchanged").value(2))
                .andExpect(jsonPath("$.communities.unchanged").value(2))
                .andExpect(jsonPath("$.grids.created").value(0)).andExpect(jsonPath("$.grids.updated").value(0))
                .andExpect(jsonPath("$.grids.unchanged").value(3));
        assertThat(rows("street")).isEqualTo(2);
        assertThat(rows("grid")).isEqualTo(3);
        assertThat(jdbc.queryForList("select updated_at from t_530424.grid order by code", Object.class))
                .isEqualTo(before);

        // a new grid leader: the grid matched by code is updated
        admin.upload(CSV_TENANT, "areas.csv", areasCsv("李红").getBytes(StandardCharsets.UTF_8), false)
                .andExpect(status().isOk()).andExpect(jsonPath("$.grids.updated").value(1))
                .andExpect(jsonPath("$.grids.unchanged").value(2)).andExpect(jsonPath("$.grids.created").value(0));
        assertThat(jdbc.queryForObject("select leader_name from t_530424.grid where code = 'NZ-01'", String.class))
                .isEqualTo("李红");

        // a street that still has communities is not deleted
        String street = jdbc.queryForObject("select id::text from t_530424.street where code = '530424001'",
                String.class);
        admin.delete("/tenants/{t}/streets/{id}", CSV_TENANT, street).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("street-has-communities"));
        String community = jdbc.queryForObject(
                "select id::text from t_530424.community where code = '530424001001'", String.class);
        admin.delete("/tenants/{t}/communities/{id}", CSV_TENANT, community).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("community-has-grids"));
    }

    @Test
    void aFileWithOneBadRowIsRefusedWholeWithAReportInTheCallersLanguage() throws Exception {
        String csv = HEADER
                + "青龙镇,530424102,海镜村,530424102201,海镜一网格,QL-01,陈刚,13800000021\r\n" // fine
                + "青龙镇,530424102,海镜村,530424102201,海镜二网格,QL-02,陈强,1380000002\r\n" // phone too short
                + "华溪镇,530423103,,,,,,\r\n" // another county's code
                + "青龙镇,530424102,海镜村,530424109201,海镜三网格,QL-01,,\r\n" // wrong street, repeated grid
                + ",530424104,,,,,,\r\n"; // no name
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);
        var refused = admin.inEnglish().upload(CSV_TENANT, "bad.csv", file, false)
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("import-invalid"))
                .andExpect(jsonPath("$.type").value("urn:warmnest:problem:import-invalid"))
                .andExpect(jsonPath("$.report.applied").value(false))
                .andExpect(jsonPath("$.report.problems[0].row").value(3))
                .andExpect(jsonPath("$.report.problems[0].column").value("网格长电话"))
                .andExpect(jsonPath("$.report.problems[0].code").value("leader-phone-format"))
                .andExpect(jsonPath("$.report.problems[0].message")
                        .value("'1380000002' is not a mobile phone number (11 digits starting with 1)."))
                .andExpect(jsonPath("$.report.problems[1].row").value(4))
                .andExpect(jsonPath("$.report.problems[1].code").value("street-code-outside-tenant"))
                .andExpect(jsonPath("$.report.problems[2].row").value(5))
                .andExpect(jsonPath("$.report.problems[2].code").value("community-code-outside-street"))
                .andExpect(jsonPath("$.report.problems[3].row").value(6))
                .andExpect(jsonPath("$.report.problems[3].column").value("街道名称"))
                .andExpect(jsonPath("$.report.problems[3].code").value("required"))
                .andExpect(jsonPath("$.report.problems.length()").value(4));
        assertThat(Api.body(refused)).contains("Nothing was imported");
        assertThat(rows("street", "530424102")).isZero(); // not even the good row

        admin.upload(CSV_TENANT, "bad.csv", file, true).andExpect(status().isOk())
                .andExpect(jsonPath("$.problems[0].message").value("“1380000002”不是手机号码（以 1 开头的 11 位数字）。"))
                .andExpect(jsonPath("$.problems.length()").value(4));

        // a repeated grid code and a name that changes within the file
        String clash = HEADER + "青龙镇,530424102,海镜村,530424102201,海镜一网格,QL-01,,\r\n"
                + "青龙镇,530424102,海镜村,530424102201,海镜二网格,QL-01,,\r\n"
                + "青龙街道,530424102,,,,,,\r\n";
        admin.upload(CSV_TENANT, "clash.csv", clash.getBytes(StandardCharsets.UTF_8), true)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.problems[0].row").value(3))
                .andExpect(jsonPath("$.problems[0].code").value("grid-code-duplicate"))
                .andExpect(jsonPath("$.problems[1].row").value(4))
                .andExpect(jsonPath("$.problems[1].column").value("街道名称"))
                .andExpect(jsonPath("$.problems[1].code").value("street-name-conflict"));
        assertThat(rows("street", "530424102")).isZero();
    }

    @Test
    void filesThatAreNotAreaSheetsAreRefused() throws Exception {
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] neither = java.util.Arrays.copyOf(header, header.length + 3);
        neither[header.length] = (byte) 0xFF;
        neither[header.length + 1] = (byte) 0xFE;
        neither[header.length + 2] = '\n';
        admin.upload(CSV_TENANT, "broken.csv", neither, false)
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.report.problems[0].code").value("encoding-invalid"));
        admin.upload(CSV_TENANT, "other.csv", "姓名,电话\r\n王芳,13800000000\r\n".getBytes(StandardCharsets.UTF_8),
                false).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.report.problems[0].code").value("header-missing"))
                .andExpect(jsonPath("$.report.problems[0].column").value("街道名称"));
        Api auditor = Api.as(mvc, TestIssuer.get().user(CSV_TENANT, "auditor").bearer());
        auditor.upload(CSV_TENANT, "areas.csv", areasCsv("王芳").getBytes(StandardCharsets.UTF_8), true)
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"));
    }

    @Test
    void anXlsxWithCodesTypedAsNumbersImportsLikeTheCsv() throws Exception {
        byte[] xlsx = workbook(new Object[][] {
                { "街道名称", "街道代码", "社区名称", "社区代码", "网格名称", "网格代码", "网格长", "网格长电话" },
                { "双江街道", 530427001L, "滇中社区", 530427001001L, "滇中一网格", "ES-01", "普艳", 13800000031L },
                { "双江街道", "530427001", "滇中社区", "530427001001", "滇中二网格", 2L, null, null },
                { "小街街道", 530427002L } });
        xlsxAdmin.upload(XLSX_TENANT, "areas.xlsx", xlsx, true).andExpect(status().isOk())
                .andExpect(jsonPath("$.problems").isEmpty()).andExpect(jsonPath("$.grids.created").value(2));
        assertThat(jdbc.queryForObject("select count(*) from t_530427.grid", Long.class)).isZero();
        xlsxAdmin.upload(XLSX_TENANT, "areas.xlsx", xlsx, false).andExpect(status().isOk())
                .andExpect(jsonPath("$.streets.created").value(2)).andExpect(jsonPath("$.communities.created").value(1))
                .andExpect(jsonPath("$.grids.created").value(2));
        assertThat(jdbc.queryForList("select code from t_530427.community", String.class))
                .containsExactly("530427001001");
        assertThat(jdbc.queryForObject("select leader_phone from t_530427.grid where code = 'ES-01'", String.class))
                .isEqualTo("13800000031");
        xlsxAdmin.upload(XLSX_TENANT, "areas.xlsx", xlsx, false).andExpect(status().isOk())
                .andExpect(jsonPath("$.streets.created").value(0)).andExpect(jsonPath("$.grids.created").value(0))
                .andExpect(jsonPath("$.grids.unchanged").value(2));
        assertThat(jdbc.queryForObject("select count(*) from t_530427.grid", Long.class)).isEqualTo(2);

        byte[] bad = workbook(new Object[][] {
                { "街道名称", "街道代码", "社区名称", "社区代码", "网格名称", "网格代码", "网格长", "网格长电话" },
                { "双江街道", 530427001L, "新村", 53042700100L, "新村网格", "ES-09", null, null } });
        xlsxAdmin.upload(XLSX_TENANT, "bad.xlsx", bad, false).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.report.problems[0].row").value(2))
                .andExpect(jsonPath("$.report.problems[0].column").value("社区代码"))
                .andExpect(jsonPath("$.report.problems[0].code").value("community-code-format"));
        assertThat(jdbc.queryForObject("select count(*) from t_530427.grid", Long.class)).isEqualTo(2);
    }

    @Test
    void theTemplateIsACsvWithTheHeadersThatImportsAsAnEmptyFile() throws Exception {
        var template = admin.get("/tenants/{t}/areas/import/template", CSV_TENANT).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")));
        byte[] bytes = template.andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + HEADER);
        admin.upload(CSV_TENANT, "template.csv", bytes, true).andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").value(0)).andExpect(jsonPath("$.problems").isEmpty());
    }

    @Test
    void validationErrorsAreProblemDetailsWithFieldErrors() throws Exception {
        admin.post("/tenants/{t}/streets", """
                {"code":"53042","name":""}""", CSV_TENANT).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[?(@.field == 'code')].code").value("Pattern"))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].code").value("NotBlank"));
        admin.post("/tenants/{t}/grids", """
                {"communityId":"00000000-0000-0000-0000-000000000000","code":"网格1","name":"x","leaderPhone":"12345"}""",
                CSV_TENANT).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'code')].code").value("Pattern"))
                .andExpect(jsonPath("$.errors[?(@.field == 'leaderPhone')].code").value("Pattern"));
    }

    private long rows(String table) {
        return jdbc.queryForObject("select count(*) from t_530424." + table, Long.class);
    }

    private long rows(String table, String code) {
        return jdbc.queryForObject("select count(*) from t_530424." + table + " where code = ?", Long.class, code);
    }

    static byte[] workbook(Object[][] rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("区划");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    Object value = rows[r][c];
                    if (value instanceof Long n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
