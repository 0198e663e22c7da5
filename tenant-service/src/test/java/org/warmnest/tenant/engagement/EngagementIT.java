package org.warmnest.tenant.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

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
 * 玉溪市 runs 温暖玉溪·呵护夕阳 over some of its counties; a county engages a registered contractor for it. The
 * county reads the city's program by an explicit call as the city, never by a query across schemas.
 */
@ServiceTest
class EngagementIT {

    static final String CITY = "530400";
    static final String COVERED = "530427"; // 峨山县
    static final String NOT_COVERED = "530424"; // 华宁县

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantProvisioner provisioner;

    final TestIssuer issuer = TestIssuer.get();
    Api city;
    Api covered;
    Api notCovered;

    @BeforeEach
    void tenants() {
        Api.provision(provisioner, CITY, COVERED, NOT_COVERED);
        city = Api.as(mvc, issuer.user(CITY, "bureau-admin").bearer());
        covered = Api.as(mvc, issuer.user(COVERED, "bureau-admin").bearer());
        notCovered = Api.as(mvc, issuer.user(NOT_COVERED, "bureau-admin").bearer());
    }

    String cityProgram() throws Exception {
        return Api.id(city.post("/tenants/{t}/programs", """
                {"name":"温暖玉溪·呵护夕阳","startYear":2025,"endYear":2026,
                 "description":"市级福彩公益金120万元，分两期为1500名经济困难老人提供物资+评估+健康+陪伴服务",
                 "districtCodes":["530427","530402","530423","530402"]}""", CITY)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.owner").value(CITY))
                .andExpect(jsonPath("$.districtCodes.length()").value(3))
                .andExpect(jsonPath("$.districtCodes[0]").value("530402")));
    }

    String contractor(String uscc) throws Exception {
        return Api.id(city.post("/contractors", """
                {"uscc":"%s","name":"玉溪市夕阳红社会工作服务中心","legalRepresentative":"杨丽",
                 "contacts":[{"name":"杨丽","role":"项目主管","phone":"13800000041","email":"yangli@example.org"}],
                 "qualifications":[{"name":"民办非企业单位登记证书","number":"滇民证字第0001号",
                                    "issuer":"玉溪市民政局","validUntil":"2029-12-31"}]}""".formatted(uscc))
                .andExpect(status().isCreated()));
    }

