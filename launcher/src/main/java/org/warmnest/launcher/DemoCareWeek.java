package org.warmnest.launcher;

import static org.warmnest.launcher.DemoData.expect;
import static org.warmnest.launcher.DemoData.id;
import static org.warmnest.launcher.DemoData.listItems;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.warmnest.synthetic.SyntheticElders;

/**
 * The first week of the program's care in the four districts, done by the people who do it, each district at
 * the same time: the bureau adopts the four-part loop (物资+评估+健康+陪伴) as its plan template and sets its alert
 * duty roster; the care worker imports the district's phase-1 elders from the bureau's spreadsheet, assesses each
 * (GB/T 42195), enrols them in the program, plans their care from the template and pays each a home visit in the
 * week — the warm pack signed for, blood pressure and glucose, medicines checked, the home safety check with the
 * hazards found, companionship; the contractor's supervisor verifies the visits (and sends one back). In 红塔区 a
 * fall is reported in a grid with no one on duty, so the alert climbs to the community at once.
 */
final class DemoCareWeek {

    static final String TEMPLATE_PRESET = "four-part-loop";
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final DemoData demo;
    private final DemoCalendar calendar;
    private final String program;
    private final PrintStream out;
    private final ApiClient supervisor;

    DemoCareWeek(DemoData demo, DemoCalendar calendar, String program, PrintStream out) {
        this.demo = demo;
        this.calendar = calendar;
        this.program = program;
        this.out = out;
        this.supervisor = demo.as(DemoData.CONTRACTOR_MANAGER);
    }

