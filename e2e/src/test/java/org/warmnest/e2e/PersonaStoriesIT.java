package org.warmnest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.warmnest.launcher.ContractDraft;
import org.warmnest.launcher.Stack;

/**
 * One story per persona, on the product started from its jars with the real Keycloak, every call through the
 * gateway with the persona's own token: the city bureau sets up a district, its contractor and staff; the care
 * worker registers, assesses, plans and visits elders; the contractor's supervisor verifies the visits; the
 * contractor's manager claims for them; finance approves and the execution rate moves by what was paid; the
 * auditors read it all and can change none of it; another city sees nothing of it. Each story builds on the one
 * before, as the work does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PersonaStoriesIT {

    static final String CITY = "530400"; // 玉溪市
    static final String HONGTA = "530402"; // 红塔区
    static final String TONGHAI = "530423"; // 通海县
    static final String OTHER_CITY = "530300"; // 曲靖市
    static final String USCC = "53530400MJ4821657Q";
    static final String STREET = "530402001";
    static final String COMMUNITY = "530402001001";
    static final String GRID = "530402001001-1";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String CARE = "/api/care/v1/tenants/" + HONGTA;
    static final String BILLING = "/api/billing/v1/tenants/" + HONGTA;
    static final String TENANTS = "/api/tenants/v1/tenants";
    static final double HOME_LAT = 24.3521;
    static final double HOME_LNG = 102.5437;

    /** The district's own fund for the program, the line set aside for phase one, and the contract's value. */
    static final BigDecimal ALLOCATED = new BigDecimal("100000.00");
    static final BigDecimal LINE = new BigDecimal("50000.00");
    static final BigDecimal CONTRACT_VALUE = new BigDecimal("20000.00");

    Stack stack;
    Tokens tokens;
    String gateway;
    final LocalDate today = LocalDate.now(CHINA);
    final LocalDate termStart = today.minusDays(20);

    // what the stories make, in the order they make it
    String contractor;
    String program;
    final List<String> elders = new ArrayList<>();
    final List<String> visits = new ArrayList<>();
    String alert;
    String evidenceSha256;
    String allocation;
    String contract;
    String claim;
    BigDecimal approved;
    BigDecimal held;

    @BeforeAll
    void start() throws Exception {
        stack = Stack.start(Path.of("target", "persona-stack"), Map.of());
        gateway = stack.gatewayUrl();
        tokens = new Tokens(stack.keycloak(), stack.adminPassword());
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    // ---- 1. the city bureau -------------------------------------------------------------------------------

    @Test
    @Order(1)
    void cityBureauOnboardsDistrictsRegistersTheContractorAndHasItsStaffCreated() throws Exception {
        onboard("platform-admin", CITY, "玉溪市");
        onboard("yuxi-bureau-admin", HONGTA, "红塔区");
        onboard("yuxi-bureau-admin", TONGHAI, "通海县");
        Map<String, Object> hongta = expect(get(TENANTS + "/" + HONGTA, "yuxi-bureau-admin"), 200).json();
        assertThat(hongta).containsEntry("parentCode", CITY).containsEntry("status", "ACTIVE");

        // the district's areas, down to the grid with its leader (分片包干)
        String street = id(expect(post(TENANTS + "/" + HONGTA + "/streets", "yuxi-bureau-admin",
                Map.of("code", STREET, "name", "玉兴街道")), 201));
        String community = id(expect(post(TENANTS + "/" + HONGTA + "/communities", "yuxi-bureau-admin",
                Map.of("streetId", street, "code", COMMUNITY, "name", "北苑社区")), 201));
        expect(post(TENANTS + "/" + HONGTA + "/grids", "yuxi-bureau-admin", Map.of("communityId", community,
                "code", GRID, "name", "北苑社区第1网格", "leaderName", "李春梅", "leaderPhone", "13987710001")), 201);
        String tree = expect(get(TENANTS + "/" + HONGTA + "/areas", "hongta-bureau-admin"), 200).body();
        assertThat(tree).contains(STREET, COMMUNITY, GRID, "李春梅");

        // the contractor, by its unified social credit code: a wrong check character is refused
        Map<String, Object> registration = Map.of("uscc", USCC, "name", "玉溪市暖阳社会工作服务中心",
                "legalRepresentative", "杨晓云",
                "contacts", List.of(Map.of("name", "杨晓云", "role", "主任", "phone", "13908770001")),
                "qualifications", List.of(Map.of("name", "民办非企业单位登记证书", "number", "玉民证字第0012号",
                        "issuer", "玉溪市民政局")));
        Map<String, Object> miskeyed = new LinkedHashMap<>(registration);
        miskeyed.put("uscc", USCC.substring(0, 17) + "R");
        Http.Response refused = post("/api/tenants/v1/contractors", "yuxi-bureau-admin", miskeyed);
        assertThat(refused.status()).as(refused.brief()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("validation-failed");
        assertThat(refused.body()).contains("uscc");
        contractor = id(expect(post("/api/tenants/v1/contractors", "yuxi-bureau-admin", registration), 201));

        // the city's program over two districts, the contractor engaged in 红塔区 only
        program = id(expect(post(TENANTS + "/" + CITY + "/programs", "yuxi-bureau-admin", Map.of(
                "name", "温暖玉溪·呵护夕阳", "startYear", today.getYear(), "endYear", today.getYear() + 1,
                "description", "物资+评估+健康+陪伴", "districtCodes", List.of(HONGTA, TONGHAI))), 201));
        expect(post(TENANTS + "/" + HONGTA + "/engagements", "yuxi-bureau-admin", Map.of("contractorId", contractor,
                "programOwner", CITY, "programId", program, "startDate", today.minusDays(60).toString())), 201);

        // the district bureau creates the contractor's staff; 通海县 has not engaged it, so cannot
        staff("hongta-bureau-admin", HONGTA, "nuanyang-manager", "contractor-manager", "杨", "晓云");
        staff("hongta-bureau-admin", HONGTA, "nuanyang-worker", "care-worker", "普", "丽萍");
        Http.Response notEngaged = post(TENANTS + "/" + TONGHAI + "/users", "tonghai-bureau-admin",
                user("tonghai-worker", "care-worker", "李", "明"));
        assertThat(notEngaged.status()).as(notEngaged.brief()).isEqualTo(400);
        assertThat(notEngaged.body()).contains("contractor-not-engaged");
        Map<String, Object> worker = Tokens.payload(tokens.of("nuanyang-worker"));
        assertThat(worker).containsEntry("tenant", HONGTA).containsEntry("contractor", contractor);
        assertThat(Tokens.payload(tokens.of("nuanyang-manager"))).containsEntry("contractor", contractor);

        // the street's duty on the alert roster (nobody at grid or community yet): the district bureau's admin
        String bureauSubject = (String) Tokens.payload(tokens.of("hongta-bureau-admin")).get("sub");
        expect(post(CARE + "/alerts/duties", "hongta-bureau-admin", Map.of("level", "STREET", "areaCode", STREET,
                "name", "王建华", "phone", "13987720001", "userSubject", bureauSubject)), 201);
    }

    // ---- 2. the care worker -------------------------------------------------------------------------------

    @Test
    @Order(2)
    void careWorkerRegistersAssessesPlansAndVisitsEldersAndRaisesAnAlert() throws Exception {
        String worker = "nuanyang-worker";
        String first = anElder("张桂兰", LocalDate.of(1941, 3, 15), false);
        String second = anElder("李国富", LocalDate.of(1950, 8, 2), true);
        Map<String, Object> zhang = expect(post(CARE + "/elders", worker, elder("张桂兰", first, "HIGH",
                List.of("LIVING_ALONE", "SUBSISTENCE"))), 201).json();
        Map<String, Object> li = expect(post(CARE + "/elders", worker, elder("李国富", second, "PRIORITY",
                List.of("EMPTY_NEST"))), 201).json();
        elders.add((String) zhang.get("id"));
        elders.add((String) li.get("id"));
        // entrusted to the worker's contractor, placed in the grid's community and street, the ID number masked
        assertThat(zhang).containsEntry("contractorId", contractor).containsEntry("gridCode", GRID)
                .containsEntry("communityCode", COMMUNITY).containsEntry("streetCode", STREET)
                .containsEntry("sex", "女").containsEntry("status", "ACTIVE");
        assertThat(((Number) zhang.get("age")).intValue()).isGreaterThanOrEqualTo(80);
        assertThat((String) zhang.get("idNumber")).isNotEqualTo(first).endsWith(first.substring(14));
        Http.Response twice = post(CARE + "/elders", worker, elder("张桂兰", first, "HIGH", List.of("LIVING_ALONE")));
        refused(twice, 409, "elder-already-registered");

        // the national ability assessment: 70 is level 1, raised one step by a dementia diagnosis; 40 is level 3
        Map<String, Object> assessed = expect(post(CARE + "/elders/" + elders.get(0) + "/assessments", worker,
                assessment(70, List.of(Map.of("icd10", "F01", "byPsychiatrist", false)))), 201).json();
        assertThat(assessed).containsEntry("total", 70L).containsEntry("preliminaryLevel", 1L)
                .containsEntry("finalLevel", 2L).containsEntry("adjusted", true)
                .containsEntry("nextDue", today.plusMonths(12).toString());
        Map<String, Object> assessedLi = expect(post(CARE + "/elders/" + elders.get(1) + "/assessments", worker,
                assessment(40, List.of())), 201).json();
        assertThat(assessedLi).containsEntry("finalLevel", 3L).containsEntry("adjusted", false);
        assertThat(expect(get(CARE + "/elders/" + elders.get(0), worker), 200).json())
                .containsEntry("abilityLevel", 2L);

        // enrolled in the program, and a plan each: a monthly home visit and a daily call (一人一策)
        for (String elder : elders) {
            expect(post(CARE + "/elders/" + elder + "/programs", worker, Map.of("programId", program,
                    "enrolledOn", today.minusDays(10).toString())), 201);
            expect(post(CARE + "/elders/" + elder + "/plan/items", worker, Map.of("serviceItem", "HOME_VISIT",
                    "cadence", Map.of("kind", "MONTHLY"), "modes", List.of("HOME_VISIT"), "programId", program)), 201);
            expect(post(CARE + "/elders/" + elder + "/plan/items", worker, Map.of("serviceItem", "DAILY_GREETING",
                    "cadence", Map.of("kind", "DAILY"), "modes", List.of("PHONE", "HOME_VISIT"),
                    "programId", program)), 201);
            List<Object> plan = expect(get(CARE + "/elders/" + elder + "/plan", worker), 200).jsonArray();
            assertThat(plan).hasSize(2);
        }

        // the 玉溪 loop's home visits (supplies + health + safety + companionship) and a call
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        Map<String, Object> visitZhang = expect(post(CARE + "/elders/" + elders.get(0) + "/visits", worker,
                homeVisit(now.minusHours(3), 162, 95)), 201).json();
        Map<String, Object> visitLi = expect(post(CARE + "/elders/" + elders.get(1) + "/visits", worker,
                homeVisit(now.minusHours(2), 128, 80)), 201).json();
        Map<String, Object> call = expect(post(CARE + "/elders/" + elders.get(0) + "/visits", worker, Map.of(
                "mode", "PHONE", "programId", program, "startedAt", now.minusHours(1).toString(),
                "durationMinutes", 8, "note", "电话问候，已按时服药")), 201).json();
        visits.add((String) visitZhang.get("id"));
        visits.add((String) visitLi.get("id"));
        visits.add((String) call.get("id"));
        assertThat(visitZhang).containsEntry("status", "RECORDED").containsEntry("readingsTaken", 2L)
                .containsEntry("readingsOutOfRange", 1L).containsEntry("medicinesChecked", 1L)
                .containsEntry("suppliesSignedBy", "张桂兰").containsEntry("programId", program);
        // the first home visit places the home; nothing looks wrong with where the worker was
        assertThat(visitZhang.get("locationFlags")).isEqualTo(List.of("HOME_SET_FROM_CHECK_IN"));
        assertThat((List<?>) visitZhang.get("services")).hasSize(4);
        assertThat(visitZhang.get("concerns").toString()).contains("HAZARD", "插线板老化");
        assertThat(visitLi).containsEntry("readingsOutOfRange", 0L);
        // readings are health data: counts only, never the values (162/95 was taken)
        assertThat(visitZhang).doesNotContainKeys("readings", "medicines");
        assertThat(visitZhang.toString()).doesNotContain("systolic", "diastolic", "162/95", "阿司匹林");
        assertThat(call.get("services").toString()).contains("DAILY_GREETING");

        // a photo of the visit, kept with its hash
        byte[] photo = png();
        Map<String, Object> evidence = expect(Http.upload(gateway + CARE + "/visits/" + visits.get(0)
                + "/evidence", tokens.of(worker), "visit.png", "image/png", photo), 201).json();
        evidenceSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
        assertThat(evidence).containsEntry("sha256", evidenceSha256).containsEntry("contentType", "image/png");

        // the hazard becomes an alert: nobody on duty at the grid or the community, so it reaches the street at once
        Map<String, Object> raised = expect(post(CARE + "/alerts", worker, Map.of("elderId", elders.get(0),
                "kind", "HAZARD", "description", "插线板老化、电线裸露，有触电危险")), 201).json();
        alert = (String) raised.get("id");
        assertThat(raised).containsEntry("level", "STREET").containsEntry("status", "OPEN")
                .containsEntry("streetCode", STREET).containsEntry("gridCode", GRID);
        List<Object> timeline = (List<Object>) expect(get(CARE + "/alerts/" + alert, worker), 200).json()
                .get("timeline");
        List<String> steps = timeline.stream().map(e -> ((Map<?, ?>) e).get("kind") + " " + ((Map<?, ?>) e)
                .get("level")).toList();
        assertThat(steps).containsSubsequence("RAISED GRID", "NO_DUTY GRID", "NO_DUTY COMMUNITY", "NOTIFIED STREET");
        Map<String, Object> inbox = expect(get(CARE + "/notifications/mine", "hongta-bureau-admin"), 200).json();
        assertThat(inbox.get("items").toString()).contains(alert);

        // received means handled: the street's duty acknowledges, the worker acts, resolves and follows up
        expect(post(CARE + "/alerts/" + alert + "/acknowledge", "hongta-bureau-admin", Map.of("note", "已接报")), 200);
        expect(post(CARE + "/alerts/" + alert + "/act", worker, Map.of("note", "已联系社区电工上门")), 200);
        expect(post(CARE + "/alerts/" + alert + "/resolve", worker, Map.of("resolution", "更换插线板，线路已检修")), 200);
        Map<String, Object> closed = expect(post(CARE + "/alerts/" + alert + "/follow-up", worker, Map.of(
                "visitedAt", Instant.now().toString(), "mode", "PHONE", "note", "回访：用电正常")), 200).json();
        assertThat(closed).containsEntry("status", "CLOSED").containsEntry("acknowledgedLevel", "STREET");
        assertThat(closed.get("secondsToAcknowledge")).isNotNull();
        assertThat(closed.get("secondsToResolve")).isNotNull();
    }

    // ---- 3. the supervisor --------------------------------------------------------------------------------

    @Test
    @Order(3)
    void supervisorVerifiesTheVisits() throws Exception {
        // the contractor's manager is its supervisor (督导); the bureau may verify too, the worker never
        refused(post(CARE + "/visits/" + visits.get(0) + "/verify", "nuanyang-worker", Map.of()), 403,
                "access-denied");
        String supervisor = (String) Tokens.payload(tokens.of("nuanyang-manager")).get("sub");
        for (String visit : visits) {
            Map<String, Object> verified = expect(post(CARE + "/visits/" + visit + "/verify", "nuanyang-manager",
                    Map.of("note", "记录完整，核实无误")), 200).json();
            assertThat(verified).containsEntry("status", "VERIFIED").containsEntry("reviewedBy", supervisor);
        }
        refused(post(CARE + "/visits/" + visits.get(1) + "/verify", "yuxi-bureau-admin", Map.of()), 409,
                "visit-already-reviewed");
        // the district bureau's admin created the worker's account: the worker's visits count as its own
        refused(post(CARE + "/visits/" + visits.get(1) + "/verify", "hongta-bureau-admin", Map.of()), 403,
                "review-own-visit");
        // a verified visit is fixed, its photos too
        refused(Http.upload(gateway + CARE + "/visits/" + visits.get(0) + "/evidence", tokens.of("nuanyang-worker"),
                "late.png", "image/png", png()), 409, "evidence-visit-reviewed");
        Map<String, Object> queue = expect(get(CARE + "/visits?status=RECORDED", "nuanyang-manager"), 200).json();
        assertThat(queue).containsEntry("total", 0L);
    }

    // ---- 4. the contractor's claim ------------------------------------------------------------------------

    @Test
    @Order(4)
    void contractorManagerOpensAndSubmitsAClaimForTheVerifiedVisits() throws Exception {
        // before a claim: the district's fund, its budget line, and a contract drafted by the bureau, signed by finance
        allocation = id(expect(money(BILLING + "/allocations", "hongta-finance-officer", Map.of(
                "source", "MUNICIPAL_LOTTERY", "fiscalYear", today.getYear(), "documentNumber", "玉民发〔2026〕12号",
                "purpose", "温暖玉溪·呵护夕阳：红塔区经济困难老年人关爱服务", "amount", yuan(ALLOCATED))), 201));
        String line = id(expect(money(BILLING + "/allocations/" + allocation + "/lines", "hongta-finance-officer",
                Map.of("phase", 1, "districtCode", HONGTA, "name", "一期 红塔区", "amount", yuan(LINE))), 201));
        contract = id(expect(post(BILLING + "/contracts", "hongta-bureau-admin", contractDraft()), 201));
        Map<String, Object> signed = expect(money(BILLING + "/contracts/" + contract + "/sign",
                "hongta-finance-officer", Map.of("signedOn", termStart.toString(), "commitments",
                        List.of(Map.of("lineId", line, "amount", yuan(CONTRACT_VALUE))))), 200).json();
        assertThat(signed).containsEntry("status", "SIGNED");

        String manager = "nuanyang-manager";
        Map<String, Object> opened = expect(post(BILLING + "/contracts/" + contract + "/claims", manager,
                Map.of("from", termStart.toString(), "to", today.toString())), 201).json();
        claim = (String) opened.get("id");
        // two warm packs at 300.00 and two health checks at 50.00; the visits, safety checks and the call have no
        // price in this contract
        assertThat(opened).containsEntry("status", "DRAFT").containsEntry("claimedAmount", "700.00")
                .containsEntry("includedLines", 4L).containsEntry("excludedLines", 5L)
                .containsEntry("contractorId", contractor);
        assertThat(((List<?>) opened.get("byExclusion")).stream().map(e -> (Map<?, ?>) e)
                .map(e -> e.get("exclusion") + " " + e.get("lines"))).containsExactly("INCLUDED 4", "NOT_PRICED 5");
        Map<String, Object> lines = expect(get(BILLING + "/claims/" + claim + "/lines?included=true", manager), 200)
                .json();
        assertThat(lines.get("items").toString()).contains("WARM_PACK", "HEALTH_CHECK").doesNotContain("HOME_VISIT");

        Map<String, Object> submitted = expect(post(BILLING + "/claims/" + claim + "/submit", manager, Map.of()), 200)
                .json();
        assertThat(submitted).containsEntry("status", "SUBMITTED").containsEntry("claimedAmount", "700.00");
        // the claimant never decides
        refused(money(BILLING + "/claims/" + claim + "/approve", manager, Map.of()), 403, "access-denied");
    }

    // ---- 5. finance ---------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void financeOfficerApprovesTheClaimAndTheExecutionRateMovesByWhatWasPaid() throws Exception {
        String finance = "hongta-finance-officer";
        Map<?, ?> before = allocationRow(finance);
        assertThat(before.get("drawn")).isEqualTo("0.00");

        String key = "approve-" + claim;
        Http.Response decision = expect(money(BILLING + "/claims/" + claim + "/approve", finance,
                Map.of("note", "核实无误，同意支付"), key), 200);
        Map<String, Object> approvedClaim = decision.json();
        String financeSubject = (String) Tokens.payload(tokens.of(finance)).get("sub");
        assertThat(approvedClaim).containsEntry("status", "APPROVED").containsEntry("decidedBy", financeSubject)
                .containsEntry("paymentDueOn", today.plusDays(30).toString());
        assertThat(approvedClaim.get("openedBy")).isNotEqualTo(financeSubject);
        assertThat(approvedClaim.get("submittedBy")).isNotEqualTo(financeSubject);
        approved = new BigDecimal((String) approvedClaim.get("approvedAmount"));
        held = new BigDecimal((String) approvedClaim.get("holdbackAmount"));
        assertThat(approved).isEqualByComparingTo("700.00");
        // 10 % held back until the performance evaluation, rounded half up to the fen
        assertThat(held).isEqualTo(approved.multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.HALF_UP));

        // 执行率 = drawn ÷ allocated; what is held back is not drawn until it is released
        BigDecimal paid = approved.subtract(held);
        Map<?, ?> after = allocationRow(finance);
        BigDecimal drawnBefore = new BigDecimal((String) before.get("drawn"));
        BigDecimal drawnAfter = new BigDecimal((String) after.get("drawn"));
        assertThat(drawnAfter.subtract(drawnBefore)).isEqualTo(paid);
        assertThat(after.get("held")).isEqualTo(yuan(held));
        assertThat(after.get("allocated")).isEqualTo(yuan(ALLOCATED));
        BigDecimal rateBefore = new BigDecimal((String) before.get("executionRate"));
        BigDecimal rateAfter = new BigDecimal((String) after.get("executionRate"));
        assertThat(rateAfter.subtract(rateBefore))
                .isEqualTo(paid.divide(ALLOCATED, 4, RoundingMode.HALF_UP))
                .isEqualByComparingTo(new BigDecimal("0.0063"));
        assertThat(rateAfter).isEqualTo(drawnAfter.divide(ALLOCATED, 4, RoundingMode.HALF_UP));

        // the same request again is answered from its first outcome: nothing moves twice
        Http.Response replay = expect(money(BILLING + "/claims/" + claim + "/approve", finance,
                Map.of("note", "核实无误，同意支付"), key), 200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(allocationRow(finance)).isEqualTo(after);
        Map<String, Object> reconciliation = expect(get(BILLING + "/journal/reconciliation", finance), 200).json();
        assertThat(reconciliation).containsEntry("balanced", true);

        // the city sees its district's drawdown in its roll-up; the contractor's manager its payment
        Map<String, Object> rollup = expect(get("/api/billing/v1/tenants/" + CITY + "/reports/city-rollup?fiscalYear="
                + today.getYear(), "yuxi-finance-officer"), 200).json();
        Map<?, ?> hongtaRow = ((List<?>) rollup.get("districts")).stream().map(r -> (Map<?, ?>) r)
                .filter(r -> HONGTA.equals(r.get("districtCode"))).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) hongtaRow.get("own")).get("drawn")).isEqualTo(yuan(paid));
        List<Object> payments = expect(get(BILLING + "/reports/contractors/" + contractor + "/payments",
                "nuanyang-manager"), 200).jsonArray();
        assertThat(payments).hasSize(1);
        assertThat(payments.toString()).contains(claim, "700.00");
    }

    // ---- 6. the auditors ----------------------------------------------------------------------------------

    @Test
    @Order(6)
    void auditorsReadEverythingInScopeAndCanChangeNothing() throws Exception {
        for (String auditor : List.of("yuxi-auditor", "hongta-auditor")) {
            Map<String, Object> found = expect(get(CARE + "/elders", auditor), 200).json();
            assertThat(found).as(auditor).containsEntry("total", 2L);
            assertThat(found.get("items").toString()).contains(elders.get(0), elders.get(1));
            assertThat(expect(get(CARE + "/elders/" + elders.get(0) + "/assessments", auditor), 200).body())
                    .contains("\"finalLevel\":2");
            Map<String, Object> verified = expect(get(CARE + "/visits?status=VERIFIED", auditor), 200).json();
            assertThat(verified).as(auditor).containsEntry("total", 3L);
            assertThat(expect(get(CARE + "/concerns?kind=HAZARD", auditor), 200).body()).contains("插线板老化");
            assertThat(expect(get(CARE + "/alerts/" + alert, auditor), 200).json().get("alert").toString())
                    .contains("status=CLOSED");
            assertThat(expect(get(CARE + "/visits/" + visits.get(0) + "/evidence", auditor), 200).body())
                    .contains(evidenceSha256);
            assertThat(expect(get(BILLING + "/claims/" + claim, auditor), 200).json())
                    .containsEntry("status", "APPROVED").containsEntry("approvedAmount", yuan(approved));
            assertThat(allocationRow(auditor).get("drawn")).isEqualTo(yuan(approved.subtract(held)));
            Map<String, Object> journal = expect(get(BILLING + "/journal?claimId=" + claim, auditor), 200).json();
            assertThat(journal.get("items").toString()).contains("DRAWDOWN", "HOLDBACK");
            assertThat(expect(get(BILLING + "/contracts/" + contract, auditor), 200).json())
                    .containsEntry("status", "SIGNED");
            assertThat(expect(get(TENANTS + "/" + HONGTA + "/areas", auditor), 200).body()).contains(GRID);
        }

        Snapshot before = snapshot();
        Map<String, Object> elder = expect(get(CARE + "/elders/" + elders.get(0), "hongta-auditor"), 200).json();
        for (String auditor : List.of("yuxi-auditor", "hongta-auditor")) {
            List<Http.Response> writes = List.of(
                    post(TENANTS + "/" + HONGTA + "/streets", auditor, Map.of("code", "530402002", "name", "春和街道")),
                    post(TENANTS + "/" + HONGTA + "/engagements", auditor, Map.of("contractorId", contractor,
                            "programOwner", CITY, "programId", program, "startDate", today.toString())),
                    post("/api/tenants/v1/contractors", auditor, Map.of("uscc", USCC, "name", "冒名机构",
                            "legalRepresentative", "某某")),
                    post(TENANTS + "/" + HONGTA + "/suspend", auditor, null),
                    post(CARE + "/elders", auditor, elder("王秀英", anElder("王秀英", LocalDate.of(1944, 1, 9), false),
                            "GENERAL", List.of("EMPTY_NEST"))),
                    send("PUT", CARE + "/elders/" + elders.get(0), auditor, elder("张桂兰（改）", "x", "GENERAL",
                            List.of("EMPTY_NEST")), Map.of()),
                    post(CARE + "/elders/" + elders.get(0) + "/assessments", auditor, assessment(90, List.of())),
                    post(CARE + "/visits/" + visits.get(0) + "/reject", auditor, Map.of("note", "退回")),
                    post(CARE + "/alerts", auditor, Map.of("elderId", elders.get(0), "kind", "OTHER")),
                    money(BILLING + "/allocations", auditor, Map.of("source", "MUNICIPAL_LOTTERY", "fiscalYear",
                            today.getYear(), "documentNumber", "审计", "purpose", "审计", "amount", "1.00")),
                    money(BILLING + "/claims/" + claim + "/reject", auditor, Map.of("note", "审计退回")),
                    post(BILLING + "/claims/" + claim + "/payment", auditor, Map.of("paidOn", today.toString(),
                            "reference", "AUDIT-1")),
                    money(BILLING + "/contracts/" + contract + "/close", auditor, Map.of()));
            for (Http.Response write : writes) {
                refused(write, 403, "access-denied");
            }
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(expect(get(CARE + "/elders/" + elders.get(0), "hongta-auditor"), 200).json())
                .containsEntry("version", elder.get("version")).containsEntry("name", "张桂兰");
    }

    // ---- 7. another city ----------------------------------------------------------------------------------

    @Test
    @Order(7)
    void anotherCitySeesNoneOfIt() throws Exception {
        onboard("platform-admin", OTHER_CITY, "曲靖市");
        Map<?, ?> qujingAuditor = (Map<?, ?>) expect(post(TENANTS + "/" + OTHER_CITY + "/users", "platform-admin",
                user("qujing-auditor", "auditor", "赵", "云")), 201).json().get("user");
        tokens.setPermanentPassword((String) qujingAuditor.get("id"));
        String qujing = "qujing-auditor";
        List<String> yuxiPaths = List.of(TENANTS + "/" + CITY, TENANTS + "/" + HONGTA + "/areas",
                TENANTS + "/" + CITY + "/programs", CARE + "/elders", CARE + "/elders/" + elders.get(0),
                CARE + "/visits/" + visits.get(0), CARE + "/alerts/" + alert,
                BILLING + "/claims/" + claim, BILLING + "/journal", "/api/billing/v1/tenants/" + CITY
                        + "/reports/execution");
        for (String path : yuxiPaths) {
            Http.Response r = get(path, qujing);
            assertThat(r.status()).as(path + " " + r.brief()).isIn(403, 404);
            if (r.status() == 403) {
                assertThat(r.code()).as(path).isEqualTo("tenant-out-of-scope");
            }
        }
        // 玉溪's ids under 曲靖's own tenant: nothing there
        refused(get("/api/care/v1/tenants/" + OTHER_CITY + "/visits/" + visits.get(0), qujing), 404,
                "visit-not-found");
        refused(get("/api/billing/v1/tenants/" + OTHER_CITY + "/claims/" + claim, qujing), 404, "claim-not-found");

        // its own lists are empty
        List<Object> tenants = expect(get(TENANTS, qujing), 200).jsonArray();
        List<String> codes = tenants.stream().map(t -> String.valueOf(((Map<?, ?>) t).get("code"))).toList();
        assertThat(codes).contains(OTHER_CITY).doesNotContain(CITY, HONGTA, TONGHAI);
        String own = "/api/care/v1/tenants/" + OTHER_CITY;
        String ownBilling = "/api/billing/v1/tenants/" + OTHER_CITY;
        for (String path : List.of(own + "/elders", own + "/visits", own + "/alerts", ownBilling + "/claims",
                ownBilling + "/allocations", ownBilling + "/journal")) {
            assertThat(expect(get(path, qujing), 200).json()).as(path).containsEntry("total", 0L);
        }
        Map<String, Object> execution = expect(get(ownBilling + "/reports/execution", qujing), 200).json();
        assertThat((List<?>) execution.get("allocations")).isEmpty();
        assertThat(((Map<?, ?>) execution.get("total")).get("drawn")).isEqualTo("0.00");
    }

    // ---- what the stories read and write --------------------------------------------------------------------

    /** What the auditors must leave as it was: counts and states across the three services. */
    record Snapshot(Object streets, Object engagements, Object elders, Object visits, Object alerts, Object claim,
            Object allocations, Object execution, Object journal) {
    }

    Snapshot snapshot() throws Exception {
        String reader = "hongta-finance-officer";
        return new Snapshot(expect(get(TENANTS + "/" + HONGTA + "/streets", "hongta-bureau-admin"), 200).body(),
                expect(get(TENANTS + "/" + HONGTA + "/engagements", "hongta-bureau-admin"), 200).body(),
                expect(get(CARE + "/elders", "hongta-bureau-admin"), 200).json().get("total"),
                expect(get(CARE + "/visits", "hongta-bureau-admin"), 200).body(),
                expect(get(CARE + "/alerts", "hongta-bureau-admin"), 200).body(),
                expect(get(BILLING + "/claims/" + claim, reader), 200).body(),
                expect(get(BILLING + "/allocations", reader), 200).json().get("total"),
                allocationRow(reader),
                expect(get(BILLING + "/journal", reader), 200).json().get("total"));
    }

    /** The money of this story's allocation in the district's execution report. */
    Map<?, ?> allocationRow(String user) throws Exception {
        Map<String, Object> report = expect(get(BILLING + "/reports/execution?fiscalYear=" + today.getYear(), user),
                200).json();
        return ((List<?>) report.get("allocations")).stream().map(a -> (Map<?, ?>) a)
                .filter(a -> allocation.equals(a.get("id"))).map(a -> (Map<?, ?>) a.get("money")).findFirst()
                .orElseThrow(() -> new AssertionError("allocation not in the report: " + report));
    }

    void onboard(String user, String code, String name) throws Exception {
        Http.Response r = post(TENANTS, user, Map.of("code", code, "name", name));
        assertThat(r.status()).as(r.brief()).isIn(200, 202);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Http.Response t = get(TENANTS + "/" + code, user);
            if (t.status() == 200 && "ACTIVE".equals(t.json().get("status"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("tenant " + code + " did not become active");
    }

    void staff(String bureau, String tenant, String username, String role, String lastName, String firstName)
            throws Exception {
        Map<String, Object> created = expect(post(TENANTS + "/" + tenant + "/users", bureau,
                user(username, role, lastName, firstName)), 201).json();
        Map<?, ?> view = (Map<?, ?>) created.get("user");
        tokens.setPermanentPassword((String) view.get("id"));
        assertThat(view.get("tenant")).isEqualTo(tenant);
        assertThat(view.get("contractorId")).isEqualTo(contractor);
        assertThat(view.get("roles").toString()).contains(role);
    }

    Map<String, Object> user(String username, String role, String lastName, String firstName) {
        // the product gives a temporary password; the story then sets the user's own (Tokens)
        Map<String, Object> u = new LinkedHashMap<>(Map.of("username", username, "role", role, "lastName", lastName,
                "firstName", firstName));
        if (role.equals("contractor-manager") || role.equals("care-worker")) {
            u.put("contractorId", contractor);
        }
        return u;
    }

    /** A resident ID number of 红塔区 (GB 11643-1999, with its check character). */
    static String anElder(String name, LocalDate born, boolean male) {
        int sequence = Math.floorMod(name.hashCode(), 400) * 2 + (male ? 1 : 0);
        String first17 = HONGTA + born.toString().replace("-", "") + String.format("%03d", sequence);
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    static Map<String, Object> elder(String name, String idNumber, String risk, List<String> categories) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("idNumber", idNumber);
        e.put("phone", "13987700001");
        e.put("gridCode", GRID);
        e.put("address", "北苑路12号3栋2单元401室");
        e.put("categories", categories);
        e.put("riskTier", risk);
        e.put("emergencyContacts", List.of(Map.of("name", "李建国", "phone", "13987700002", "relation", "儿子")));
        e.put("consentGiven", true);
        e.put("consentOn", LocalDate.now(CHINA).minusDays(12).toString());
        e.put("consentBy", "本人");
        return e;
    }

    /** The 26 items of GB/T 42195-2022 in the standard's order, with their maxima. */
    static final String[][] ITEMS = { { "EATING", "4" }, { "GROOMING", "4" }, { "BATHING", "4" },
            { "DRESSING_UPPER", "4" }, { "DRESSING_LOWER", "4" }, { "URINE_CONTROL", "4" },
            { "BOWEL_CONTROL", "4" }, { "TOILETING", "4" }, { "BED_POSITION_CHANGE", "4" },
            { "BED_CHAIR_TRANSFER", "4" }, { "WALKING_ON_LEVEL", "4" }, { "STAIRS", "3" },
            { "TIME_ORIENTATION", "4" }, { "PLACE_ORIENTATION", "4" }, { "PERSON_ORIENTATION", "4" },
            { "MEMORY", "4" }, { "COMPREHENSION", "4" }, { "EXPRESSION", "4" }, { "AGGRESSIVE_BEHAVIOUR", "1" },
            { "DEPRESSIVE_SYMPTOMS", "1" }, { "CONSCIOUSNESS", "2" }, { "VISION", "2" }, { "HEARING", "2" },
            { "DAILY_AFFAIRS", "4" }, { "USING_TRANSPORT", "3" }, { "SOCIAL_INTERACTION", "4" } };

    /** A periodic assessment today by two certified assessors, the items adding up to {@code total}. */
    Map<String, Object> assessment(int total, List<Map<String, Object>> diagnoses) {
        Map<String, Object> items = new LinkedHashMap<>();
        int left = total;
        for (String[] item : ITEMS) {
            int score = Math.min(Integer.parseInt(item[1]), left);
            items.put(item[0], score);
            left -= score;
        }
        return Map.of("assessedOn", today.toString(), "reason", "PERIODIC", "items", items, "diagnoses", diagnoses,
                "riskEvents", List.of(), "location", "老人家中", "assessors", List.of(
                        Map.of("name", "张敏", "certificateNumber", "PG-2024-0012"),
                        Map.of("name", "刘洋", "certificateNumber", "PG-2024-0031")));
    }

    /** A home visit of the program: health check with two readings, safety check with a hazard, the warm pack. */
    Map<String, Object> homeVisit(OffsetDateTime start, int systolic, int diastolic) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("mode", "HOME_VISIT");
        v.put("programId", program);
        v.put("startedAt", start.toString());
        v.put("endedAt", start.plusMinutes(50).toString());
        v.put("checkIn", Map.of("at", start.toString(), "latitude", HOME_LAT, "longitude", HOME_LNG));
        v.put("checkOut", Map.of("at", start.plusMinutes(50).toString(), "latitude", HOME_LAT, "longitude", HOME_LNG));
        v.put("setHomeFromCheckIn", true);
        v.put("services", List.of(Map.of("item", "HOME_VISIT"), Map.of("item", "HEALTH_CHECK"),
                Map.of("item", "SAFETY_CHECK"), Map.of("item", "WARM_PACK", "quantity", 1)));
        v.put("readings", List.of(Map.of("kind", "BLOOD_PRESSURE", "systolic", systolic, "diastolic", diastolic),
                Map.of("kind", "TEMPERATURE", "value", 36.6)));
        v.put("medicines", List.of(Map.of("name", "阿司匹林肠溶片", "expiresOn", "2030-01-01", "guidance", "饭后服用")));
        v.put("safetyChecked", List.of("ELECTRICITY", "GAS", "ANTI_SLIP"));
        if (systolic >= 140) {
            v.put("hazards", List.of(Map.of("category", "ELECTRICITY", "description", "插线板老化、电线裸露",
                    "advice", "更换插线板，请社区电工检修")));
        }
        v.put("supplies", List.of(Map.of("item", "羽绒背心", "quantity", 1), Map.of("item", "保暖内衣", "quantity", 1),
                Map.of("item", "袜子", "quantity", 2)));
        v.put("suppliesSignOff", Map.of("signedBy", systolic >= 140 ? "张桂兰" : "李国富",
                "signedAt", start.plusMinutes(40).toString()));
        v.put("companionship", "聊天、读报，拍摄合影");
        return v;
    }

    /** A 询比采购 contract for 红塔区 from {@link #termStart} for a year: the warm pack at 300, health checks at 50. */
    Map<String, Object> contractDraft() {
        return new ContractDraft("YX-HT-" + today.getYear() + "-001", "温暖玉溪·呵护夕阳 红塔区一期服务", contractor,
                program, CITY, List.of(HONGTA), CONTRACT_VALUE, termStart, "温暖玉溪·呵护夕阳项目服务采购", List.of(
                        new ContractDraft.Quote("玉溪市暖阳社会工作服务中心", USCC, CONTRACT_VALUE, "91.50", true),
                        new ContractDraft.Quote("玉溪市夕阳红养老服务中心", "52530400MJ0000001A", CONTRACT_VALUE, "85.00",
                                false),
                        new ContractDraft.Quote("云南康乐社工服务社", "52530000MJ0000002B", CONTRACT_VALUE, "85.00", false)),
                prices()).body();
    }

    static Map<String, String> prices() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("WARM_PACK", "300.00");
        p.put("HEALTH_CHECK", "50.00");
        return p;
    }

    /** The smallest PNG: its signature and an empty image header are what the store checks. */
    static byte[] png() {
        return HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                + "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e221bc330000000049454e44ae426082");
    }

    static String yuan(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    // ---- HTTP as the personas -------------------------------------------------------------------------------

    Http.Response get(String path, String user) throws Exception {
        return send("GET", path, user, null, Map.of());
    }

    Http.Response post(String path, String user, Map<String, ?> body) throws Exception {
        return send("POST", path, user, body, Map.of());
    }

    /** A request that moves money, with a fresh idempotency key. */
    Http.Response money(String path, String user, Map<String, ?> body) throws Exception {
        return money(path, user, body, UUID.randomUUID().toString());
    }

    Http.Response money(String path, String user, Map<String, ?> body, String key) throws Exception {
        return send("POST", path, user, body, Map.of("Idempotency-Key", key));
    }

    /** Through the gateway with the user's token; a rate-limited call waits as it is told and tries again. */
    Http.Response send(String method, String path, String user, Map<String, ?> body, Map<String, String> headers)
            throws Exception {
        String json = body == null ? null : Http.json(body);
        for (int attempt = 0;; attempt++) {
            Http.Response r = Http.send(method, gateway + path, tokens.of(user), json, headers);
            if (r.status() != 429 || attempt == 5) {
                return r;
            }
            Thread.sleep(Long.parseLong(r.header("Retry-After")) * 1000);
        }
    }

    static Http.Response expect(Http.Response r, int status) {
        assertThat(r.status()).as(r.brief()).isEqualTo(status);
        return r;
    }

    static void refused(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.brief()).isEqualTo(status);
        assertThat(r.code()).as(r.brief()).isEqualTo(code);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    static String id(Http.Response r) {
        return String.valueOf(r.json().get("id"));
    }
}
