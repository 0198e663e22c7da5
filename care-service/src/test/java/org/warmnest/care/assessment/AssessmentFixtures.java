package org.warmnest.care.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;

import tools.jackson.databind.json.JsonMapper;

/** Test data for assessments: elders put straight into a tenant's schema, and assessment requests. */
final class AssessmentFixtures {

    static final String ASSESSMENTS = "/api/care/v1/tenants/{t}/elders/{e}/assessments";
    static final String ONE = ASSESSMENTS + "/{id}";
    static final String CORRECTIONS = ONE + "/corrections";
    static final String DUE = "/api/care/v1/tenants/{t}/assessments/due";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AssessmentFixtures() {
    }

    static LocalDate today() {
        return LocalDate.now(Assessments.CHINA);
    }

    /** Provisions a city and its districts, active; safe to repeat. */
    static void provision(TenantProvisioner provisioner, String city, String... districts) {
        provisioner.provision(TenantCode.of(city), null, city);
        provisioner.registry().setStatus(TenantCode.of(city), TenantStatus.ACTIVE);
        for (String d : districts) {
            provisioner.provision(TenantCode.of(d), TenantCode.of(city), d);
            provisioner.registry().setStatus(TenantCode.of(d), TenantStatus.ACTIVE);
        }
    }

    static ElderBuilder anElder() {
        return new ElderBuilder();
    }

    /**
     * An elder's file written with SQL, as the elder files would hold it; the ID number columns hold dummies
     * (nothing here reads them).
     */
    static final class ElderBuilder {
        private String name = "王秀英";
        private UUID contractor;
        private String status = "ACTIVE";
        private LocalDate lastAssessedOn;
        private LocalDate nextDue;
        private Integer level;

        ElderBuilder named(String n) {
            name = n;
            return this;
        }

        ElderBuilder ofContractor(String c) {
            contractor = UUID.fromString(c);
            return this;
        }

        ElderBuilder withStatus(String s) {
            status = s;
            return this;
        }

        ElderBuilder assessed(LocalDate on, int abilityLevel, LocalDate due) {
            lastAssessedOn = on;
            level = abilityLevel;
            nextDue = due;
            return this;
        }

        UUID in(JdbcTemplate jdbc, String tenant) {
            UUID id = UUID.randomUUID();
            jdbc.update("insert into " + TenantCode.of(tenant).schema() + ".elder (id, contractor_id, name,"
                    + " id_number_cipher, id_number_hash, id_number_masked, birth_date, sex, grid_code, community_code,"
                    + " street_code, household, categories, risk_tier, emergency_contacts, consent_given, status,"
                    + " status_since, ability_level, last_assessed_on, next_assessment_due, created_at, created_by,"
                    + " updated_at, updated_by, version) values (?, ?, ?, 'dummy', ?, '530402********123X', ?,"
                    + " 'FEMALE', 'G-01', '530402001001', '530402001', '[]'::jsonb, '{}', 'GENERAL', '[]'::jsonb,"
                    + " true, ?, ?, ?, ?, ?, ?, 'test', ?, 'test', 0)",
                    id, contractor, name, uuidBytes(id), LocalDate.of(1940, 5, 1), status, LocalDate.of(2020, 1, 1),
                    level, lastAssessedOn, nextDue, java.sql.Timestamp.from(Instant.now()),
                    java.sql.Timestamp.from(Instant.now()));
            return id;
        }

        private static byte[] uuidBytes(UUID id) {
            return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                    .putLong(id.getLeastSignificantBits()).array();
        }
    }

    static RequestBuilder anAssessment() {
        return new RequestBuilder();
    }

    /** A correction's body: as an assessment, its reason left out (always CORRECTION). */
    static RequestBuilder aCorrection() {
        return new RequestBuilder().reason(null);
    }

    /** An assessment request: by default a periodic one, today, every item at its max (90, level 0), two assessors. */
    static final class RequestBuilder {
        private final Map<String, Object> body = new LinkedHashMap<>();
        private final Map<String, Integer> items = new LinkedHashMap<>();
        private final List<Map<String, Object>> diagnoses = new ArrayList<>();
        private final List<Map<String, Object>> riskEvents = new ArrayList<>();

        RequestBuilder() {
            body.put("assessedOn", today().toString());
            body.put("reason", "PERIODIC");
            body.put("assessors", List.of(Map.of("name", "张敏", "certificateNumber", "PG-2024-0012"),
                    Map.of("name", "刘洋", "certificateNumber", "PG-2024-0031")));
            body.put("location", "老人家中");
            scoring(90);
        }

        RequestBuilder on(LocalDate date) {
            body.put("assessedOn", date.toString());
            return this;
        }

        RequestBuilder reason(String reason) {
            body.put("reason", reason);
            return this;
        }

        /** Scores that add up to {@code total}, filled in the standard's order from each item's max. */
        RequestBuilder scoring(int total) {
            items.clear();
            items.putAll(AbilityScoringTest.scoresTotalling(total));
            return this;
        }

        RequestBuilder item(String code, int score) {
            items.put(code, score);
            return this;
        }

        RequestBuilder without(String code) {
            items.remove(code);
            return this;
        }

        RequestBuilder inComa() {
            body.put("coma", true);
            items.clear();
            return this;
        }

        RequestBuilder diagnosed(String icd10, boolean byPsychiatrist) {
            diagnoses.add(Map.of("icd10", icd10, "byPsychiatrist", byPsychiatrist));
            return this;
        }

        RequestBuilder riskEvent(String kind, LocalDate on) {
            riskEvents.add(Map.of("kind", kind, "occurredOn", on.toString()));
            return this;
        }

        RequestBuilder note(String note) {
            body.put("note", note);
            return this;
        }

        String json() {
            Map<String, Object> all = new LinkedHashMap<>(body);
            if (!items.isEmpty()) {
                all.put("items", items);
            }
            all.put("diagnoses", diagnoses);
            all.put("riskEvents", riskEvents);
            return JSON.writeValueAsString(all);
        }
    }
}
