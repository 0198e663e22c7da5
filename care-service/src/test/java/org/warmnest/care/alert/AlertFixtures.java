package org.warmnest.care.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.care.TenantServiceStub;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.json.JsonMapper;

/**
 * Test data for alerts. Each district has two streets: street {@code <t>001} with community {@code <t>001001}
 * (grids G1, G2) and community {@code <t>001002} (grid G3), and street {@code <t>002} with community
 * {@code <t>002001} (grid G4). {@link #standardRoster} puts people on duty so that G1 and G2 climb the whole
 * chain, G3 has nobody at grid and community level (straight to the street), G4 nobody below the district.
 */
final class AlertFixtures {

    static final String ALERTS = "/api/care/v1/tenants/{t}/alerts";
    static final String ONE = ALERTS + "/{id}";
    static final String DUTIES = ALERTS + "/duties";
    static final String MINE = "/api/care/v1/tenants/{t}/notifications/mine";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AlertFixtures() {
    }

    /** A city and its districts, active, with the areas above in tenant-service; safe to repeat. */
    static void provision(TenantProvisioner provisioner, String city, String... districts) {
        provisioner.provision(TenantCode.of(city), null, city);
        provisioner.registry().setStatus(TenantCode.of(city), TenantStatus.ACTIVE);
        for (String d : districts) {
            provisioner.provision(TenantCode.of(d), TenantCode.of(city), d);
            provisioner.registry().setStatus(TenantCode.of(d), TenantStatus.ACTIVE);
            areas(d);
        }
    }

    static String street(String t, int n) {
        return t + "00" + n;
    }

    static String community(String t, int street, int n) {
        return street(t, street) + "00" + n;
    }

    private static void areas(String t) {
        String body = "{\"tenant\":\"" + t + "\",\"streets\":["
                + "{\"code\":\"" + street(t, 1) + "\",\"name\":\"玉兴街道\",\"communities\":["
                + "{\"code\":\"" + community(t, 1, 1) + "\",\"name\":\"北苑社区\",\"grids\":["
                + "{\"code\":\"G1\",\"name\":\"北苑一网格\"},{\"code\":\"G2\",\"name\":\"北苑二网格\"}]},"
                + "{\"code\":\"" + community(t, 1, 2) + "\",\"name\":\"南苑社区\",\"grids\":["
                + "{\"code\":\"G3\",\"name\":\"南苑网格\"}]}]},"
                + "{\"code\":\"" + street(t, 2) + "\",\"name\":\"凤凰街道\",\"communities\":["
                + "{\"code\":\"" + community(t, 2, 1) + "\",\"name\":\"东风社区\",\"grids\":["
                + "{\"code\":\"G4\",\"name\":\"东风网格\"}]}]}]}";
        TenantServiceStub.server().stubFor(get(urlPathEqualTo("/api/tenants/v1/tenants/" + t + "/areas"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** The subject of the person on duty at a level and area, as the roster names them. */
    static String dutySubject(String t, String level, String area) {
        return "duty-" + t + "-" + level + "-" + area;
    }

    /**
     * Through the API, as the bureau keeps it: one person at G1, one at G2, one at each of community
     * {@code <t>001001}, street {@code <t>001} and the district; nobody for G3, G4, community {@code <t>001002},
     * community {@code <t>002001} or street {@code <t>002}.
     */
    static void standardRoster(MockMvc mvc, String t) throws Exception {
        String admin = TestIssuer.get().user(t, "bureau-admin").bearer();
        int n = 0;
        for (String[] d : new String[][] { { "GRID", "G1", "李网格" }, { "GRID", "G2", "赵网格" },
                { "COMMUNITY", community(t, 1, 1), "王社区" }, { "STREET", street(t, 1), "张街道" },
                { "DISTRICT", t, "陈区局" } }) {
            duty(mvc, admin, t, d[0], d[1], d[2], "1390000" + t.substring(2, 4) + (10 + n++))
                    .andExpect(status().isCreated());
        }
    }

    static ResultActions duty(MockMvc mvc, String bearer, String t, String level, String area, String name,
            String phone) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("level", level);
        body.put("areaCode", area);
        body.put("name", name);
        body.put("phone", phone);
        body.put("userSubject", dutySubject(t, level, area));
        return mvc.perform(post(DUTIES, t).header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body)));
    }

    static ElderBuilder anElder() {
        return new ElderBuilder();
    }

    /** An elder registered through the elder files' API, by the bureau or by a contractor's worker. */
    static final class ElderBuilder {
        private static final AtomicInteger SEQUENCE = new AtomicInteger();
        private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

        private String name = "王秀英";
        private String grid = "G1";
        private String contractor;

        ElderBuilder named(String n) {
            name = n;
            return this;
        }

        ElderBuilder inGrid(String g) {
            grid = g;
            return this;
        }

        ElderBuilder ofContractor(String c) {
            contractor = c;
            return this;
        }

        UUID in(MockMvc mvc, String tenant) throws Exception {
            TestIssuer issuer = TestIssuer.get();
            String bearer = contractor == null ? issuer.user(tenant, "bureau-admin").bearer()
                    : issuer.user(tenant, "care-worker").contractor(contractor).bearer();
            Map<String, Object> elder = new LinkedHashMap<>();
            elder.put("name", name);
            elder.put("idNumber", idNumber(tenant));
            elder.put("gridCode", grid);
            elder.put("categories", List.of("LIVING_ALONE"));
            elder.put("riskTier", "HIGH");
            elder.put("consentGiven", true);
            String created = mvc.perform(post("/api/care/v1/tenants/{t}/elders", tenant)
                    .header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                    .content(JSON.writeValueAsString(elder)))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            return UUID.fromString(JsonPath.read(created, "$.id"));
        }

        /** A valid resident ID number (GB 11643) registered in the tenant's division, born 1936, unique per run. */
        private static String idNumber(String division) {
            int n = SEQUENCE.getAndIncrement();
            LocalDate birth = LocalDate.of(1936, 1, 1).plusDays(n / 500);
            String first17 = division + birth.toString().replace("-", "") + String.format("%03d", n % 500 * 2 + 1);
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (first17.charAt(i) - '0') * WEIGHTS[i];
            }
            return first17 + "10X98765432".charAt(sum % 11);
        }
    }

    static String raiseBody(UUID elder, String kind, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("elderId", elder.toString());
        body.put("kind", kind);
        body.put("description", description);
        return JSON.writeValueAsString(body);
    }

    static String json(Map<String, ?> body) {
        return JSON.writeValueAsString(body);
    }
}