    @Test
    void aCountyEngagesAContractorForItsCitysProgramUntilTheEngagementEnds() throws Exception {
        String program = cityProgram();
        String contractor = contractor("52530400MJ00000021");
        String engage = """
                {"contractorId":"%s","programOwner":"530400","programId":"%s","startDate":"2025-04-01"}"""
                .formatted(contractor, program);

        String engagement = Api.id(covered.post("/tenants/{t}/engagements", engage, COVERED)
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.programOwner").value(CITY)));
        covered.post("/tenants/{t}/engagements", engage, COVERED).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("engagement-duplicate"));
        notCovered.post("/tenants/{t}/engagements", engage, NOT_COVERED).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("engagement-program-not-covering"));
        assertThat(jdbc.queryForObject("select count(*) from t_530427.engagement where id = ?::uuid", Long.class,
                engagement)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from t_530400.engagement", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from t_530427.program", Long.class)).isZero();

        // the city cannot withdraw a program a county still uses
        city.delete("/tenants/{t}/programs/{id}", CITY, program).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("program-in-use"));

        covered.put("/tenants/{t}/engagements/{id}", """
                {"startDate":"2025-04-01","status":"ENDED"}""", COVERED, engagement)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("endDate"))
                .andExpect(jsonPath("$.errors[0].code").value("end-date-required"));
        covered.put("/tenants/{t}/engagements/{id}", """
                {"startDate":"2025-04-01","endDate":"2025-03-01","status":"ENDED"}""", COVERED, engagement)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("date-order"));
        covered.put("/tenants/{t}/engagements/{id}", """
                {"startDate":"2025-04-01","endDate":"2026-12-31","status":"ENDED"}""", COVERED, engagement)
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ENDED"))
                .andExpect(jsonPath("$.version").value(1));
        // once ended, the contractor may be engaged again
        String again = Api.id(covered.post("/tenants/{t}/engagements", engage, COVERED).andExpect(status().isCreated()));

        covered.delete("/tenants/{t}/engagements/{id}", COVERED, engagement).andExpect(status().isNoContent());
        covered.delete("/tenants/{t}/engagements/{id}", COVERED, again).andExpect(status().isNoContent());
        city.delete("/tenants/{t}/programs/{id}", CITY, program).andExpect(status().isNoContent());
        city.get("/tenants/{t}/programs/{id}", CITY, program).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("program-not-found"));
    }

    @Test
    void theContractorAndTheProgramMustExistAndBelongToTheCountyOrItsCity() throws Exception {
        String program = cityProgram();
        String contractor = contractor("52530427MJ000000AX");
        covered.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530400","programId":"%s","startDate":"2025-04-01"}"""
                .formatted(UUID.randomUUID(), program), COVERED).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("engagement-contractor-unknown"));
        covered.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530400","programId":"%s","startDate":"2025-04-01"}"""
                .formatted(contractor, UUID.randomUUID()), COVERED).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("engagement-program-unknown"));
        // the program's id in the county's own schema names nothing there
        covered.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530427","programId":"%s","startDate":"2025-04-01"}"""
                .formatted(contractor, program), COVERED).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("engagement-program-unknown"));
        covered.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530424","programId":"%s","startDate":"2025-04-01"}"""
                .formatted(contractor, program), COVERED).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("engagement-program-out-of-scope"));
        covered.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530000","programId":"%s","startDate":"2025-04-01"}"""
                .formatted(contractor, program), COVERED).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("programOwner"));
        covered.post("/tenants/{t}/engagements", "{}", COVERED).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors.length()").value(4));
        // a county's own program covers the county only
        String own = Api.id(covered.post("/tenants/{t}/programs", """
                {"name":"峨山县银龄互助","startYear":2025,"endYear":2025,"districtCodes":["530427"]}""", COVERED)
                .andExpect(status().isCreated()));
        covered.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530427","programId":"%s","startDate":"2025-05-01"}"""
                .formatted(contractor, own), COVERED).andExpect(status().isCreated());
    }

    @Test
    void contractorStaffSeeOnlyTheirOwnContractorsEngagementsAndCannotWrite() throws Exception {
        String program = cityProgram();
        String contractor = contractor("53530423MJ0000003B");
        String engagement = Api.id(covered.post("/tenants/{t}/engagements", """
                {"contractorId":"%s","programOwner":"530400","programId":"%s","startDate":"2025-04-01"}"""
                .formatted(contractor, program), COVERED).andExpect(status().isCreated()));
        Api mine = Api.as(mvc, issuer.user(COVERED, "contractor-manager").contractor(contractor).bearer());
        Api other = Api.as(mvc,
                issuer.user(COVERED, "contractor-manager").contractor(UUID.randomUUID().toString()).bearer());
        mine.get("/tenants/{t}/engagements/{id}", COVERED, engagement).andExpect(status().isOk());
        // staff of a contractor this tenant has not engaged are refused in the tenant altogether
        other.get("/tenants/{t}/engagements/{id}", COVERED, engagement).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("contractor-not-engaged"));
        other.get("/tenants/{t}/engagements", COVERED).andExpect(status().isForbidden());
        mine.delete("/tenants/{t}/engagements/{id}", COVERED, engagement).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("access-denied"));
    }

    @Test
    void programsCoverOnlyTheOwnersDistricts() throws Exception {
        city.post("/tenants/{t}/programs", """
                {"name":"越界","startYear":2026,"endYear":2025,"districtCodes":["530427","220102","530400"]}""", CITY)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("districtCodes[1]"))
                .andExpect(jsonPath("$.errors[0].code").value("district-outside-city"))
                .andExpect(jsonPath("$.errors[1].field").value("districtCodes[2]"))
                .andExpect(jsonPath("$.errors[2].field").value("endYear"))
                .andExpect(jsonPath("$.errors[2].code").value("year-order"));
        covered.inEnglish().post("/tenants/{t}/programs", """
                {"name":"越界","startYear":2025,"endYear":2025,"districtCodes":["530424"]}""", COVERED)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("district-not-owner"))
                .andExpect(jsonPath("$.errors[0].message").value("a district's program covers that district only"));
        Api auditor = Api.as(mvc, issuer.user(CITY, "auditor").bearer());
        auditor.post("/tenants/{t}/programs", """
                {"name":"审计","startYear":2025,"endYear":2025,"districtCodes":["530427"]}""", CITY)
                .andExpect(status().isForbidden());
        auditor.get("/tenants/{t}/programs", CITY).andExpect(status().isOk());
    }
}
