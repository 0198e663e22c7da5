package org.warmnest.care.assessment;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.care.TenantServiceStub;
import org.warmnest.platform.test.TestIssuer;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;

import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.json.JsonMapper;

/** Test data for assessments: elders registered through the elder files, and assessment requests. */
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

    static final String GRID = "G01";

    /** Provisions a city and its districts, active, each with grid {@link #GRID} in tenant-service; safe to repeat. */
    static void provision(TenantProvisioner provisioner, String city, String... districts) {
        provisioner.provision(TenantCode.of(city), null, city);
        provisioner.registry().setStatus(TenantCode.of(city), TenantStatus.ACTIVE);
        for (String d : districts) {
            provisioner.provision(TenantCode.of(d), TenantCode.of(city), d);
            provisioner.registry().setStatus(TenantCode.of(d), TenantStatus.ACTIVE);
            TenantServiceStub.areas(d, GRID);
        }
    }

    static ElderBuilder anElder() {
        return new ElderBuilder();
    }

    /**
     * An elder registered through the elder files' API (in grid {@link #GRID}, which {@code provision} stubs in
     * tenant-service), optionally by a contractor's worker, assessed and given a status through the APIs too.
     */
    static final class ElderBuilder {
        private static final AtomicInteger SEQUENCE = new AtomicInteger();
        private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

        private String name = "王秀英";
        private String contractor;
        private String status;
        private final List<Object[]> assessments = new ArrayList<>();

        ElderBuilder named(String n) {
            name = n;
            return this;
        }

        ElderBuilder ofContractor(String c) {
            contractor = c;
            return this;
        }

        ElderBuilder withStatus(String s) {
            status = s;
            return this;
        }

        /** Assessed on that day with items adding up to {@code total}: next due 12 months later. */
        ElderBuilder assessed(LocalDate on, int total) {
            assessments.add(new Object[] { on, total });
            return this;
        }

        UUID in(MockMvc mvc, String tenant) throws Exception {
            TestIssuer issuer = TestIssuer.get();
            String bearer = contractor == null ? issuer.user(tenant, "bureau-admin").bearer()
                    : issuer.user(tenant, "care-worker").contractor(contractor).bearer();
            Map<String, Object> elder = new LinkedHashMap<>();
            elder.put("name", name);
            elder.put("idNumber", idNumber(tenant));
            elder.put("gridCode", GRID);
            elder.put("categories", List.of("EMPTY_NEST"));
            elder.put("riskTier", "GENERAL");
            elder.put("consentGiven", true);
            String created = mvc.perform(post("/api/care/v1/tenants/{t}/elders", tenant).header("Authorization", bearer)
                    .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(elder)))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            UUID id = UUID.fromString(JsonPath.read(created, "$.id"));
            for (Object[] a : assessments) {
                mvc.perform(post(ASSESSMENTS, tenant, id).header("Authorization", bearer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(anAssessment().on((LocalDate) a[0]).scoring((Integer) a[1]).json()))
                        .andExpect(status().isCreated());
            }
            if (status != null) {
                String current = mvc.perform(get("/api/care/v1/tenants/{t}/elders/{id}", tenant, id)
                        .header("Authorization", bearer)).andReturn().getResponse().getContentAsString();
                Number version = JsonPath.read(current, "$.version");
                mvc.perform(post("/api/care/v1/tenants/{t}/elders/{id}/status", tenant, id)
                        .header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("status", status, "reason", "测试",
                                "version", version.longValue()))))
                        .andExpect(status().isOk());
            }
            return id;
        }

        /** A valid resident ID number (GB 11643) registered in the tenant's division, born 1940, unique per run. */
        private static String idNumber(String division) {
            int n = SEQUENCE.getAndIncrement();
            LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(n / 500);
            String first17 = division + birth.toString().replace("-", "") + String.format("%03d", n % 500 * 2);
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (first17.charAt(i) - '0') * WEIGHTS[i];
            }
            return first17 + "10X98765432".charAt(sum % 11);
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