    void run() throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(DemoData.DISTRICTS.size());
        try {
            List<Future<String>> done = new ArrayList<>();
            for (DemoDistrict district : DemoData.DISTRICTS) {
                done.add(pool.submit(() -> district(district)));
            }
            for (Future<String> f : done) {
                out.println(f.get());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One district's week; says what it did in one line. */
    private String district(DemoDistrict district) throws IOException, InterruptedException {
        ApiClient bureau = demo.as(district.bureauAdmin());
        ApiClient worker = demo.as(district.careWorker());
        String care = district.apiBase("care");
        String template = template(bureau, care);
        duties(bureau, care, district);
        importElders(worker, care, district);
        if (!listItems(worker.get(care + "/visits?size=1")).isEmpty()) {
            return "  " + district.name() + ": the week of care is there already";
        }
        List<Map<?, ?>> elders = elders(worker, care);
        SplittableRandom random = new SplittableRandom(Long.parseLong(district.code()));
        List<String> visits = new ArrayList<>();
        int hazards = 0;
        for (int i = 0; i < elders.size(); i++) {
            Map<?, ?> elder = elders.get(i);
            String elderId = String.valueOf(elder.get("id"));
            String base = care + "/elders/" + elderId;
            OffsetDateTime start = OffsetDateTime.of(calendar.weekFrom().plusDays(i % 7),
                    LocalTime.of(8, 30).plusMinutes(25L * (i / 7)), CHINA);
            if (elder.get("lastAssessedOn") == null) {
                expect(worker.post(base + "/assessments", assessment(start.toLocalDate(), random)), 201);
            }
            ApiClient.Response enrolled = worker.post(base + "/programs", Map.of("programId", program,
                    "enrolledOn", calendar.termStart().toString()));
            if (enrolled.status() != 201 && !(enrolled.status() == 409 && enrolled.body().contains("already-enrolled"))) {
                expect(enrolled, 201);
            }
            expect(worker.post(base + "/plan/from-template", Map.of("templateId", template,
                    "activeFrom", start.toLocalDate().toString(), "programId", program)), 200);
            Map<String, Object> visit = visit(district, elder, start, random);
            visit.put("programId", program);
            hazards += ((List<?>) visit.get("hazards")).size();
            visits.add(id(expect(worker.post(base + "/visits", visit), 201)));
        }
        int sentBack = 0;
        for (int i = 0; i < visits.size(); i++) {
            String path = care + "/visits/" + visits.get(i);
            if (district.prefix().equals("hongta") && i == 3) {
                expect(supervisor.post(path + "/reject", Map.of("note", "暖心包签收人与档案不符，请核实后更正")), 200);
                sentBack++;
            } else {
                expect(supervisor.post(path + "/verify", Map.of("note", "资料齐全")), 200);
            }
        }
        String alert = district.prefix().equals("hongta") ? alert(worker, care, district, elders) : "";
        return String.format("  %s: %d elders assessed, enrolled and planned; %d home visits (%d verified, %d sent"
                + " back), %d hazards found%s", district.name(), elders.size(), visits.size(),
                visits.size() - sentBack, sentBack, hazards, alert);
    }

    /** The bureau's plan template: the program's preset, adopted once. */
    private String template(ApiClient bureau, String care) throws IOException, InterruptedException {
        Map<?, ?> preset = null;
        for (Object p : expect(bureau.get(care + "/plan-templates/presets"), 200).jsonArray()) {
            if (TEMPLATE_PRESET.equals(((Map<?, ?>) p).get("code"))) {
                preset = (Map<?, ?>) p;
            }
        }
        if (preset == null) {
            throw new IllegalStateException("care-service has no preset " + TEMPLATE_PRESET);
        }
        for (Object t : expect(bureau.get(care + "/plan-templates"), 200).jsonArray()) {
            if (preset.get("name").equals(((Map<?, ?>) t).get("name"))) {
                return String.valueOf(((Map<?, ?>) t).get("id"));
            }
        }
        return id(expect(bureau.post(care + "/plan-templates", Map.of("name", preset.get("name"), "programId",
                program, "description", preset.get("description"), "rules", preset.get("rules"))), 201));
    }

    /**
     * The alert duty roster: the first grid of each community (its grid leader), each community, the street and the
     * district bureau. The second grids have no one on duty, so an alert there goes to its community at once.
     */
    private void duties(ApiClient bureau, String care, DemoDistrict district) throws IOException, InterruptedException {
        if (!expect(bureau.get(care + "/alerts/duties"), 200).jsonArray().isEmpty()) {
            return;
        }
        String phone = "138877" + district.code().substring(3);
        for (int c = 0; c < district.communityNames().size(); c++) {
            duty(bureau, care, "GRID", district.grids().get(2 * c).code(), district.gridLeaders().get(2 * c),
                    phone + c + "1");
            duty(bureau, care, "COMMUNITY", district.communityCode(c), district.communityNames().get(c) + "值班室",
                    phone + c + "2");
        }
        duty(bureau, care, "STREET", district.streetCode(), district.streetName() + "民政办", phone + "31");
        duty(bureau, care, "DISTRICT", null, district.name() + "民政局值班室", phone + "41");
    }

    private static void duty(ApiClient bureau, String care, String level, String area, String name, String phone)
            throws IOException, InterruptedException {
        Map<String, Object> body = new HashMap<>(Map.of("level", level, "name", name, "phone", phone));
        if (area != null) {
            body.put("areaCode", area);
        }
        expect(bureau.post(care + "/alerts/duties", body), 201);
    }

    /** The district's phase-1 elders, from the bureau's spreadsheet, imported by the care worker once. */
    private void importElders(ApiClient worker, String care, DemoDistrict district)
            throws IOException, InterruptedException {
        if (!listItems(worker.get(care + "/elders?size=1")).isEmpty()) {
            return;
        }
        var elders = new SyntheticElders(Long.parseLong(district.code()), district.code(), calendar.today(),
                district.grids()).generate(district.elders());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SyntheticElders.writeXlsx(elders, file);
        expect(worker.postFile(care + "/elders/import", district.prefix() + "-elders.xlsx", file.toByteArray()), 200);
    }

    private static List<Map<?, ?>> elders(ApiClient worker, String care) throws IOException, InterruptedException {
        List<Map<?, ?>> all = new ArrayList<>();
        for (int page = 0;; page++) {
            List<Object> items = listItems(worker.get(care + "/elders?sort=NAME&size=200&page=" + page));
            items.forEach(e -> all.add((Map<?, ?>) e));
            if (items.size() < 200) {
                return all;
            }
        }
    }

    /** An ability assessment by two certified assessors in the elder's home, on the day of the visit. */
    static Map<String, Object> assessment(LocalDate on, SplittableRandom random) {
        // Most phase-1 elders manage on their own; a few need a great deal of help.
        int total = random.nextInt(100) < 70 ? 70 + random.nextInt(21) : 25 + random.nextInt(45);
        Map<String, Integer> items = new LinkedHashMap<>();
        int left = total;
        for (String[] item : ABILITY_ITEMS) {
            int score = Math.min(Integer.parseInt(item[1]), left);
            items.put(item[0], score);
            left -= score;
        }
        return Map.of("assessedOn", on.toString(), "reason", "INITIAL", "items", items, "location", "老人家中",
                "assessors", List.of(Map.of("name", "张敏", "certificateNumber", "YXPG-2025-0012"),
                        Map.of("name", "刘洋", "certificateNumber", "YXPG-2025-0031")));
    }

    /** The standard's items with their highest scores, in its order (90 in all). */
    private static final String[][] ABILITY_ITEMS = { { "EATING", "4" }, { "GROOMING", "4" }, { "BATHING", "4" },
            { "DRESSING_UPPER", "4" }, { "DRESSING_LOWER", "4" }, { "URINE_CONTROL", "4" }, { "BOWEL_CONTROL", "4" },
            { "TOILETING", "4" }, { "BED_POSITION_CHANGE", "4" }, { "BED_CHAIR_TRANSFER", "4" },
            { "WALKING_ON_LEVEL", "4" }, { "STAIRS", "3" }, { "TIME_ORIENTATION", "4" }, { "PLACE_ORIENTATION", "4" },
            { "PERSON_ORIENTATION", "4" }, { "MEMORY", "4" }, { "COMPREHENSION", "4" }, { "EXPRESSION", "4" },
            { "AGGRESSIVE_BEHAVIOUR", "1" }, { "DEPRESSIVE_SYMPTOMS", "1" }, { "CONSCIOUSNESS", "2" },
            { "VISION", "2" }, { "HEARING", "2" }, { "DAILY_AFFAIRS", "4" }, { "USING_TRANSPORT", "3" },
            { "SOCIAL_INTERACTION", "4" } };

    private static final String[][] HAZARDS = { { "ELECTRICITY", "插线板老化、电线裸露", "更换插线板，请社区电工检修" },
            { "GAS", "燃气软管老化，无熄火保护", "更换燃气软管，建议安装燃气报警器" },
            { "ANTI_SLIP", "卫生间地面湿滑，无扶手", "铺设防滑垫，加装扶手" },
            { "EMERGENCY_CALL", "独居，无紧急呼叫设备", "申请安装一键呼叫设备" } };

    /**
     * The first home visit of the four-part loop: checked in at home (which sets the home's place), the assessment,
     * the health check (blood pressure, glucose; medicines checked for expiry), the home safety check, the warm pack
     * signed for, companionship.
     */
    static Map<String, Object> visit(DemoDistrict district, Map<?, ?> elder, OffsetDateTime start,
            SplittableRandom random) {
        double lat = district.latitude() + (random.nextDouble() - 0.5) * 0.02;
        double lng = district.longitude() + (random.nextDouble() - 0.5) * 0.02;
        OffsetDateTime end = start.plusMinutes(20);
        Map<String, Object> v = new HashMap<>();
        v.put("mode", "HOME_VISIT");
        v.put("startedAt", start.toString());
        v.put("endedAt", end.toString());
        v.put("checkIn", place(start, lat, lng));
        v.put("checkOut", place(end, lat, lng));
        v.put("setHomeFromCheckIn", true);
        v.put("services", List.of(Map.of("item", "HOME_VISIT"), Map.of("item", "ASSESSMENT"),
                Map.of("item", "HEALTH_CHECK"), Map.of("item", "SAFETY_CHECK"), Map.of("item", "WARM_PACK",
                        "quantity", 1), Map.of("item", "COMPANIONSHIP")));
        int systolic = 108 + random.nextInt(70);
        v.put("readings", List.of(Map.of("kind", "BLOOD_PRESSURE", "systolic", systolic, "diastolic",
                Math.max(60, systolic - 45 - random.nextInt(20))), Map.of("kind", "GLUCOSE_RANDOM", "value",
                        (50 + random.nextInt(70)) / 10.0)));
        List<Map<String, Object>> medicines = new ArrayList<>();
        if (random.nextInt(100) < 40) {
            boolean expired = random.nextInt(100) < 25;
            medicines.add(Map.of("name", "硝苯地平缓释片", "expiresOn",
                    start.toLocalDate().plusMonths(expired ? -3 : 14).toString(), "guidance",
                    expired ? "药品已过期，已劝停用并联系家属购药" : "每日一次，早饭后服用"));
        }
        v.put("medicines", medicines);
        v.put("safetyChecked", List.of("ELECTRICITY", "GAS", "ANTI_SLIP", "FIRE", "EMERGENCY_CALL"));
        List<Map<String, Object>> hazards = new ArrayList<>();
        if (random.nextInt(100) < 12) {
            String[] h = HAZARDS[random.nextInt(HAZARDS.length)];
            hazards.add(Map.of("category", h[0], "description", h[1], "advice", h[2]));
        }
        v.put("hazards", hazards);
        if (random.nextInt(100) < 8) {
            v.put("difficulties", List.of(Map.of("category", "MEDICAL", "description", "行动不便，需陪同就医")));
        }
        v.put("supplies", List.of(Map.of("item", "羽绒背心", "quantity", 1), Map.of("item", "保暖内衣", "quantity", 1),
                Map.of("item", "袜子", "quantity", 2)));
        Object name = elder.get("name");
        v.put("suppliesSignOff", Map.of("signedBy", name == null ? "本人" : name, "signedAt",
                start.plusMinutes(15).toString()));
        v.put("companionship", "聊天、读报，拍摄合影");
        return v;
    }

    private static Map<String, Object> place(OffsetDateTime at, double lat, double lng) {
        return Map.of("at", at.toString(), "latitude", Math.round(lat * 1e6) / 1e6, "longitude",
                Math.round(lng * 1e6) / 1e6);
    }

    /** A fall reported in the second grid of the first community, where no one is on duty: it goes up at once. */
    private static String alert(ApiClient worker, String care, DemoDistrict district, List<Map<?, ?>> elders)
            throws IOException, InterruptedException {
        String grid = district.grids().get(1).code();
        Map<?, ?> elder = elders.stream().filter(e -> grid.equals(e.get("gridCode"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no elder in grid " + grid));
        Map<String, Object> raised = expect(worker.post(care + "/alerts", Map.of("elderId", elder.get("id"),
                "kind", "FALL", "description", "老人在家中卫生间滑倒，自述腰部疼痛，已联系家属")), 201).json();
        return "; a fall reported in " + district.grids().get(1).name() + " (no one on duty there) went up to the "
                + raised.get("levelName") + " at once (" + raised.get("status") + ", to acknowledge by "
                + raised.get("ackDeadline") + ")";
    }
}
