package org.warmnest.tenant.contractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestDatabases;
import org.warmnest.platform.test.TestIssuer;
import org.warmnest.tenant.Api;

/** The platform-wide contractor registry: served without a tenant, stored in the registry schema. */
@ServiceTest
class ContractorRegistryIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;

    final TestIssuer issuer = TestIssuer.get();

    @Test
    void bureauAdministratorsOfAnyTenantRegisterAndEveryoneReads() throws Exception {
        Api bureau = Api.as(mvc, issuer.user("211102", "bureau-admin").bearer()); // 双台子区
        String id = Api.id(bureau.post("/contractors", """
                {"uscc":"52530402MJ0000011U","name":"双台子区五社联动社工服务中心","legalRepresentative":"刘洋",
                 "contacts":[{"name":"刘洋","role":"主任","phone":"0427-2812345"}]}""")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.registeredByTenant").value("211102"))
                .andExpect(jsonPath("$.contacts[0].phone").value("0427-2812345")));
        assertThat(jdbc.queryForObject("select name from registry.contractor where id = ?::uuid", String.class, id))
                .isEqualTo("双台子区五社联动社工服务中心");

        Api worker = Api.as(mvc, issuer.user("530402", "care-worker").bearer());
        worker.get("/contractors/{id}", id).andExpect(status().isOk())
                .andExpect(jsonPath("$.uscc").value("52530402MJ0000011U"));
        worker.get("/contractors?uscc={u}", "52530402MJ0000011U").andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].id").value(id));
        worker.get("/contractors?name={n}", "五社联动").andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id));
        worker.post("/contractors", """
                {"uscc":"52530402MJ0000012Y","name":"x","legalRepresentative":"y"}""")
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"));

        bureau.post("/contractors", """
                {"uscc":"52530402MJ0000011U","name":"重复","legalRepresentative":"y"}""")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("contractor-uscc-taken"));

        Api platform = Api.as(mvc, issuer.platformAdmin().bearer());
        platform.put("/contractors/{id}", """
                {"version":0,"name":"双台子区五社联动社会工作服务中心","legalRepresentative":"刘洋",
                 "qualifications":[{"name":"社会工作服务机构等级评估","number":"AAAA","issuer":"盘锦市民政局"}]}""", id)
                .andExpect(status().isOk()).andExpect(jsonPath("$.contacts").isEmpty())
                .andExpect(jsonPath("$.qualifications[0].number").value("AAAA"))
                .andExpect(jsonPath("$.version").value(1));
        assertThat(jdbc.queryForObject("select count(*) from registry.contractor_qualification where contractor_id = ?::uuid",
                Long.class, id)).isEqualTo(1);
        worker.get("/contractors/{id}", java.util.UUID.randomUUID()).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("contractor-not-found"));
    }

    /**
     * Finding 5: a district bureau rewrote the entries its city or a sibling district had registered. Only the
     * registering tenant, its city or the platform changes an entry; each change names the version it read and is
     * kept, before and after, in the append-only history.
     */
    @Test
    void onlyTheRegisteringTenantItsCityOrThePlatformChangesAContractorAndEveryChangeIsKept() throws Exception {
        Api city = Api.as(mvc, issuer.user("530400", "bureau-admin").subject("yuxi-admin").bearer()); // 玉溪市
        Api district = Api.as(mvc, issuer.user("530402", "bureau-admin").subject("hongta-admin").bearer()); // 红塔区
        Api sibling = Api.as(mvc, issuer.user("530421", "bureau-admin").bearer()); // 江川区
        Api otherCity = Api.as(mvc, issuer.user("530100", "bureau-admin").bearer()); // 昆明市
        String byCity = Api.id(city.post("/contractors", """
                {"uscc":"52530400MJ00016219","name":"玉溪市暖阳社会工作服务中心","legalRepresentative":"王芳"}""")
                .andExpect(status().isCreated()));
        String byDistrict = Api.id(district.post("/contractors", """
                {"uscc":"52530402MJ00016229","name":"红塔区颐康养老服务中心","legalRepresentative":"赵强"}""")
                .andExpect(status().isCreated()));

        String rename = """
                {"version":0,"name":"被改掉的名字","legalRepresentative":"冒名顶替"}""";
        district.put("/contractors/{id}", rename, byCity).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("contractor-edit-denied"));
        sibling.put("/contractors/{id}", rename, byDistrict).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("contractor-edit-denied"));
        otherCity.put("/contractors/{id}", rename, byDistrict).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("contractor-edit-denied"));
        Api.as(mvc, issuer.user("530402", "contractor-manager").contractor(byDistrict).bearer())
                .put("/contractors/{id}", rename, byDistrict).andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select name from registry.contractor where id = ?::uuid", String.class,
                byCity)).isEqualTo("玉溪市暖阳社会工作服务中心");

        // the registering district and its city change it, each from the version it read
        district.put("/contractors/{id}", """
                {"version":0,"name":"红塔区颐康养老服务中心（更名）","legalRepresentative":"赵强"}""", byDistrict)
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));
        city.put("/contractors/{id}", """
                {"version":0,"name":"迟到的改名","legalRepresentative":"赵强"}""", byDistrict)
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("contractor-modified"));
        city.put("/contractors/{id}", """
                {"version":1,"name":"红塔区颐康养老服务中心","legalRepresentative":"钱敏"}""", byDistrict)
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2));
        city.put("/contractors/{id}", """
                {"name":"没有版本","legalRepresentative":"钱敏"}""", byDistrict)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("version"));

        // the history: registration and both changes, who and when, before and after; for bureaus and auditors
        Api auditor = Api.as(mvc, issuer.user("530402", "auditor").bearer());
        auditor.get("/contractors/{id}/changes", byDistrict).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].version").value(2))
                .andExpect(jsonPath("$[0].actorUsername").value("yuxi-admin"))
                .andExpect(jsonPath("$[0].actorTenant").value("530400"))
                .andExpect(jsonPath("$[0].before.legalRepresentative").value("赵强"))
                .andExpect(jsonPath("$[0].after.legalRepresentative").value("钱敏"))
                .andExpect(jsonPath("$[1].before.name").value("红塔区颐康养老服务中心"))
                .andExpect(jsonPath("$[1].after.name").value("红塔区颐康养老服务中心（更名）"))
                .andExpect(jsonPath("$[2].action").value("REGISTERED"))
                .andExpect(jsonPath("$[2].before").doesNotExist());
        Api.as(mvc, issuer.user("530402", "care-worker").contractor(byDistrict).bearer())
                .get("/contractors/{id}/changes", byDistrict).andExpect(status().isForbidden());
        // the service's own login may not even try; the owner of the table is refused by its trigger
        String rewrite = "update registry.contractor_change set actor_username = 'nobody' where contractor_id = ?::uuid";
        String erase = "delete from registry.contractor_change where contractor_id = ?::uuid";
        assertThatThrownBy(() -> jdbc.update(rewrite, byDistrict)).rootCause().hasMessageContaining("permission denied");
        JdbcTemplate owner = TestDatabases.asMigrationLogin(environment);
        assertThatThrownBy(() -> owner.update(rewrite, byDistrict)).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.update(erase, byDistrict)).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void theCreditCodeIsCheckedExactly() throws Exception {
        Api platform = Api.as(mvc, issuer.platformAdmin().bearer());
        for (String bad : new String[] { "52530402MJ0000012A", "52530402mj0000012Y", "52530402MJ000001", "52530402MO0000012Y" }) {
            platform.inEnglish().post("/contractors", """
                    {"uscc":"%s","name":"x","legalRepresentative":"y"}""".formatted(bad))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("validation-failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("uscc"))
                    .andExpect(jsonPath("$.errors[0].code").value("ValidUscc"))
                    .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith(
                            "is not a unified social credit code")));
        }
        platform.post("/contractors", """
                {"name":"","legalRepresentative":"y","contacts":[{"name":"z","email":"not-an-email"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'uscc')].code").value("NotNull"))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].code").value("NotBlank"))
                .andExpect(jsonPath("$.errors[?(@.field == 'contacts[0].email')].code").value("Email"));
        assertThat(jdbc.queryForObject("select count(*) from registry.contractor where name = 'x'", Long.class)).isZero();
    }
}
