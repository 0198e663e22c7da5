package org.warmnest.care.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.CareFixtures.body;
import static org.warmnest.care.CareFixtures.read;
import static org.warmnest.care.CareFixtures.send;

import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.warmnest.care.CareFixtures;
import org.warmnest.care.TenantServiceStub;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * The ledgers a bureau files, from visits, concerns and alerts recorded through the API (alerts written with set
 * times, so that response minutes are known): what each holds, amendments in place of originals, the area and
 * period filters, contractor staff seeing their contractor's rows only, another tenant nothing, the workbooks'
 * Chinese headers, and a bad period refused.
 */
@ServiceTest
class LedgerIT {

    static final String CITY = "620100";
    static final String D = "620102";
    static final String OTHER = "620103";
    static final String CA = "62000000-0000-0000-0000-0000000000a1";
    static final String CB = "62000000-0000-0000-0000-0000000000b2";
    static final String LEDGERS = "/api/care/v1/tenants/{t}/ledgers/";
    static final String VISIT = "/api/care/v1/tenants/{t}/visits/{id}";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            CareFixtures.provision(provisioner, CITY, D, OTHER);
            provisioned = true;
        }
    }

    static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    String bureau() {
        return issuer.user(D, "bureau-admin").bearer();
    }

    String worker(String contractor) {
        return issuer.user(D, "care-worker").contractor(contractor).subject("worker-" + contractor).bearer();
    }

    String manager(String contractor, String who) {
        return issuer.user(D, "contractor-manager").contractor(contractor).subject(who).bearer();
    }

    UUID elder(String name, String contractor, String grid, String... categories) throws Exception {
        Map<String, Object> elder = new LinkedHashMap<>();
        elder.put("name", name);
        elder.put("idNumber", CareFixtures.idNumber(D));
        elder.put("gridCode", grid);
        elder.put("categories", List.of(categories));
        elder.put("riskTier", "HIGH");
        elder.put("consentGiven", true);
        elder.put("contractorId", contractor);
        if (contractor != null) {
            TenantServiceStub.engaged(D, contractor);
        }
        return UUID.fromString(JsonPath.read(body(send(mvc, post("/api/care/v1/tenants/{t}/elders", D), bureau(),
                elder).andExpect(status().isCreated())), "$.id"));
    }

    static OffsetDateTime at(LocalDate day, int hour) {
        return OffsetDateTime.of(day, LocalTime.of(hour, 0), ZoneOffset.ofHours(8));
    }

    /** A home visit with a health check, three safety points, a hazard, a difficulty and supplies signed for. */
    static Map<String, Object> homeVisit(OffsetDateTime start, int socks) {
        Map<String, Object> v = new HashMap<>();
        v.put("mode", "HOME_VISIT");
        v.put("startedAt", start.toString());
        v.put("endedAt", start.plusMinutes(50).toString());
        v.put("services", List.of(Map.of("item", "HOME_VISIT"), Map.of("item", "WARM_PACK", "quantity", 1)));
        v.put("readings", List.of(Map.of("kind", "BLOOD_PRESSURE", "systolic", 162, "diastolic", 95),
                Map.of("kind", "TEMPERATURE", "value", 36.6)));
        v.put("medicines", List.of(Map.of("name", "硝苯地平缓释片", "expiresOn", "2025-03-01")));
        v.put("safetyChecked", List.of("ELECTRICITY", "GAS", "ANTI_SLIP"));
        v.put("hazards", List.of(Map.of("category", "ELECTRICITY", "description", "插线板老化、电线裸露",
                "advice", "更换插线板")));
        v.put("difficulties", List.of(Map.of("category", "MEDICAL", "description", "行动不便，需陪同就医")));
        v.put("supplies", List.of(Map.of("item", "羽绒背心", "quantity", 1), Map.of("item", "袜子", "quantity", socks)));
        v.put("suppliesSignOff", Map.of("signedBy", "家属张明", "signedAt", start.plusMinutes(40).toString()));
        return v;
    }

    String record(UUID elder, Map<String, Object> visit, String bearer) throws Exception {
        return JsonPath.read(body(send(mvc, post("/api/care/v1/tenants/{t}/elders/{e}/visits", D, elder), bearer,
                visit).andExpect(status().isCreated())), "$.id");
    }

    String call(UUID elder, LocalDate day, String bearer) throws Exception {
        return record(elder, Map.of("mode", "PHONE", "startedAt", at(day, 9).toString(), "durationMinutes", 8),
                bearer);
    }

    MockHttpServletRequestBuilder ledger(String which, String tenant, LocalDate from, LocalDate to) {
        return get(LEDGERS + which, tenant).param("from", from.toString()).param("to", to.toString())
                .param("size", "500");
    }

    String json(MockHttpServletRequestBuilder request, String bearer) throws Exception {
        return body(read(mvc, request, bearer).andExpect(status().isOk()));
    }

    static List<Map<String, Object>> rowsOf(String page, Object elder) {
        return JsonPath.read(page, "$.items[?(@.elderId == '" + elder + "')]");
    }

    /** The workbook's sheets: each a list of rows of cell texts. */
    List<List<List<String>>> workbook(MockHttpServletRequestBuilder request, String bearer) throws Exception {
        MvcResult result = read(mvc, request, bearer).andExpect(status().isOk()).andReturn();
        if (result.getRequest().isAsyncStarted()) {
            result = mvc.perform(asyncDispatch(result)).andReturn();
        }
        assertThat(result.getResponse().getContentType()).startsWith("application/vnd.openxmlformats");
        byte[] bytes = result.getResponse().getContentAsByteArray();
        List<List<List<String>>> sheets = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            for (Sheet sheet : book) {
                List<List<String>> rows = new ArrayList<>();
                for (Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        cells.add(row.getCell(c) == null ? "" : row.getCell(c).toString());
                    }
                    rows.add(cells);
                }
                sheets.add(rows);
            }
        }
        return sheets;
    }

    @Test
    void visitsSuppliesDifficultiesAndHazardsLedgers() throws Exception {
        LocalDate from = today().minusDays(6);
        LocalDate to = today().minusDays(1);
        String suffix = UUID.randomUUID().toString().substring(0, 4);
        UUID a = elder("王秀兰" + suffix, CA, CareFixtures.GRID, "LIVING_ALONE");
        UUID b = elder("赵春梅" + suffix, CB, CareFixtures.GRID_2, "EMPTY_NEST");
        LocalDate day1 = today().minusDays(5);
        LocalDate day2 = today().minusDays(3);
        String original = record(a, homeVisit(at(day1, 10), 2), worker(CA));
        send(mvc, post(VISIT + "/verify", D, original), manager(CA, "m1"), Map.of()).andExpect(status().isOk());
        String call = call(a, day2, worker(CA));
        String rejected = call(a, day2, worker(CA));
        send(mvc, post(VISIT + "/reject", D, rejected), manager(CA, "m1"), Map.of("note", "重复记录"))
                .andExpect(status().isOk());
        record(b, homeVisit(at(day1, 15), 1), worker(CB));

        // an amendment under review leaves the verified original in the ledger
        Map<String, Object> corrected = new HashMap<>(homeVisit(at(day1, 10), 3));
        corrected.remove("hazards");
        corrected.remove("difficulties");
        String amendment = JsonPath.read(body(send(mvc, post(VISIT + "/amendments", D, original), worker(CA),
                Map.of("visit", corrected, "reason", "袜子实发三双")).andExpect(status().isCreated())), "$.id");
        String before = json(ledger("visits", D, from, to), bureau());
        assertThat((List<String>) JsonPath.read(before, "$.items[?(@.elderId == '" + a + "')].visitId"))
                .containsExactly(original, call);
        // once verified, the amendment takes its place
        send(mvc, post(VISIT + "/verify", D, amendment), manager(CA, "m2"), Map.of()).andExpect(status().isOk());
        String visits = json(ledger("visits", D, from, to), bureau());
        assertThat(visits).doesNotContain("cipher").doesNotContain("idNumber").doesNotContain("health");
        List<Map<String, Object>> ofA = rowsOf(visits, a);
        assertThat(ofA).extracting(r -> r.get("visitId")).containsExactly(amendment, call);
        Map<String, Object> home = ofA.get(0);
        assertThat(home).containsEntry("elderName", "王秀兰" + suffix).containsEntry("modeLabel", "上门")
                .containsEntry("performedOn", day1.toString()).containsEntry("durationMinutes", 50)
                .containsEntry("services", "上门探访×1，暖心包发放×1").containsEntry("readingsTaken", 2)
                .containsEntry("readingsOutOfRange", 1).containsEntry("medicinesChecked", 1)
                .containsEntry("medicinesExpired", 1).containsEntry("safetyChecked", 3)
                .containsEntry("supplies", "羽绒背心×1，袜子×3").containsEntry("suppliesSignedBy", "家属张明")
                .containsEntry("statusLabel", "已审核").containsEntry("amendment", true);
        assertThat((Map<String, Object>) home.get("area")).containsEntry("gridCode", "G01")
                .containsEntry("gridName", "网格G01").containsEntry("communityName", "北苑社区")
                .containsEntry("streetName", "玉兴街道");
        assertThat(ofA.get(1)).containsEntry("modeLabel", "电话").containsEntry("statusLabel", "待审核")
                .containsEntry("services", "日常问候×1");
        assertThat(rowsOf(visits, b)).hasSize(1);

        // the area, the period, the contractor, the tenant
        String g2 = json(ledger("visits", D, from, to).param("gridCode", "G02"), bureau());
        assertThat(rowsOf(g2, a)).isEmpty();
        assertThat(rowsOf(g2, b)).hasSize(1);
        assertThat(rowsOf(json(ledger("visits", D, from, to).param("streetCode", D + "001"), bureau()), a))
                .hasSize(2);
        assertThat(rowsOf(json(ledger("visits", D, from, to).param("streetCode", D + "002"), bureau()), a))
                .isEmpty();
        assertThat(rowsOf(json(ledger("visits", D, day2, day2), bureau()), a)).extracting(r -> r.get("visitId"))
                .containsExactly(call);
        String ofCa = json(ledger("visits", D, from, to), manager(CA, "m1"));
        assertThat(rowsOf(ofCa, a)).hasSize(2);
        assertThat(rowsOf(ofCa, b)).isEmpty();
        assertThat(rowsOf(json(ledger("visits", D, from, to), worker(CB)), a)).isEmpty();
        read(mvc, ledger("visits", OTHER, from, to), issuer.user(OTHER, "bureau-admin").bearer())
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
        read(mvc, ledger("visits", D, from, to), issuer.user(D, "volunteer").bearer())
                .andExpect(status().isForbidden());
        read(mvc, get(LEDGERS + "visits", D).param("from", from.toString()).param("to", to.toString())
                .param("size", "501"), bureau()).andExpect(status().isBadRequest());
        // paged in SQL: one row a page, the total counting all
        String first = json(get(LEDGERS + "visits", D).param("from", from.toString()).param("to", to.toString())
                .param("size", "1").param("gridCode", "G02"), manager(CB, "mb"));
        assertThat((List<Object>) JsonPath.read(first, "$.items")).hasSize(1);
        assertThat(((Number) JsonPath.read(first, "$.total")).intValue()).isEqualTo(1);

        List<List<List<String>>> book = workbook(ledger("visits/export", D, from, to), manager(CA, "m1"));
        assertThat(book.get(0).get(0)).startsWith("序号", "老人姓名", "街道", "社区", "网格", "探访日期", "开始时间", "探访方式",
                "服务人员", "时长(分钟)", "服务内容", "健康监测项数", "异常项数", "药品检查数", "过期药品数", "安全检查项数", "发放物资",
                "物资签收人", "状态", "更正记录");
        assertThat(book.get(0)).anySatisfy(r -> assertThat(r).contains("王秀兰" + suffix, "上门", "羽绒背心×1，袜子×3"));
        assertThat(book.get(0)).noneSatisfy(r -> assertThat(r).contains("赵春梅" + suffix));
        assertThat(book.get(1).get(0)).containsExactly("项目", "数值");

        // supplies: one row per item of each standing visit, and the totals
        String supplies = json(ledger("supplies", D, from, to), manager(CA, "m1"));
        assertThat(rowsOf(supplies, a)).extracting(r -> r.get("item") + "×" + r.get("quantity"))
                .containsExactly("羽绒背心×1", "袜子×3");
        assertThat(rowsOf(supplies, a)).allSatisfy(r -> assertThat(r).containsEntry("signedBy", "家属张明")
                .containsEntry("signedAt", at(day1, 10).plusMinutes(40).toInstant().toString()));
        assertThat(rowsOf(supplies, b)).isEmpty();
        String totals = json(get(LEDGERS + "supplies/summary", D).param("from", from.toString())
                .param("to", to.toString()).param("gridCode", "G02"), bureau());
        assertThat((List<Integer>) JsonPath.read(totals, "$.items[?(@.item == '袜子')].quantity")).containsExactly(1);
        List<List<List<String>>> suppliesBook = workbook(ledger("supplies/export", D, from, to), manager(CA, "m1"));
        assertThat(suppliesBook.get(0).get(0)).containsExactly("序号", "老人姓名", "街道", "社区", "网格", "发放日期", "发放人",
                "物资名称", "数量", "备注", "签收人", "签收时间");
        assertThat(suppliesBook.get(1).get(0)).containsExactly("物资名称", "发放数量", "发放次数", "受益老人数");
        assertThat(suppliesBook.get(1)).anySatisfy(r -> assertThat(r).startsWith("袜子", "3.0"));

        // hazards and difficulties: followed up and closed after the period ended
        String concerns = "/api/care/v1/tenants/{t}/concerns/{id}/follow-ups";
        List<String> hazardIds = JsonPath.read(json(ledger("hazards", D, from, to), bureau()),
                "$.items[?(@.elderId == '" + a + "')].concernId");
        assertThat(hazardIds).hasSize(1);
        send(mvc, post(concerns, D, hazardIds.get(0)), worker(CA), Map.of("followedOn", day2.toString(),
                "note", "已联系社区电工", "status", "IN_HAND")).andExpect(status().isCreated());
        send(mvc, post(concerns, D, hazardIds.get(0)), worker(CA), Map.of("followedOn", today().toString(),
                "note", "插线板已更换", "status", "CLOSED", "outcome", "整改完成")).andExpect(status().isCreated());
        String hazards = json(ledger("hazards", D, from, to), bureau());
        assertThat(rowsOf(hazards, a).get(0)).containsEntry("categoryLabel", "用电")
                .containsEntry("description", "插线板老化、电线裸露").containsEntry("advice", "更换插线板")
                .containsEntry("foundOn", day1.toString()).containsEntry("statusLabel", "已整改")
                .containsEntry("followUps", 2).containsEntry("lastFollowUp", "插线板已更换")
                .containsEntry("closedOn", today().toString()).containsEntry("outcome", "整改完成")
                .containsEntry("daysToClose", 5).containsEntry("openAtEnd", true);
        assertThat(rowsOf(json(ledger("hazards", D, from, to), worker(CA)), b)).isEmpty();
        assertThat(rowsOf(json(ledger("hazards", D, day2, to), bureau()), a)).isEmpty();
        assertThat(rowsOf(json(ledger("hazards", D, from, to).param("gridCode", "G02"), bureau()), b)).hasSize(1);
        String hazardFigures = json(get(LEDGERS + "hazards/summary", D).param("from", from.toString())
                .param("to", today().toString()), manager(CA, "m1"));
        assertThat(((Number) JsonPath.read(hazardFigures, "$.closed")).intValue()).isGreaterThanOrEqualTo(1);
        String difficulties = json(ledger("difficulties", D, from, to), bureau());
        assertThat(rowsOf(difficulties, a).get(0)).containsEntry("categoryLabel", "就医用药")
                .containsEntry("statusLabel", "待办理").containsEntry("followUps", 0)
                .containsEntry("description", "行动不便，需陪同就医");
        assertThat(rowsOf(difficulties, a).get(0).get("closedOn")).isNull();
        read(mvc, ledger("difficulties", OTHER, from, to), issuer.user(OTHER, "auditor").bearer())
                .andExpect(jsonPath("$.total").value(0));

        List<List<List<String>>> hazardBook = workbook(ledger("hazards/export", D, from, to), bureau());
        assertThat(hazardBook.get(0).get(0)).containsExactly("序号", "老人姓名", "街道", "社区", "网格", "发现日期", "隐患类别",
                "隐患描述", "整改建议", "整改情况", "跟进次数", "最近跟进日期", "最近跟进情况", "整改完成日期", "整改结果", "整改用时(天)",
                "期末未整改");
        List<List<List<String>>> difficultyBook = workbook(ledger("difficulties/export", D, from, to), bureau());
        assertThat(difficultyBook.get(0).get(0)).containsExactly("序号", "老人姓名", "街道", "社区", "网格", "发现日期", "诉求类别",
                "诉求内容", "处理建议", "办理情况", "跟进次数", "最近跟进日期", "最近跟进情况", "办结日期", "办理结果", "办理用时(天)");
        assertThat(difficultyBook.get(1)).anySatisfy(r -> assertThat(r).startsWith("收集诉求数"));
    }

    /** An alert written as the alert service would, with set times. */
    UUID alert(UUID elder, String name, String contractor, String kind, Instant raised, String level,
            Instant acknowledged, String ackLevel, Instant resolved) {
        UUID id = UUID.randomUUID();
        String status = resolved != null ? "RESOLVED" : acknowledged != null ? "ACKNOWLEDGED" : "OPEN";
        Instant acting = resolved == null ? null : acknowledged;
        jdbc.update("insert into t_" + D + ".alert (id, elder_id, elder_name, contractor_id, kind, source, description,"
                + " raised_by, raised_at, grid_code, community_code, street_code, level, level_since, ack_deadline,"
                + " notify_round, status, acknowledged_by, acknowledged_at, acknowledged_level, acting_by, acting_at,"
                + " action_note, resolved_by, resolved_at, resolution, version) values (?, ?, ?, ?::uuid, ?,"
                + " 'WORKER', '老人在家跌倒', 'worker', ?, 'G01', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                id, elder, name, contractor, kind, ts(raised), D + "001001", D + "001", level, ts(raised),
                ts(raised.plusSeconds(3600)), status, acknowledged == null ? null : "duty-" + ackLevel,
                ts(acknowledged), ackLevel, acting == null ? null : "duty", ts(acting), acting == null ? null : "已上门",
                resolved == null ? null : "duty", ts(resolved), resolved == null ? null : "已送医，无大碍");
        jdbc.update("insert into t_" + D + ".alert_event (id, alert_id, kind, level, at, recorded_at, actor)"
                + " values (?, ?, 'RAISED', 'GRID', ?, ?, 'worker')", UUID.randomUUID(), id, ts(raised), ts(raised));
        if (!"GRID".equals(level)) {
            jdbc.update("insert into t_" + D + ".alert_event (id, alert_id, kind, level, at, recorded_at, actor)"
                    + " values (?, ?, 'ESCALATED', ?, ?, ?, 'system')", UUID.randomUUID(), id, level,
                    ts(raised.plusSeconds(900)), ts(raised.plusSeconds(900)));
        }
        return id;
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    @Test
    void alertsLedgerGivesResponseMinutesAndFigures() throws Exception {
        // a period of its own, long enough ago that no other test raises alerts in it
        LocalDate day = today().minusDays(40);
        UUID a = elder("孙玉珍", CA, CareFixtures.GRID, "HIGH_AGE");
        UUID b = elder("钱桂香", CB, CareFixtures.GRID, "HIGH_AGE");
        Instant ten = at(day, 10).toInstant();
        UUID quick = alert(a, "孙玉珍", CA, "FALL", ten, "GRID", ten.plusSeconds(7 * 60 + 30), "GRID",
                ten.plusSeconds(3600));
        Instant two = at(day, 14).toInstant();
        UUID escalated = alert(a, "孙玉珍", CA, "ILLNESS", two, "COMMUNITY", two.plusSeconds(20 * 60), "COMMUNITY",
                null);
        UUID open = alert(b, "钱桂香", CB, "NO_ANSWER", at(day, 16).toInstant(), "GRID", null, null, null);
        // the evening before the period, China time (13:00 UTC of the day before is 21:00 there)
        alert(a, "孙玉珍", CA, "OTHER", at(day.minusDays(1), 21).toInstant(), "GRID", null, null, null);

        String page = json(ledger("alerts", D, day, day), bureau());
        assertThat((List<String>) JsonPath.read(page, "$.items[*].alertId")).containsExactly(quick.toString(),
                escalated.toString(), open.toString());
        Map<String, Object> first = JsonPath.read(page, "$.items[0]");
        assertThat(first).containsEntry("elderName", "孙玉珍").containsEntry("kindLabel", "跌倒")
                .containsEntry("sourceLabel", "人工上报").containsEntry("highestLevelLabel", "网格")
                .containsEntry("acknowledgedBy", "duty-GRID").containsEntry("minutesToAcknowledge", 7.5)
                .containsEntry("minutesToResolve", 60.0).containsEntry("resolution", "已送医，无大碍")
                .containsEntry("statusLabel", "已处置");
        Map<String, Object> second = JsonPath.read(page, "$.items[1]");
        assertThat(second).containsEntry("highestLevel", "COMMUNITY").containsEntry("highestLevelLabel", "社区")
                .containsEntry("minutesToAcknowledge", 20.0).containsEntry("statusLabel", "已确认");
        assertThat(second.get("minutesToResolve")).isNull();

        String figures = json(get(LEDGERS + "alerts/summary", D).param("from", day.toString())
                .param("to", day.toString()), bureau());
        assertThat(((Number) JsonPath.read(figures, "$.alerts")).intValue()).isEqualTo(3);
        assertThat(((Number) JsonPath.read(figures, "$.byKind.FALL")).intValue()).isEqualTo(1);
        assertThat(((Number) JsonPath.read(figures, "$.acknowledged")).intValue()).isEqualTo(2);
        assertThat(((Number) JsonPath.read(figures, "$.toAcknowledge.median")).doubleValue()).isEqualTo(13.8);
        assertThat(((Number) JsonPath.read(figures, "$.toAcknowledge.average")).doubleValue()).isEqualTo(13.8);
        assertThat(((Number) JsonPath.read(figures, "$.toAcknowledge.max")).doubleValue()).isEqualTo(20.0);
        assertThat(((Number) JsonPath.read(figures, "$.toResolve.median")).doubleValue()).isEqualTo(60.0);
        assertThat(((Number) JsonPath.read(figures, "$.escalatedBeyondGrid")).intValue()).isEqualTo(1);

        // contractor B sees its own alert only; another tenant none; the grid filter
        assertThat((List<String>) JsonPath.read(json(ledger("alerts", D, day, day), manager(CB, "mb")),
                "$.items[*].alertId")).containsExactly(open.toString());
        read(mvc, ledger("alerts", OTHER, day, day), issuer.user(OTHER, "bureau-admin").bearer())
                .andExpect(jsonPath("$.total").value(0));
        read(mvc, ledger("alerts", D, day, day).param("gridCode", "G02"), bureau())
                .andExpect(jsonPath("$.total").value(0));

        List<List<List<String>>> book = workbook(ledger("alerts/export", D, day, day), bureau());
        assertThat(book.get(0).get(0)).containsExactly("序号", "发生时间", "老人姓名", "街道", "社区", "网格", "类型", "来源",
                "情况描述", "最高升级层级", "确认时间", "确认人", "确认层级", "响应用时(分钟)", "处置完成时间", "处置用时(分钟)", "处置结果",
                "回访时间", "状态");
        assertThat(book.get(0)).hasSize(4);
        assertThat(book.get(0).get(1)).contains("孙玉珍", "跌倒", "7.5", "60.0");
        assertThat(book.get(1)).anySatisfy(r -> assertThat(r).containsExactly("升级至网格以上", "1.0"));
    }

    @Test
    void followUpListsGroupEldersByCategory() throws Exception {
        LocalDate from = today().minusDays(10);
        LocalDate to = today().minusDays(1);
        UUID visited = elder("周凤英", CA, CareFixtures.GRID, "BEREAVED_PARENTS", "SEVERELY_HANDICAPPED");
        UUID never = elder("吴淑珍", CA, CareFixtures.GRID, "BEREAVED_PARENTS");
        UUID elsewhere = elder("郑秀云", CB, CareFixtures.GRID, "BEREAVED_PARENTS");
        call(visited, today().minusDays(4), worker(CA));
        String withHazard = record(visited, homeVisit(at(today().minusDays(20), 10), 1), worker(CA));
        assertThat(withHazard).isNotNull();
        alert(never, "吴淑珍", CA, "NO_ANSWER", at(today().minusDays(2), 9).toInstant(), "GRID", null, null, null);

        String list = json(ledger("follow-ups", D, from, to).param("category", "BEREAVED_PARENTS"), manager(CA, "m"));
        List<String> ids = JsonPath.read(list, "$.items[*].elderId");
        assertThat(ids).contains(visited.toString(), never.toString()).doesNotContain(elsewhere.toString());
        // the never visited before the visited
        assertThat(ids.indexOf(never.toString())).isLessThan(ids.indexOf(visited.toString()));
        assertThat(rowsOf(list, visited).get(0)).containsEntry("categoryLabel", "计生特殊家庭")
                .containsEntry("lastVisitOn", today().minusDays(4).toString()).containsEntry("daysSinceLastVisit", 3)
                .containsEntry("visitedInPeriod", true).containsEntry("openConcerns", 2)
                .containsEntry("openAlerts", 0);
        assertThat(rowsOf(list, never).get(0)).containsEntry("visitedInPeriod", false)
                .containsEntry("openConcerns", 0).containsEntry("openAlerts", 1);
        assertThat(rowsOf(list, never).get(0).get("lastVisitOn")).isNull();
        // an elder in two categories is on both lists; before the call, the last visit is the earlier one
        String all = json(ledger("follow-ups", D, from, today().minusDays(5)), bureau());
        assertThat(rowsOf(all, visited)).extracting(r -> r.get("category"))
                .containsExactly("SEVERELY_HANDICAPPED", "BEREAVED_PARENTS");
        assertThat(rowsOf(all, visited).get(0)).containsEntry("lastVisitOn", today().minusDays(20).toString())
                .containsEntry("visitedInPeriod", false).containsEntry("daysSinceLastVisit", 15);
        assertThat(rowsOf(json(ledger("follow-ups", D, from, to).param("gridCode", "G02"), bureau()), visited))
                .isEmpty();
        read(mvc, ledger("follow-ups", OTHER, from, to), issuer.user(OTHER, "bureau-admin").bearer())
                .andExpect(jsonPath("$.total").value(0));

        String figures = json(get(LEDGERS + "follow-ups/summary", D).param("from", from.toString())
                .param("to", to.toString()).param("category", "BEREAVED_PARENTS"), manager(CA, "m"));
        assertThat((List<String>) JsonPath.read(figures, "$[*].categoryLabel")).containsExactly("计生特殊家庭");
        List<List<List<String>>> book = workbook(ledger("follow-ups/export", D, from, to)
                .param("category", "BEREAVED_PARENTS"), manager(CA, "m"));
        assertThat(book.get(0).get(0)).containsExactly("序号", "老人类别", "老人姓名", "街道", "社区", "网格", "责任人",
                "最近探访日期", "距期末天数", "本期已探访", "未结诉求隐患数", "未处置紧急情况数");
        assertThat(book.get(1).get(0)).containsExactly("老人类别", "老人数", "本期已探访", "本期未探访");
        assertThat(book.get(0)).noneSatisfy(r -> assertThat(r).contains("郑秀云"));
    }

    @Test
    void aPeriodBackwardsOrLongerThanAYearIsRefused() throws Exception {
        for (String which : List.of("visits", "difficulties", "hazards", "supplies", "alerts", "follow-ups",
                "alerts/summary", "visits/export")) {
            read(mvc, ledger(which, D, today(), today().minusDays(1)), bureau()).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("validation-failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("to"))
                    .andExpect(jsonPath("$.errors[0].code").value("before-from"));
        }
        read(mvc, ledger("alerts", D, today().minusDays(366), today()), bureau())
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("period-too-long"));
        read(mvc, ledger("alerts", D, today().minusDays(365), today()), bureau()).andExpect(status().isOk());
    }
}
