package org.warmnest.care.elder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.care.TenantServiceStub;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.synthetic.GridRef;
import org.warmnest.synthetic.SyntheticElder;
import org.warmnest.synthetic.SyntheticElders;

@ServiceTest
class ElderImportIT {

    static final String CITY = "220100";
    static final String T = "220102";
    static final String SIBLING = "220103";
    static final String C1 = "33333333-3333-3333-3333-333333333333";
    static final String C2 = "44444444-4444-4444-4444-444444444444";
    static final String IMPORT = "/api/care/v1/tenants/{t}/elders/import";
    static final List<GridRef> GRIDS = List.of(new GridRef("N01", "第一网格", "北苑社区", "玉兴街道"),
            new GridRef("N02", "第二网格", "北苑社区", "玉兴街道"));

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    static boolean provisioned;
    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    final TestIssuer issuer = TestIssuer.get();

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            provisioner.provision(TenantCode.of(CITY), null, "长春市");
            provisioner.registry().setStatus(TenantCode.of(CITY), TenantStatus.ACTIVE);
            for (String d : List.of(T, SIBLING)) {
                provisioner.provision(TenantCode.of(d), TenantCode.of(CITY), d);
                provisioner.registry().setStatus(TenantCode.of(d), TenantStatus.ACTIVE);
            }
            provisioned = true;
        }
        TenantServiceStub.areas(T, "N01", "N02");
        TenantServiceStub.areas(SIBLING, "S01");
        TenantServiceStub.engaged(T, C1, C2);
    }

    @Test
    void aBureauImportsForAContractorOnlyIfItHasEngagedIt() throws Exception {
        String stranger = java.util.UUID.randomUUID().toString(); // of this test alone: the stand-in is the JVM's
        TenantServiceStub.notEngaged(T, stranger);
        long before = count(T);
        for (boolean dryRun : new boolean[] { true, false }) {
            mvc.perform(multipart(IMPORT, T).file(new MockMultipartFile("file", "t.csv", null, csv(generate(17, 3))))
                    .param("contractorId", stranger)
                    .param("dryRun", String.valueOf(dryRun))
                    .header("Authorization", issuer.user(T, "bureau-admin").bearer()))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("contractor-not-engaged"));
        }
        assertThat(count(T)).isEqualTo(before);
    }

    String manager(String contractor) {
        return issuer.user(T, "contractor-manager").contractor(contractor).subject("manager-" + contractor).bearer();
    }

    ResultActions upload(String tenant, String token, String name, byte[] content, boolean dryRun) throws Exception {
        return mvc.perform(multipart(IMPORT, tenant).file(new MockMultipartFile("file", name, null, content))
                .param("dryRun", String.valueOf(dryRun)).header("Authorization", token)
                .header("Accept-Language", "zh-CN"));
    }

    List<SyntheticElder> generate(long seed, int count) {
        return new SyntheticElders(seed, T, today, GRIDS).generate(count);
    }

    static byte[] xlsx(List<SyntheticElder> elders) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticElders.writeXlsx(elders, out);
        return out.toByteArray();
    }

    static byte[] csv(List<SyntheticElder> elders) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticElders.writeCsv(elders, out);
        return out.toByteArray();
    }

    long count(String tenant) {
        return jdbc.queryForObject("select count(*) from t_" + tenant + ".elder", Long.class);
    }

    @Test
    void aCleanFileIsImportedWholeAndUploadingItAgainChangesNothing() throws Exception {
        List<SyntheticElder> elders = generate(11, 300);
        byte[] file = xlsx(elders);
        long before = count(T);
        long ofC1 = jdbc.queryForObject("select count(*) from t_220102.elder where contractor_id = ?::uuid",
                Long.class, C1);
        long historyOfC1 = jdbc.queryForObject("select count(*) from t_220102.elder_status_change c join "
                + "t_220102.elder e on e.id = c.elder_id where e.contractor_id = ?::uuid", Long.class, C1);
        upload(T, manager(C1), "老人.xlsx", file, true).andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(true)).andExpect(jsonPath("$.applied").value(false))
                .andExpect(jsonPath("$.rows").value(300)).andExpect(jsonPath("$.created").value(300))
                .andExpect(jsonPath("$.problems.length()").value(0));
        assertThat(count(T)).isEqualTo(before); // a dry run writes nothing

        upload(T, manager(C1), "老人.xlsx", file, false).andExpect(status().isOk())
                .andExpect(jsonPath("$.applied").value(true)).andExpect(jsonPath("$.created").value(300));
        assertThat(count(T)).isEqualTo(before + 300);
        assertThat(jdbc.queryForObject("select count(*) from t_220102.elder where contractor_id = ?::uuid", Long.class,
                C1)).isEqualTo(ofC1 + 300);
        assertThat(jdbc.queryForObject("select count(*) from t_220102.elder_status_change c join t_220102.elder e "
                + "on e.id = c.elder_id where e.contractor_id = ?::uuid", Long.class, C1)).isEqualTo(historyOfC1 + 300);
        // the database holds no ID number in clear
        String all = String.join("\n", jdbc.queryForList("select e::text from t_220102.elder e", String.class));
        for (SyntheticElder e : elders.subList(0, 50)) {
            assertThat(all).doesNotContain(e.idNumber());
        }

        upload(T, manager(C1), "老人.xlsx", file, false).andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(0)).andExpect(jsonPath("$.updated").value(0))
                .andExpect(jsonPath("$.unchanged").value(300));
        assertThat(count(T)).isEqualTo(before + 300);
        assertThat(jdbc.queryForObject("select max(version) from t_220102.elder where contractor_id = ?::uuid",
                Long.class, C1)).isZero();

        // the same people as CSV, two of them changed: only those two are updated
        List<SyntheticElder> changed = new ArrayList<>(elders);
        changed.set(0, withRisk(elders.get(0), "高风险".equals(elders.get(0).riskTier()) ? "一般" : "高风险"));
        changed.set(1, withPhone(elders.get(1), "13900000000"));
        upload(T, manager(C1), "老人.csv", csv(changed), false).andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(0)).andExpect(jsonPath("$.updated").value(2))
                .andExpect(jsonPath("$.unchanged").value(298));
        assertThat(jdbc.queryForObject("select count(*) from t_220102.elder_import", Long.class)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void twoUploadsOfOneNewFileAtOnceImportItOnceAndTheOtherIsToldSo() throws Exception {
        byte[] file = xlsx(generate(17, 200));
        long before = count(T);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<org.springframework.mock.web.MockHttpServletResponse>> uploads =
                    new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                uploads.add(pool.submit(() -> {
                    start.await();
                    return upload(T, manager(C1), "同一文件.xlsx", file, false).andReturn().getResponse();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var f : uploads) {
                var response = f.get();
                statuses.add(response.getStatus());
                if (response.getStatus() == 409) {
                    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("import-conflict");
                }
            }
            // one imports; the other finds the rows already there (all unchanged) or loses the race with a 409
            assertThat(statuses).contains(200);
            assertThat(statuses).allMatch(s -> s == 200 || s == 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(T)).isEqualTo(before + 200);
    }

    @Test
    void aSheetWithBlankCellsErasesNothingWorkersRecorded() throws Exception {
        AnElder elder = AnElder.anElder().named("冯桂珍").registeredIn(T).inGrid("N01").risk("HIGH")
                .withHealth("高血压，每日服药", "高血压");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/care/v1/tenants/{t}/elders", T).header("Authorization", manager(C1))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(elder.json()))
                .andExpect(status().isCreated());
        String header = "\uFEFF姓名,身份证号,网格代码,人员类别,风险等级,同住人员,健康状况,紧急联系人,紧急联系人电话\r\n";
        String blanks = "冯桂珍," + elder.idNumber() + ",N01,空巢,,李建国(儿子),,李建国,13987700002\r\n";
        upload(T, manager(C1), "blank.csv", (header + blanks).getBytes(StandardCharsets.UTF_8), false)
                .andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(1))
                .andExpect(jsonPath("$.updated").value(0));
        String lower = "冯桂珍," + elder.idNumber() + ",N01,空巢,一般,李建国(儿子),,李建国,13987700002\r\n";
        upload(T, manager(C1), "lower.csv", (header + lower).getBytes(StandardCharsets.UTF_8), false)
                .andExpect(status().isOk()).andExpect(jsonPath("$.updated").value(1));
        String id = jdbc.queryForObject("select cast(id as text) from t_220102.elder where name = '冯桂珍'", String.class);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/care/v1/tenants/{t}/elders/{id}/sensitive-data", T, id).header("Authorization", manager(C1))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{\"reason\":\"核对导入\"}"))
                .andExpect(jsonPath("$.health.conditions[0]").value("高血压"))
                .andExpect(jsonPath("$.household[0].phone").value("13987700002"));
        mvc.perform(get("/api/care/v1/tenants/{t}/elders/{id}", T, id).header("Authorization", manager(C1)))
                .andExpect(jsonPath("$.riskTier").value("GENERAL"))
                .andExpect(jsonPath("$.household[0].phone").value("139****0002"));
    }

    @Test
    void badRowsBlockTheWholeFileAndTheReportNamesEachRowAndColumn() throws Exception {
        List<SyntheticElder> elders = generate(12, 20);
        String good = new String(csv(elders), StandardCharsets.UTF_8);
        String[] lines = good.split("\r\n");
        // row 3: a wrong check character; row 5: an unknown grid; row 7: an unknown category; row 9: the ID of row 2
        lines[2] = lines[2].replace(elders.get(1).idNumber(), elders.get(1).idNumber().substring(0, 17)
                + (elders.get(1).idNumber().charAt(17) == '1' ? '2' : '1'));
        lines[4] = lines[4].replace("," + elders.get(3).gridCode() + ",", ",Z99,");
        lines[6] = lines[6].replaceFirst(",([^,]*),(高风险|重点关注|一般),", ",空巢、富裕,$2,");
        lines[8] = lines[8].replace(elders.get(7).idNumber(), elders.get(0).idNumber());
        byte[] bad = (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
        long before = count(T);

        upload(T, manager(C1), "有误.csv", bad, true).andExpect(status().isOk())
                .andExpect(jsonPath("$.problems[?(@.row==3)].column").value(org.hamcrest.Matchers.contains("身份证号")))
                .andExpect(jsonPath("$.problems[?(@.row==3)].message").value(
                        org.hamcrest.Matchers.contains("校验码错误（可能录入有误）")))
                .andExpect(jsonPath("$.problems[?(@.row==5)].code").value(org.hamcrest.Matchers.contains("grid-unknown")))
                .andExpect(jsonPath("$.problems[?(@.row==7)].message").value(
                        org.hamcrest.Matchers.contains(org.hamcrest.Matchers.startsWith("未知的人员类别“富裕”"))))
                .andExpect(jsonPath("$.problems[?(@.row==9)].code").value(
                        org.hamcrest.Matchers.contains("duplicate-in-file")));
        upload(T, manager(C1), "有误.csv", bad, false).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("import-invalid"))
                .andExpect(jsonPath("$.report.applied").value(false))
                .andExpect(jsonPath("$.report.problems.length()").value(4));
        assertThat(count(T)).isEqualTo(before);
    }

    @Test
    void aFileMissingARequiredColumnOrNotASpreadsheetIsRefusedAtTheHeader() throws Exception {
        byte[] noGrid = "\uFEFF姓名,身份证号,人员类别\r\n张三,11010519491231002X,独居\r\n".getBytes(StandardCharsets.UTF_8);
        upload(T, manager(C1), "x.csv", noGrid, true)
                .andExpect(jsonPath("$.problems[0].code").value("header-missing"))
                .andExpect(jsonPath("$.problems[0].column").value("网格代码"));
        upload(T, manager(C1), "x.xlsx", "PK\u0003\u0004garbage".getBytes(StandardCharsets.ISO_8859_1), false)
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.report.problems[0].code").value("unreadable"));
    }

    @Test
    void aGbkCsvFromExcelOnChineseWindowsIsRead() throws Exception {
        List<SyntheticElder> elders = generate(13, 5);
        String text = new String(csv(elders), StandardCharsets.UTF_8).replace("\uFEFF", "");
        upload(T, manager(C1), "gbk.csv", text.getBytes(Charset.forName("GBK")), true).andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").value(5)).andExpect(jsonPath("$.problems.length()").value(0));
    }

    @Test
    void aContractorCannotTakeOverAnotherContractorsElderByImport() throws Exception {
        List<SyntheticElder> elders = generate(14, 3);
        upload(T, manager(C1), "c1.csv", csv(elders), false).andExpect(status().isOk());
        upload(T, manager(C2), "c2.csv", csv(elders.subList(0, 1)), true)
                .andExpect(jsonPath("$.problems[0].code").value("registered-by-another"))
                .andExpect(jsonPath("$.problems[0].row").value(2));
        // and contractor 2's manager sees none of them
        mvc.perform(get("/api/care/v1/tenants/{t}/elders", T).param("name", elders.get(0).name())
                .header("Authorization", manager(C2))).andExpect(jsonPath("$.items[?(@.contractorId=='" + C1 + "')]")
                        .isEmpty());
    }

    @Test
    void someoneRegisteredInAnotherDistrictOfTheCityIsNotedNotRefused() throws Exception {
        SyntheticElder person = new SyntheticElders(15, T, today, GRIDS).generate(1).get(0);
        String bureauSibling = issuer.user(SIBLING, "bureau-admin").bearer();
        SyntheticElder inSibling = new SyntheticElder(person.name(), person.idNumber(), person.sex(),
                person.birthDate(), person.phone(), "S01", person.address(), person.categories(), person.riskTier(),
                "", "", "", "", "", "", true, "");
        upload(SIBLING, bureauSibling, "s.csv", csv(List.of(inSibling)), false).andExpect(status().isOk());
        // a contractor is not told where else in the city the person is registered
        upload(T, manager(C1), "t.csv", csv(List.of(person)), true).andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(1)).andExpect(jsonPath("$.notices.length()").value(0));
        // a bureau's import, entrusting the new elders to a contractor
        mvc.perform(multipart(IMPORT, T).file(new MockMultipartFile("file", "t.csv", null, csv(List.of(person))))
                .param("contractorId", C2).header("Authorization", issuer.user(T, "bureau-admin").bearer()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.notices[0].code").value("registered-in-another-district"));
        mvc.perform(get("/api/care/v1/tenants/{t}/elders", T).param("name", person.name())
                .header("Authorization", manager(C2))).andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void theTemplateAndTheExport() throws Exception {
        byte[] template = mvc.perform(get(IMPORT + "/template", T).header("Authorization", manager(C1)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(template))) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(1).getStringCellValue()).isEqualTo("身份证号");
            assertThat(wb.getSheetName(1)).isEqualTo("填写说明");
        }
        List<SyntheticElder> elders = generate(16, 30);
        upload(T, manager(C2), "c2.xlsx", xlsx(elders), false).andExpect(status().isOk());
        var result = mvc.perform(get("/api/care/v1/tenants/{t}/elders/export", T).header("Authorization", manager(C2)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("xlsx")))
                .andReturn();
        if (result.getRequest().isAsyncStarted()) {
            result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(result))
                    .andReturn();
        }
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(30); // header + 30: only contractor 2's elders
            Set<String> exported = new java.util.HashSet<>();
            for (int r = 1; r <= 30; r++) {
                exported.add(sheet.getRow(r).getCell(1).getStringCellValue());
            }
            assertThat(exported).allMatch(id -> id.contains("**********"));
            assertThat(exported).doesNotContain(elders.get(0).idNumber());
        }
    }

    static SyntheticElder withRisk(SyntheticElder e, String risk) {
        return new SyntheticElder(e.name(), e.idNumber(), e.sex(), e.birthDate(), e.phone(), e.gridCode(), e.address(),
                e.categories(), risk, e.responsibleName(), e.responsiblePhone(), e.emergencyName(), e.emergencyPhone(),
                e.emergencyRelation(), e.householdMembers(), e.consent(), e.healthNotes());
    }

    static SyntheticElder withPhone(SyntheticElder e, String phone) {
        return new SyntheticElder(e.name(), e.idNumber(), e.sex(), e.birthDate(), phone, e.gridCode(), e.address(),
                e.categories(), e.riskTier(), e.responsibleName(), e.responsiblePhone(), e.emergencyName(),
                e.emergencyPhone(), e.emergencyRelation(), e.householdMembers(), e.consent(), e.healthNotes());
    }
}
