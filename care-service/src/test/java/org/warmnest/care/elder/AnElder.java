package org.warmnest.care.elder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/** Test data: {@code anElder().named("张桂兰").born(1938, 3, 5).female().inGrid("G01").livingAlone()}. */
final class AnElder {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String name = "王秀英";
    private String division = "530402";
    private LocalDate birth = LocalDate.of(1942, 6, 18);
    private boolean male;
    private int sequence = SEQUENCE.getAndAdd(2);
    private String grid = "G01";
    private final List<String> categories = new ArrayList<>(List.of("EMPTY_NEST"));
    private String risk = "GENERAL";
    private String responsible;
    private Map<String, Object> health;
    private Long version;
    private String contractorId;

    static AnElder anElder() {
        return new AnElder();
    }

    AnElder named(String name) { this.name = name; return this; }
    AnElder registeredIn(String division) { this.division = division; return this; }
    AnElder born(int y, int m, int d) { this.birth = LocalDate.of(y, m, d); return this; }
    AnElder aged(int years, LocalDate today) { this.birth = today.minusYears(years).minusDays(10); return this; }
    AnElder male() { this.male = true; return this; }
    AnElder female() { this.male = false; return this; }
    AnElder inGrid(String grid) { this.grid = grid; return this; }
    AnElder livingAlone() { categories.remove("EMPTY_NEST"); categories.add("LIVING_ALONE"); return this; }
    AnElder category(String c) { categories.add(c); return this; }
    AnElder risk(String risk) { this.risk = risk; return this; }
    AnElder responsible(String name) { this.responsible = name; return this; }
    AnElder withHealth(String notes, String... conditions) {
        this.health = Map.of("notes", notes, "conditions", List.of(conditions));
        return this;
    }
    AnElder version(long v) { this.version = v; return this; }
    AnElder entrustedTo(String contractor) { this.contractorId = contractor; return this; }
    /** The same person as another builder (same ID number). */
    AnElder sameIdAs(AnElder other) {
        this.division = other.division; this.birth = other.birth; this.male = other.male;
        this.sequence = other.sequence;
        return this;
    }

    String idNumber() {
        int seq = sequence % 1000;
        if (male != (seq % 2 == 1)) {
            seq = (seq + 1) % 1000;
        }
        String first17 = division + birth.toString().replace("-", "") + String.format("%03d", seq);
        return first17 + ResidentId.checkCharacter(first17);
    }

    String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("idNumber", idNumber());
        m.put("phone", "13987700001");
        m.put("gridCode", grid);
        m.put("address", "北苑路12号3栋2单元401室");
        m.put("household", List.of(Map.of("name", "李建国", "relation", "儿子", "phone", "13987700002")));
        m.put("categories", categories);
        m.put("riskTier", risk);
        m.put("emergencyContacts", List.of(Map.of("name", "李建国", "phone", "13987700002", "relation", "儿子")));
        m.put("responsibleName", responsible);
        m.put("consentGiven", true);
        m.put("consentOn", "2026-01-05");
        m.put("consentBy", "本人");
        m.put("health", health);
        m.put("contractorId", contractorId);
        m.put("version", version);
        return JSON.writeValueAsString(m);
    }
}
