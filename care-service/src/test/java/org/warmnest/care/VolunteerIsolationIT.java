package org.warmnest.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;

import com.jayway.jsonpath.JsonPath;

@ServiceTest
class VolunteerIsolationIT {

    static final String A = "530402";
    static final String B = "530423";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    static boolean provisioned;

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            provisioner.provision(TenantCode.of("530400"), null, "玉溪市");
            provisioner.registry().setStatus(TenantCode.of("530400"), TenantStatus.ACTIVE);
            for (String code : new String[] { A, B }) {
                provisioner.provision(TenantCode.of(code), TenantCode.of("530400"), code);
                provisioner.registry().setStatus(TenantCode.of(code), TenantStatus.ACTIVE);
            }
            provisioned = true;
        }
    }

    TestIssuer issuer = TestIssuer.get();

    @Test
    void rowsWrittenInOneTenantAreInvisibleUnchangeableAndUndeletableFromAnother() throws Exception {
        String adminA = issuer.user(A, "bureau-admin").bearer();
        String adminB = issuer.user(B, "bureau-admin").bearer();
        String body = """
                {"name":"李桂兰","phone":"13800000001","kind":"VOLUNTEER","skills":["陪伴"]}""";
        String created = mvc.perform(post("/api/care/v1/tenants/{t}/volunteers", A).header("Authorization", adminA)
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$.id");

        mvc.perform(get("/api/care/v1/tenants/{t}/volunteers", B).header("Authorization", adminB))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[?(@.id=='" + id + "')]").isEmpty())
                .andExpect(jsonPath("$.items[?(@.name=='李桂兰')]").isEmpty());
        mvc.perform(get("/api/care/v1/tenants/{t}/volunteers/{id}", B, id).header("Authorization", adminB))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("volunteer-not-found"));
        mvc.perform(put("/api/care/v1/tenants/{t}/volunteers/{id}", B, id).header("Authorization", adminB)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/care/v1/tenants/{t}/volunteers/{id}", B, id).header("Authorization", adminB))
                .andExpect(status().isNotFound());
        // B's user naming A's tenant is refused before any query
        mvc.perform(get("/api/care/v1/tenants/{t}/volunteers/{id}", A, id).header("Authorization", adminB))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("tenant-out-of-scope"));

        assertThat(jdbc.queryForObject("select count(*) from t_530402.volunteer where id = ?::uuid", Long.class, id))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from t_530423.volunteer where id = ?::uuid", Long.class, id))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from t_530423.volunteer where name = '李桂兰'", Long.class))
                .isZero();
        mvc.perform(get("/api/care/v1/tenants/{t}/volunteers/{id}", A, id).header("Authorization", adminA))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("李桂兰"));
    }

    @Test
    void aCityReadsItsDistrictsOneByOne() throws Exception {
        String city = issuer.user("530400", "bureau-admin").bearer();
        mvc.perform(post("/api/care/v1/tenants/{t}/volunteers", B).header("Authorization", city)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"赵四\",\"kind\":\"CADRE\"}"))
                .andExpect(status().isCreated());
        long inA = jdbc.queryForObject("select count(*) from t_530402.volunteer", Long.class);
        long inB = jdbc.queryForObject("select count(*) from t_530423.volunteer", Long.class);
        mvc.perform(get("/api/care/v1/tenants/530400/volunteers/by-district").header("Authorization", city))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].district").value(A)).andExpect(jsonPath("$[0].volunteers").value(inA))
                .andExpect(jsonPath("$[1].district").value(B)).andExpect(jsonPath("$[1].volunteers").value(inB));
        // a district's own users cannot read at the city level
        mvc.perform(get("/api/care/v1/tenants/530400/volunteers/by-district").header("Authorization",
                issuer.user(A, "bureau-admin").bearer())).andExpect(status().isForbidden());
        // and a district path is not a city
        mvc.perform(get("/api/care/v1/tenants/{t}/volunteers/by-district", A).header("Authorization", city))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("city-required"));
    }

    @Test
    void contractorStaffSeeOnlyTheirContractorsVolunteers() throws Exception {
        String c1 = "11111111-1111-1111-1111-111111111111";
        String c2 = "22222222-2222-2222-2222-222222222222";
        String manager1 = issuer.user(A, "contractor-manager").contractor(c1).bearer();
        String manager2 = issuer.user(A, "contractor-manager").contractor(c2).bearer();
        String created = mvc.perform(post("/api/care/v1/tenants/{t}/volunteers", A).header("Authorization", manager1)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"钱五\",\"kind\":\"VOLUNTEER\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.contractorId").value(c1))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$.id");
        mvc.perform(get("/api/care/v1/tenants/{t}/volunteers/{id}", A, id).header("Authorization", manager2))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/care/v1/tenants/{t}/volunteers/{id}", A, id).header("Authorization", manager2))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/care/v1/tenants/{t}/volunteers", A).header("Authorization", manager2))
                .andExpect(jsonPath("$.items[?(@.id=='" + id + "')]").isEmpty());
        mvc.perform(get("/api/care/v1/tenants/{t}/volunteers/{id}", A, id).header("Authorization", manager1))
                .andExpect(status().isOk());
    }
}
