package org.warmnest.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/**
 * Rows written in district A (红塔区) are invisible, unchangeable and undeletable from district B (通海县)
 * through every tenant-scoped endpoint of tenant-service, and the database holds them only in A's schema,
 * however often the pooled connections go back and forth; a city user reads each district by its own path;
 * a district user cannot even name the other district.
 */
@ServiceTest
class TenantIsolationIT {

    static final String CITY = "530400";
    static final String A = "530402";
    static final String B = "530423";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantProvisioner provisioner;

    final TestIssuer issuer = TestIssuer.get();
    Api adminA;
    Api adminB;
    Api cityAdmin;
    Api platform;

    /** What A holds, written through the API. */
    record Written(String street, String community, String grid, String program, String contractor,
            String engagement) {
    }

    @BeforeEach
    void tenants() {
        Api.provision(provisioner, CITY, A, B);
        adminA = Api.as(mvc, issuer.user(A, "bureau-admin").bearer());
        adminB = Api.as(mvc, issuer.user(B, "bureau-admin").bearer());
        cityAdmin = Api.as(mvc, issuer.user(CITY, "bureau-admin").bearer());
        platform = Api.as(mvc, issuer.platformAdmin().bearer());
    }

    Written writeInA(String streetSuffix, String gridCode, String uscc) throws Exception {
        String street = Api.id(adminA.post("/tenants/{t}/streets", """
                {"code":"530402%s","name":"玉兴街道"}""".formatted(streetSuffix), A).andExpect(status().isCreated()));
        String community = Api.id(adminA.post("/tenants/{t}/communities", """
                {"streetId":"%s","code":"530402%s001","name":"北苑社区"}""".formatted(street, streetSuffix), A)
                .andExpect(status().isCreated()));
        String grid = Api.id(adminA.post("/tenants/{t}/grids", """
                {"communityId":"%s","code":"%s","name":"北苑一网格","leaderName":"李桂兰","leaderPhone":"13800000001"}"""
                .formatted(community, gridCode), A).andExpect(status().isCreated()));
        String program = Api.id(adminA.post("/tenants/{t}/programs", """
                {"name":"红塔区暖巢行动","startYear":2025,"endYear":2026,"districtCodes":["530402"]}""", A)
                .andExpect(status().isCreated()));
        String contractor = Api.id(platform.post("/contractors", """
                {"uscc":"%s","name":"玉溪市红塔区暖阳社会工作服务中心","legalRepresentative":"王芳"}""".formatted(uscc))
                .andExpect(status().isCreated()));
        String engagement = Api.id(adminA.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530402","programId":"%s","startDate":"2025-03-01"}"""
                .formatted(contractor, program), A).andExpect(status().isCreated()));
        return new Written(street, community, grid, program, contractor, engagement);
    }

    @Test
    void rowsWrittenInOneDistrictAreInvisibleUnchangeableAndUndeletableFromAnother() throws Exception {
        Written a = writeInA("001", "HT-W01", "52530402MJ0000010Q");
        // B has areas of its own, so that B's writes have something legitimate to point at
        String streetB = Api.id(adminB.post("/tenants/{t}/streets", """
                {"code":"530423100","name":"秀山街道"}""", B).andExpect(status().isCreated()));
        String communityB = Api.id(adminB.post("/tenants/{t}/communities", """
                {"streetId":"%s","code":"530423100001","name":"秀山社区"}""".formatted(streetB), B)
                .andExpect(status().isCreated()));
        String gridB = Api.id(adminB.post("/tenants/{t}/grids", """
                {"communityId":"%s","code":"TH-W01","name":"秀山一网格"}""".formatted(communityB), B)
                .andExpect(status().isCreated()));

        // invisible: B's lists and tree never show A's rows; A's ids are not found in B
        String tree = Api.body(adminB.get("/tenants/{t}/areas", B).andExpect(status().isOk()));
        assertThat(tree).doesNotContain(a.street(), a.community(), a.grid(), "530402");
        assertThat(Api.body(adminB.get("/tenants/{t}/streets", B))).doesNotContain(a.street());
        assertThat(Api.body(adminB.get("/tenants/{t}/communities", B))).doesNotContain(a.community());
        assertThat(Api.body(adminB.get("/tenants/{t}/communities?streetId={s}", B, a.street()))).isEqualTo("[]");
        assertThat(Api.body(adminB.get("/tenants/{t}/grids", B))).doesNotContain(a.grid());
        assertThat(Api.body(adminB.get("/tenants/{t}/grids?communityId={c}", B, a.community()))).isEqualTo("[]");
        assertThat(Api.body(adminB.get("/tenants/{t}/programs", B))).doesNotContain(a.program());
        assertThat(Api.body(adminB.get("/tenants/{t}/engagements", B))).doesNotContain(a.engagement());
        Map<String, String> notFound = Map.of("/streets/", "street-not-found", "/communities/",
                "community-not-found", "/grids/", "grid-not-found", "/programs/", "program-not-found",
                "/engagements/", "engagement-not-found");
        Map<String, String> idOf = Map.of("/streets/", a.street(), "/communities/", a.community(), "/grids/",
                a.grid(), "/programs/", a.program(), "/engagements/", a.engagement());
        Map<String, String> validBody = Map.of("/streets/", """
                {"name":"改名"}""", "/communities/", """
                {"name":"改名"}""", "/grids/", """
                {"communityId":"%s","name":"改名"}""".formatted(communityB), "/programs/", """
                {"name":"改名","startYear":2025,"endYear":2026,"districtCodes":["530423"]}""", "/engagements/", """
                {"startDate":"2025-01-01","endDate":"2025-12-31","status":"ENDED"}""");
        for (var resource : notFound.entrySet()) {
            String path = "/tenants/{t}" + resource.getKey() + "{id}";
            String id = idOf.get(resource.getKey());
            // unchangeable and undeletable: a valid request with A's id finds nothing in B
            adminB.get(path, B, id).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value(resource.getValue()));
            adminB.put(path, validBody.get(resource.getKey()), B, id).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value(resource.getValue()));
            adminB.delete(path, B, id).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value(resource.getValue()));
        }
        // nor can B hang its own rows on A's
        adminB.post("/tenants/{t}/communities", """
                {"streetId":"%s","code":"530402001009","name":"越界社区"}""".formatted(a.street()), B)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("streetId"))
                .andExpect(jsonPath("$.errors[0].code").value("street-unknown"));
        adminB.post("/tenants/{t}/grids", """
                {"communityId":"%s","code":"TH-W09","name":"越界网格"}""".formatted(a.community()), B)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("community-unknown"));
        adminB.put("/tenants/{t}/grids/{id}", """
                {"communityId":"%s","name":"越界网格"}""".formatted(a.community()), B, gridB)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("community-unknown"));
        adminB.post("/tenants/{t}/streets", """
                {"code":"530402001","name":"越界街道"}""", B)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code")
                        .value("street-code-outside-tenant"));
        adminB.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530402","programId":"%s","startDate":"2025-03-01"}"""
                .formatted(a.contractor(), a.program()), B)
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("engagement-program-out-of-scope"));
        adminB.post("/tenants/{t}/programs", """
                {"name":"越界项目","startYear":2025,"endYear":2026,"districtCodes":["530402"]}""", B)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("district-not-owner"));
        // an import into B naming A's street is refused whole; one naming A's grid code makes B's own grid
        String csv = "街道名称,街道代码,社区名称,社区代码,网格名称,网格代码,网格长,网格长电话\n"
                + "玉兴街道,530402001,北苑社区,530402001001,北苑一网格,HT-W01,赵六,13900000009\n";
        adminB.upload(B, "a.csv", csv.getBytes(StandardCharsets.UTF_8), false)
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.code").value("import-invalid"))
                .andExpect(jsonPath("$.report.problems[0].code").value("street-code-outside-tenant"));
        String own = "街道名称,街道代码,社区名称,社区代码,网格名称,网格代码,网格长,网格长电话\n"
                + "秀山街道,530423100,秀山社区,530423100001,借名网格,HT-W01,赵六,13900000009\n";
        adminB.upload(B, "b.csv", own.getBytes(StandardCharsets.UTF_8), false).andExpect(status().isOk())
                .andExpect(jsonPath("$.grids.created").value(1));

        // the database holds A's rows only in A's schema, untouched
        for (var table : List.of(List.of("street", a.street()), List.of("community", a.community()),
                List.of("grid", a.grid()), List.of("program", a.program()), List.of("engagement", a.engagement()))) {
            assertThat(count("t_530402." + table.get(0), table.get(1))).as(table.get(0)).isEqualTo(1);
            assertThat(count("t_530423." + table.get(0), table.get(1))).as(table.get(0)).isZero();
            assertThat(jdbc.queryForObject("select version from t_530402." + table.get(0) + " where id = ?::uuid",
                    Long.class, table.get(1))).as(table.get(0) + " unchanged").isZero();
        }
        assertThat(jdbc.queryForMap("select name, leader_name from t_530402.grid where code = 'HT-W01'"))
                .containsEntry("name", "北苑一网格").containsEntry("leader_name", "李桂兰");
        assertThat(jdbc.queryForObject("select leader_name from t_530423.grid where code = 'HT-W01'", String.class))
                .isEqualTo("赵六");
        // contractors are platform-wide by design: one registry, readable from every tenant
        assertThat(jdbc.queryForObject("select count(*) from registry.contractor where id = ?::uuid", Long.class,
                a.contractor())).isEqualTo(1);
        adminB.get("/contractors/{id}", a.contractor()).andExpect(status().isOk());

        // pooled connections go back and forth between the tenants and never carry one into the other
        for (int i = 0; i < 25; i++) {
            assertThat(Api.body(adminA.get("/tenants/{t}/grids", A))).contains(a.grid()).doesNotContain(gridB);
            assertThat(Api.body(adminB.get("/tenants/{t}/grids", B))).contains(gridB).doesNotContain(a.grid());
        }
    }

    @Test
    void aCityUserReadsEachDistrictByItsOwnPath() throws Exception {
        Written a = writeInA("002", "HT-W02", "52530402MJ00000220");
        String treeA = Api.body(cityAdmin.get("/tenants/{t}/areas", A).andExpect(status().isOk())
                .andExpect(jsonPath("$.tenant").value(A)));
        assertThat(treeA).contains(a.street(), a.community(), a.grid());
        String treeB = Api.body(cityAdmin.get("/tenants/{t}/areas", B).andExpect(status().isOk())
                .andExpect(jsonPath("$.tenant").value(B)));
        assertThat(treeB).doesNotContain(a.street(), a.community(), a.grid());
        cityAdmin.get("/tenants/{t}/programs/{id}", A, a.program()).andExpect(status().isOk())
                .andExpect(jsonPath("$.owner").value(A));
        cityAdmin.get("/tenants/{t}/programs/{id}", B, a.program()).andExpect(status().isNotFound());
        cityAdmin.get("/tenants/{t}/engagements/{id}", A, a.engagement()).andExpect(status().isOk());
        cityAdmin.get("/tenants/{t}/engagements/{id}", B, a.engagement()).andExpect(status().isNotFound());
        cityAdmin.get("/tenants/{t}/areas", CITY).andExpect(status().isOk());
    }

    /** Every tenant-scoped endpoint, as (method, path, body); the filter refuses before any of them runs. */
    static final List<List<String>> ENDPOINTS = List.of(
            List.of("GET", "/tenants/{t}/areas", ""),
            List.of("GET", "/tenants/{t}/streets", ""),
            List.of("POST", "/tenants/{t}/streets", "{\"code\":\"530402009\",\"name\":\"x\"}"),
            List.of("GET", "/tenants/{t}/streets/{id}", ""),
            List.of("PUT", "/tenants/{t}/streets/{id}", "{\"name\":\"x\"}"),
            List.of("DELETE", "/tenants/{t}/streets/{id}", ""),
            List.of("GET", "/tenants/{t}/communities", ""),
            List.of("POST", "/tenants/{t}/communities", "{}"),
            List.of("GET", "/tenants/{t}/communities/{id}", ""),
            List.of("PUT", "/tenants/{t}/communities/{id}", "{\"name\":\"x\"}"),
            List.of("DELETE", "/tenants/{t}/communities/{id}", ""),
            List.of("GET", "/tenants/{t}/grids", ""),
            List.of("POST", "/tenants/{t}/grids", "{}"),
            List.of("GET", "/tenants/{t}/grids/{id}", ""),
            List.of("PUT", "/tenants/{t}/grids/{id}", "{}"),
            List.of("DELETE", "/tenants/{t}/grids/{id}", ""),
            List.of("UPLOAD", "/tenants/{t}/areas/import", ""),
            List.of("GET", "/tenants/{t}/areas/import/template", ""),
            List.of("GET", "/tenants/{t}/programs", ""),
            List.of("POST", "/tenants/{t}/programs", "{}"),
            List.of("GET", "/tenants/{t}/programs/{id}", ""),
            List.of("PUT", "/tenants/{t}/programs/{id}", "{}"),
            List.of("DELETE", "/tenants/{t}/programs/{id}", ""),
            List.of("GET", "/tenants/{t}/engagements", ""),
            List.of("POST", "/tenants/{t}/engagements", "{}"),
            List.of("GET", "/tenants/{t}/engagements/{id}", ""),
            List.of("PUT", "/tenants/{t}/engagements/{id}", "{}"),
            List.of("DELETE", "/tenants/{t}/engagements/{id}", ""));

    @Test
    void aDistrictUserCannotTouchTheOtherDistrictOrItsCityThroughAnyEndpoint() throws Exception {
        Written a = writeInA("003", "HT-W03", "52530402MJ00000132");
        for (String target : List.of(A, CITY)) {
            for (List<String> endpoint : ENDPOINTS) {
                String path = endpoint.get(1).replace("{id}", idFor(endpoint.get(1), a));
                call(adminB, endpoint.get(0), path, endpoint.get(2), target)
                        .andExpect(status().isForbidden())
                        .andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
            }
        }
        assertThat(count("t_530402.street", a.street())).isEqualTo(1);
        adminA.get("/tenants/{t}/streets/{id}", A, a.street()).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("玉兴街道")).andExpect(jsonPath("$.version").value(0));
    }

    private static String idFor(String path, Written a) {
        if (path.contains("/streets/")) {
            return a.street();
        }
        if (path.contains("/communities/")) {
            return a.community();
        }
        if (path.contains("/grids/")) {
            return a.grid();
        }
        if (path.contains("/programs/")) {
            return a.program();
        }
        return a.engagement();
    }

    private static ResultActions call(Api api, String method, String path, String body, String tenant)
            throws Exception {
        return switch (method) {
            case "GET" -> api.get(path, tenant);
            case "POST" -> api.post(path, body, tenant);
            case "PUT" -> api.put(path, body, tenant);
            case "DELETE" -> api.delete(path, tenant);
            case "UPLOAD" -> api.upload(tenant, "x.csv", "街道名称,街道代码\n".getBytes(StandardCharsets.UTF_8), false);
            default -> throw new IllegalArgumentException(method);
        };
    }

    private long count(String table, String id) {
        return jdbc.queryForObject("select count(*) from " + table + " where id = ?::uuid", Long.class, id);
    }

    static String read(String json, String path) {
        return JsonPath.read(json, path);
    }
}
