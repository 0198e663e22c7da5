package org.warmnest.care.elder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.elder.AnElder.anElder;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.care.TenantServiceStub;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestDatabases;
import org.warmnest.platform.test.TestIssuer;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;

import com.jayway.jsonpath.JsonPath;

@ServiceTest
class ElderFilesIT {

    static final String CITY = "530400";
    static final String A = "530402";
    static final String B = "530423";
    static final String C1 = "11111111-1111-1111-1111-111111111111";
    static final String C2 = "22222222-2222-2222-2222-222222222222";
    static final String BASE = "/api/care/v1/tenants/{t}/elders";

    @Autowired
    org.springframework.core.env.Environment environment;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    static boolean provisioned;
    final TestIssuer issuer = TestIssuer.get();
    final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Autowired
    void provision(TenantProvisioner provisioner) {
        if (!provisioned) {
            provisioner.provision(TenantCode.of(CITY), null, "玉溪市");
            provisioner.registry().setStatus(TenantCode.of(CITY), TenantStatus.ACTIVE);
            for (String code : new String[] { A, B }) {
                provisioner.provision(TenantCode.of(code), TenantCode.of(CITY), code);
                provisioner.registry().setStatus(TenantCode.of(code), TenantStatus.ACTIVE);
            }
            provisioned = true;
        }
        TenantServiceStub.areas(A, "G01", "G02");
        TenantServiceStub.areas(B, "H01");
        TenantServiceStub.engaged(A, C1, C2);
    }

    String worker(String tenant, String contractor) {
        return issuer.user(tenant, "care-worker").contractor(contractor).subject("worker-" + contractor).bearer();
    }

    String bureau(String tenant) {
        return issuer.user(tenant, "bureau-admin").bearer();
    }

    ResultActions register(String tenant, String token, AnElder elder) throws Exception {
        return mvc.perform(post(BASE, tenant).header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                .content(elder.json()));
    }

    String registered(String tenant, String token, AnElder elder) throws Exception {
        String body = register(tenant, token, elder).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    @Test
    void aRegisteredFileShowsTheIdNumberMaskedAndTheDatabaseHoldsItOnlyEncrypted() throws Exception {
        AnElder elder = anElder().named("张桂兰").female().aged(86, today).livingAlone()
                .withHealth("高血压，服用硝苯地平", "高血压", "糖尿病");
        String id = idOf(register(A, worker(A, C1), elder).andExpect(status().isCreated())
                .andExpect(jsonPath("$.idNumber").value("**************" + elder.idNumber().substring(14)))
                .andExpect(jsonPath("$.age").value(86)).andExpect(jsonPath("$.sex").value("女"))
                .andExpect(jsonPath("$.categories[*].code").value(org.hamcrest.Matchers.contains("HIGH_AGE",
                        "LIVING_ALONE")))
                .andExpect(jsonPath("$.streetCode").value(A + "001"))
                .andExpect(jsonPath("$.hasHealthDetails").value(true))
                .andExpect(jsonPath("$.health").doesNotExist())
                .andExpect(jsonPath("$.contractorId").value(C1)));

        String row = jdbc.queryForObject("select e::text from t_530402.elder e where id = ?::uuid", String.class, id);
        assertThat(row).doesNotContain(elder.idNumber()).doesNotContain(elder.idNumber().substring(6, 17))
                .doesNotContain("硝苯地平").doesNotContain("糖尿病").contains("张桂兰");
        assertThat(jdbc.queryForObject("select id_number_cipher from t_530402.elder where id = ?::uuid",
                String.class, id)).startsWith("sm4gcm:test1:");

        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", worker(A, C1))).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("张桂兰"));
        // found by the ID number, though it is stored only encrypted
        mvc.perform(get(BASE, A).param("idNumber", elder.idNumber().toLowerCase()).param("reason", "核对身份")
                .header("Authorization", bureau(A))).andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(id));
    }

    @Test
    void badInputIsRefusedWithTheFieldAndNothingIsWritten() throws Exception {
        long before = count(A);
        String wrongCheck = anElder().json().replaceAll("(\"idNumber\":\"[0-9]{17})[0-9X]\"", "$1Y\"");
        mvc.perform(post(BASE, A).header("Authorization", bureau(A)).contentType(MediaType.APPLICATION_JSON)
                .content(wrongCheck)).andExpect(status().isBadRequest());
        AnElder typo = anElder();
        String id = typo.idNumber();
        char wrong = id.charAt(17) == '1' ? '2' : '1';
        register(A, bureau(A), anElder()).andExpect(status().isCreated());
        mvc.perform(post(BASE, A).header("Authorization", bureau(A)).contentType(MediaType.APPLICATION_JSON)
                .content(typo.json().replace(id, id.substring(0, 17) + wrong)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("idNumber"))
                .andExpect(jsonPath("$.errors[0].code").value("id-number-check"));
        register(A, bureau(A), anElder().inGrid("NOPE")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("gridCode"))
                .andExpect(jsonPath("$.errors[0].code").value("grid-unknown"));
        register(A, bureau(A), anElder().aged(45, today)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("elder-too-young"));
        mvc.perform(post(BASE, A).header("Authorization", bureau(A)).header("Accept-Language", "zh-CN")
                .contentType(MediaType.APPLICATION_JSON).content(anElder().livingAlone().category("ELDERLY_ONLY").json()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("不能同时为独居和纯老家庭"));
        assertThat(count(A)).isEqualTo(before + 1);
    }

    @Test
    void oneElderPerIdNumberInATenant() throws Exception {
        AnElder first = anElder().named("赵福");
        registered(A, worker(A, C1), first);
        register(A, worker(A, C1), anElder().named("赵福").sameIdAs(first)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("elder-already-registered"));
        // another contractor is told too, without learning whose file it is
        register(A, worker(A, C2), anElder().sameIdAs(first)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("-"))));
    }

    @Test
    void aTenantSeesNothingOfAnotherAndAContractorOnlyItsOwn() throws Exception {
        String id = registered(A, worker(A, C1), anElder().named("孙玉珍"));
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", worker(A, C2))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("elder-not-found"));
        mvc.perform(get(BASE, A).param("name", "孙玉珍").header("Authorization", worker(A, C2)))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(put(BASE + "/{id}", A, id).header("Authorization", worker(A, C2))
                .contentType(MediaType.APPLICATION_JSON).content(anElder().version(0).json()))
                .andExpect(status().isNotFound());
        mvc.perform(post(BASE + "/{id}/sensitive-data", A, id).header("Authorization", worker(A, C2))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"查看\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get(BASE, A).param("name", "孙玉珍").header("Authorization", bureau(A)))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(get(BASE + "/{id}", B, id).header("Authorization", bureau(B))).andExpect(status().isNotFound());
        mvc.perform(get(BASE, B).param("name", "孙玉珍").header("Authorization", bureau(B)))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", bureau(B))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("tenant-out-of-scope"));
        assertThat(jdbc.queryForObject("select count(*) from t_530423.elder where id = ?::uuid", Long.class, id))
                .isZero();
        // contractor staff whose token lacks the contractor are refused, not given the whole tenant
        mvc.perform(get(BASE, A).header("Authorization", issuer.user(A, "care-worker").bearer()))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("contractor-claim-missing"));
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", issuer.user(A, "contractor-manager").bearer()))
                .andExpect(status().isForbidden());
        // the platform's operators are not processors of elders' data
        mvc.perform(get(BASE, A).header("Authorization", issuer.platformAdmin().bearer()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aBureauEntrustsAnElderToAContractorAndHandsItOverToAnother() throws Exception {
        AnElder elder = anElder().named("卫国强").entrustedTo(C1);
        String id = registered(A, bureau(A), elder);
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", worker(A, C1))).andExpect(status().isOk());
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", worker(A, C2))).andExpect(status().isNotFound());
        mvc.perform(put(BASE + "/{id}", A, id).header("Authorization", bureau(A)).contentType(MediaType.APPLICATION_JSON)
                .content(anElder().named("卫国强").sameIdAs(elder).entrustedTo(C2).version(0).json()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.contractorId").value(C2));
        // the former contractor loses the file at once; the new one has it
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", worker(A, C1))).andExpect(status().isNotFound());
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", worker(A, C2))).andExpect(status().isOk());
        // contractor staff register only for their own organisation
        register(A, worker(A, C1), anElder().named("卫国安").entrustedTo(C2)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("contractorId"))
                .andExpect(jsonPath("$.errors[0].code").value("contractor-not-yours"));
    }

    @Test
    void aFullReadIsAllowedToCarersOnlyAndEveryOneIsAudited() throws Exception {
        AnElder elder = anElder().named("周德明").male().withHealth("阿尔茨海默病早期", "痴呆");
        String id = registered(A, worker(A, C1), elder);
        mvc.perform(post(BASE + "/{id}/sensitive-data", A, id).header("Authorization", worker(A, C1))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"办理高龄津贴核对身份\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.idNumber").value(elder.idNumber()))
                .andExpect(jsonPath("$.birthDate").isNotEmpty())
                .andExpect(jsonPath("$.health.conditions[0]").value("痴呆"));
        // the file itself shows the age, never the birth date that would unmask the ID number
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", worker(A, C1)))
                .andExpect(jsonPath("$.birthDate").doesNotExist()).andExpect(jsonPath("$.age").isNumber());
        // no reason, no read
        mvc.perform(post(BASE + "/{id}/sensitive-data", A, id).header("Authorization", worker(A, C1))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"\"}"))
                .andExpect(status().isBadRequest());
        // an auditor reads the trail, never the data
        String auditor = issuer.user(A, "auditor").bearer();
        mvc.perform(post(BASE + "/{id}/sensitive-data", A, id).header("Authorization", auditor)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"检查\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/care/v1/tenants/{t}/sensitive-data-reads", A).param("elderId", id)
                .header("Authorization", auditor)).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].subject").value("worker-" + C1))
                .andExpect(jsonPath("$.items[0].reason").value("办理高龄津贴核对身份"))
                .andExpect(jsonPath("$.items[0].roles[0]").value("care-worker"))
                .andExpect(jsonPath("$.items[0].fields")
                        .value(org.hamcrest.Matchers.hasItems("idNumber", "birthDate", "health", "phone", "address")));
        mvc.perform(get("/api/care/v1/tenants/{t}/sensitive-data-reads", A).header("Authorization",
                worker(A, C1))).andExpect(status().isForbidden());
        try (var trail = xlsx("/api/care/v1/tenants/" + A + "/sensitive-data-reads/export?elderId=" + id, auditor)) {
            assertThat(trail.getSheetAt(0).getRow(0).getCell(7).getStringCellValue()).isEqualTo("事由");
            assertThat(trail.getSheetAt(0).getRow(1).getCell(7).getStringCellValue()).isEqualTo("办理高龄津贴核对身份");
        }
        // the trail cannot be changed, not even by the schemas' owner (the service's own login may not even try:
        // DatabaseLoginIT)
        JdbcTemplate owner = TestDatabases.asMigrationLogin(environment);
        assertThatThrownBy(() -> owner.update("update t_530402.pii_access set reason = 'x'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.update("delete from t_530402.pii_access")).hasMessageContaining("append-only");
    }

    @Test
    void twoWorkersEditingOneFileTheSecondIsToldNotOverwritten() throws Exception {
        String id = registered(A, worker(A, C1), anElder().named("吴秀兰"));
        mvc.perform(put(BASE + "/{id}", A, id).header("Authorization", worker(A, C1))
                .contentType(MediaType.APPLICATION_JSON).content(anElder().named("吴秀兰").risk("HIGH").version(0)
                        .json().replaceAll("\"idNumber\":\"[0-9X]+\"", "\"idNumber\":\"" + idNumber(A, id) + "\"")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.riskTier").value("HIGH"));
        mvc.perform(put(BASE + "/{id}", A, id).header("Authorization", worker(A, C1))
                .contentType(MediaType.APPLICATION_JSON).content(anElder().named("吴秀兰").version(0).json()
                        .replaceAll("\"idNumber\":\"[0-9X]+\"", "\"idNumber\":\"" + idNumber(A, id) + "\"")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("elder-modified"));
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", worker(A, C1)))
                .andExpect(jsonPath("$.riskTier").value("HIGH"));
    }

    @Test
    void twoWorkersSavingAtTheSameMomentOneWinsAndTheOtherGets409() throws Exception {
        String id = registered(A, worker(A, C1), anElder().named("郑国华"));
        String number = idNumber(A, id);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<String>> writers = List.of("HIGH", "PRIORITY").stream().<Callable<String>>map(risk -> () -> {
                start.await();
                var response = mvc.perform(put(BASE + "/{id}", A, id).header("Authorization", worker(A, C1))
                        .contentType(MediaType.APPLICATION_JSON).content(anElder().named("郑国华").risk(risk)
                                .version(0).json().replaceAll("\"idNumber\":\"[0-9X]+\"",
                                        "\"idNumber\":\"" + number + "\"")))
                        .andReturn().getResponse();
                return response.getStatus() == 200 ? "200"
                        : response.getStatus() + " " + JsonPath.read(response.getContentAsString(), "$.code");
            }).toList();
            List<Future<String>> results = writers.stream().map(pool::submit).toList();
            start.countDown();
            List<String> outcomes = results.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
            // the same answer whether the loser came late or lost the race at the database
            assertThat(outcomes).containsExactly("200", "409 elder-modified");
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select version from t_530402.elder where id = ?::uuid", Long.class, id))
                .isEqualTo(1);
    }

    @Test
    void statusChangesAreKeptAsHistory() throws Exception {
        String id = registered(A, bureau(A), anElder().named("钱桂英"));
        mvc.perform(post(BASE + "/{id}/status", A, id).header("Authorization", bureau(A))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"MOVED\",\"reason\":\"随子女迁往昆明\",\"version\":0}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("MOVED"));
        mvc.perform(get(BASE + "/{id}/status-history", A, id).header("Authorization", bureau(A)))
                .andExpect(jsonPath("$.length()").value(2)).andExpect(jsonPath("$[0].toStatus").value("ACTIVE"))
                .andExpect(jsonPath("$[1].fromStatus").value("ACTIVE"))
                .andExpect(jsonPath("$[1].toStatus").value("MOVED"))
                .andExpect(jsonPath("$[1].reason").value("随子女迁往昆明"));
        // moved elders leave the default list, but can be asked for
        mvc.perform(get(BASE, A).param("name", "钱桂英").header("Authorization", bureau(A)))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get(BASE, A).param("name", "钱桂英").param("status", "MOVED").header("Authorization", bureau(A)))
                .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void searchByCategoryGridRiskResponsibleAndOverdueWorkPagedAndSorted() throws Exception {
        String worker = worker(B, C1);
        registered(B, worker, anElder().named("检索甲").registeredIn(B).aged(92, today).inGrid("H01").livingAlone()
                .risk("HIGH").responsible("李网格"));
        registered(B, worker, anElder().named("检索乙").registeredIn(B).aged(70, today).inGrid("H01")
                .category("SUBSISTENCE").responsible("李网格"));
        registered(B, worker, anElder().named("检索丙").registeredIn(B).aged(81, today).inGrid("H01"));
        mvc.perform(get(BASE, B).param("category", "HIGH_AGE").param("name", "检索").header("Authorization", worker))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get(BASE, B).param("category", "SUBSISTENCE").header("Authorization", worker))
                .andExpect(jsonPath("$.items[0].name").value("检索乙"));
        mvc.perform(get(BASE, B).param("riskTier", "HIGH").param("gridCode", "H01").header("Authorization", worker))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(get(BASE, B).param("responsible", "李网格").param("sort", "AGE").param("descending", "false")
                .header("Authorization", worker)).andExpect(jsonPath("$.items[0].name").value("检索甲"))
                .andExpect(jsonPath("$.items[1].name").value("检索乙"));
        mvc.perform(get(BASE, B).param("overdue", "true").param("name", "检索").param("size", "2")
                .param("page", "1").header("Authorization", worker))
                .andExpect(jsonPath("$.total").value(3)).andExpect(jsonPath("$.items.length()").value(1));
        mvc.perform(get(BASE, B).param("name", "%").header("Authorization", worker))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void theCityIsToldOfAPersonRegisteredInTwoOfItsDistricts() throws Exception {
        AnElder person = anElder().named("何长青").registeredIn("530425");
        String inA = registered(A, bureau(A), person);
        String inB = registered(B, bureau(B), anElder().named("何长青").sameIdAs(person).inGrid("H01"));
        String city = issuer.user(CITY, "bureau-admin").bearer();
        String body = mvc.perform(get("/api/care/v1/tenants/{t}/elder-duplicates", CITY).header("Authorization", city))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(body, "$[?(@.registrations[0].name=='何长青')].registrations[*].elderId");
        assertThat(ids).containsExactlyInAnyOrder(inA, inB);
        assertThat(body).doesNotContain(person.idNumber());
        try (var report = xlsx("/api/care/v1/tenants/" + CITY + "/elder-duplicates/export", city)) {
            var rows = new java.util.ArrayList<String>();
            report.getSheetAt(0).forEach(r -> rows.add(r.getCell(2).getStringCellValue()));
            assertThat(rows).contains("何长青");
        }
        mvc.perform(get("/api/care/v1/tenants/{t}/elder-duplicates", A).header("Authorization", city))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("city-required"));
        mvc.perform(get("/api/care/v1/tenants/{t}/elder-duplicates", CITY).header("Authorization", bureau(A)))
                .andExpect(status().isForbidden());
        // both files stay: reported, not merged
        assertThat(jdbc.queryForObject("select count(*) from t_530402.elder where id = ?::uuid", Long.class, inA))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from t_530423.elder where id = ?::uuid", Long.class, inB))
                .isEqualTo(1);
    }

    // ---- finding 2: the exact-ID search is no oracle ----

    @Test
    void theExactIdSearchIsForThoseWhoMayRevealWithAReasonRecordedAndLimited() throws Exception {
        AnElder elder = anElder().named("检号甲").aged(83, today).entrustedTo(C1);
        String id = registered(A, bureau(A), elder);
        String auditor = issuer.user(A, "auditor").bearer();
        // an auditor may not ask whether a number is on file, neither by the list nor by the export
        mvc.perform(get(BASE, A).param("idNumber", elder.idNumber()).param("reason", "检查")
                .header("Authorization", auditor)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("id-search-not-allowed"));
        mvc.perform(get(BASE + "/export", A).param("idNumber", elder.idNumber()).param("reason", "检查")
                .header("Authorization", auditor)).andExpect(status().isForbidden());
        // nor learns whether a guess is a valid number
        mvc.perform(get(BASE, A).param("idNumber", "530402194001011234").header("Authorization", auditor))
                .andExpect(status().isForbidden());
        String searcher = issuer.user(A, "care-worker").contractor(C1).subject("id-searcher").bearer();
        mvc.perform(get(BASE, A).param("idNumber", elder.idNumber()).header("Authorization", searcher))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(get(BASE, A).param("idNumber", elder.idNumber()).param("reason", "上门核对身份")
                .header("Authorization", searcher)).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id));
        // recorded as a sensitive read: who, why, the number's keyed hash (never the number), the trace
        var row = jdbc.queryForMap("select a.*, a.id_number_hash = e.id_number_hash as same_hash from "
                + "t_530402.pii_access a, t_530402.elder e where e.id = ?::uuid and a.subject = 'id-searcher'", id);
        assertThat(row.get("same_hash")).isEqualTo(true);
        assertThat(row.get("reason")).isEqualTo("上门核对身份");
        assertThat(jdbc.queryForObject("select a::text from t_530402.pii_access a where subject = 'id-searcher'",
                String.class)).doesNotContain(elder.idNumber()).contains("idNumberSearch");
        mvc.perform(get("/api/care/v1/tenants/{t}/sensitive-data-reads", A).header("Authorization", auditor))
                .andExpect(jsonPath("$.items[?(@.subject == 'id-searcher')].fields[0]").value("idNumberSearch"));
        // five a minute: the sixth is refused with the time to wait
        for (int i = 0; i < 4; i++) {
            mvc.perform(get(BASE, A).param("idNumber", "530402194001011234").param("reason", "核对")
                    .header("Authorization", searcher)).andExpect(status().isBadRequest());
            // an invalid number is refused before it is counted; a valid one that is not on file is counted
            mvc.perform(get(BASE, A).param("idNumber", anElder().idNumber()).param("reason", "核对")
                    .header("Authorization", searcher)).andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").value(0));
        }
        var limited = mvc.perform(get(BASE, A).param("idNumber", elder.idNumber()).param("reason", "核对")
                .header("Authorization", searcher)).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("id-search-rate-limited")).andReturn().getResponse();
        assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 61);
        // another user is not held back by this one
        mvc.perform(get(BASE, A).param("idNumber", elder.idNumber()).param("reason", "核对")
                .header("Authorization", bureau(A))).andExpect(status().isOk());
        // the views give no piece that rebuilds the number: the last four only, and to an auditor no exact age
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", auditor))
                .andExpect(jsonPath("$.idNumber").value("**************" + elder.idNumber().substring(14)))
                .andExpect(jsonPath("$.age").doesNotExist()).andExpect(jsonPath("$.ageBand").value("80-84"));
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", worker(A, C1)))
                .andExpect(jsonPath("$.age").value(83)).andExpect(jsonPath("$.ageBand").value("80-84"));
        try (var sheet = xlsx("/api/care/v1/tenants/" + A + "/elders/export?name=检号甲", auditor)) {
            var header = sheet.getSheetAt(0).getRow(0);
            var first = sheet.getSheetAt(0).getRow(1);
            for (int c = 0; c < header.getLastCellNum(); c++) {
                String value = new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(first.getCell(c));
                if ("年龄".equals(header.getCell(c).getStringCellValue())) {
                    assertThat(value).isEqualTo("80-84");
                }
                if ("身份证号".equals(header.getCell(c).getStringCellValue())) {
                    assertThat(value).isEqualTo("**************" + elder.idNumber().substring(14));
                }
            }
        }
    }

    // ---- finding 13: contact data masked everywhere but the audited read ----

    @Test
    void phonesAndAddressesAreMaskedInEveryViewAndExportAndReadInFullOnlyThroughTheAuditedRead() throws Exception {
        AnElder elder = anElder().named("掩码乙").entrustedTo(C1);
        String id = registered(A, bureau(A), elder);
        for (String reader : List.of(issuer.user(A, "auditor").bearer(), bureau(A), worker(A, C1))) {
            String body = mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", reader))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.phone").value("139****0001"))
                    .andExpect(jsonPath("$.address").value("北苑路****"))
                    .andExpect(jsonPath("$.emergencyContacts[0].phone").value("139****0002"))
                    .andExpect(jsonPath("$.household[0].phone").value("139****0002"))
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).doesNotContain("13987700001").doesNotContain("13987700002").doesNotContain("401室");
            try (var sheet = xlsx("/api/care/v1/tenants/" + A + "/elders/export?name=掩码乙", reader)) {
                StringBuilder all = new StringBuilder();
                sheet.getSheetAt(0).forEach(r -> r.forEach(c -> all.append(
                        new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(c)).append('|')));
                assertThat(all.toString()).contains("139****0001").doesNotContain("13987700001")
                        .doesNotContain("401室");
            }
        }
        // the full values through the audited read, recorded as such
        mvc.perform(post(BASE + "/{id}/sensitive-data", A, id).header("Authorization", worker(A, C1))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"电话联系家属\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.phone").value("13987700001"))
                .andExpect(jsonPath("$.address").value("北苑路12号3栋2单元401室"))
                .andExpect(jsonPath("$.emergencyContacts[0].phone").value("13987700002"));
        assertThat(jdbc.queryForObject("select count(*) from t_530402.pii_access where elder_id = ?::uuid "
                + "and fields @> array['phone', 'address']::text[]", Integer.class, id)).isEqualTo(1);
        // a change that sends the masked address back keeps the address on file
        mvc.perform(put(BASE + "/{id}", A, id).header("Authorization", bureau(A)).contentType(MediaType.APPLICATION_JSON)
                .content(elder.json().replace("北苑路12号3栋2单元401室", "北苑路****").replace("\"version\":null",
                        "\"version\":0"))).andExpect(status().isOk());
        assertThat(jdbc.queryForObject("select address from t_530402.elder where id = ?::uuid", String.class, id))
                .isEqualTo("北苑路12号3栋2单元401室");
    }

    @Test
    void volunteersPhonesAndBirthDatesAreMaskedAndReadInFullOnlyThroughTheAuditedRead() throws Exception {
        String created = mvc.perform(post("/api/care/v1/tenants/{t}/volunteers", A).header("Authorization", bureau(A))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"掩码志愿者\",\"phone\":\"13987711111\","
                        + "\"kind\":\"LOW_AGE_ELDER\",\"birthDate\":\"1958-06-01\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String volunteer = JsonPath.read(created, "$.id");
        for (String reader : List.of(issuer.platformAdmin().bearer(), issuer.user(A, "auditor").bearer(), bureau(A))) {
            String body = mvc.perform(get("/api/care/v1/tenants/{t}/volunteers/{id}", A, volunteer)
                    .header("Authorization", reader)).andExpect(status().isOk())
                    .andExpect(jsonPath("$.phone").value("139****1111")).andExpect(jsonPath("$.age").isNumber())
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).doesNotContain("13987711111").doesNotContain("1958-06-01");
        }
        String reveal = "/api/care/v1/tenants/{t}/volunteers/{id}/sensitive-data";
        for (String refused : List.of(issuer.platformAdmin().bearer(), issuer.user(A, "auditor").bearer())) {
            mvc.perform(post(reveal, A, volunteer).header("Authorization", refused)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"联系\"}"))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post(reveal, A, volunteer).header("Authorization", bureau(A))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"安排结对\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.phone").value("13987711111"))
                .andExpect(jsonPath("$.birthDate").value("1958-06-01"));
        assertThat(jdbc.queryForObject("select count(*) from t_530402.pii_access where volunteer_id = ?::uuid "
                + "and reason = '安排结对'", Integer.class, volunteer)).isEqualTo(1);
    }

    // ---- finding 21: nothing in clear that rebuilds the number ----

    @Test
    void theBirthDateIsKeptOnlyEncryptedAndRowsOfBeforeAreSealed(@Autowired org.warmnest.care.pii.PiiRotation rotation)
            throws Exception {
        LocalDate born = today.minusYears(80);
        AnElder turned = anElder().named("封存甲").born(born.getYear(), born.getMonthValue(), born.getDayOfMonth());
        LocalDate tomorrow80 = today.minusYears(80).plusDays(1);
        AnElder notYet = anElder().named("封存乙").born(tomorrow80.getYear(), tomorrow80.getMonthValue(),
                tomorrow80.getDayOfMonth());
        String id = registered(A, bureau(A), turned);
        registered(A, bureau(A), notYet);
        String row = jdbc.queryForObject("select e::text from t_530402.elder e where id = ?::uuid", String.class, id);
        assertThat(row).doesNotContain(born.toString()).doesNotContain(born.toString().replace("-", ""));
        assertThat(jdbc.queryForObject("select birth_date_cipher from t_530402.elder where id = ?::uuid", String.class,
                id)).startsWith("sm4gcm:test1:");
        // 高龄 from the day of the 80th birthday, not a day earlier, though only the year is in clear
        mvc.perform(get(BASE, A).param("category", "HIGH_AGE").param("name", "封存").header("Authorization", bureau(A)))
                .andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].name").value("封存甲"));
        // a row written before the date was sealed: read as it is, then sealed in the background
        jdbc.update("update t_530402.elder set birth_date = ?, birth_date_cipher = null where id = ?::uuid", born, id);
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", bureau(A))).andExpect(jsonPath("$.age").value(80));
        rotation.rotateAll();
        assertThat(rotation.unsealed()).isZero();
        assertThat(jdbc.queryForObject("select birth_date from t_530402.elder where id = ?::uuid", LocalDate.class, id))
                .isNull();
        mvc.perform(get(BASE + "/{id}", A, id).header("Authorization", bureau(A))).andExpect(jsonPath("$.age").value(80));
        mvc.perform(post(BASE + "/{id}/sensitive-data", A, id).header("Authorization", bureau(A))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"核对\"}"))
                .andExpect(jsonPath("$.birthDate").value(born.toString()));
    }

    @Test
    void aBureauEntrustsOnlyToAContractorItHasEngaged() throws Exception {
        // contractors of this test alone: tenant-service's stand-in answers for every test of the JVM
        String unknown = java.util.UUID.randomUUID().toString();
        String ended = java.util.UUID.randomUUID().toString();
        TenantServiceStub.notEngaged(A, unknown);
        TenantServiceStub.engagementEnded(A, ended);
        long before = count(A);
        for (String contractor : List.of(unknown, ended)) {
            register(A, bureau(A), anElder().named("未受托").entrustedTo(contractor))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("contractor-not-engaged"));
        }
        // engaged in the sibling district is not engaged here
        TenantServiceStub.engaged(B, unknown);
        register(A, bureau(A), anElder().named("未受托").entrustedTo(unknown)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("contractor-not-engaged"));
        assertThat(count(A)).isEqualTo(before);
        // nor is a file handed over to one
        AnElder elder = anElder().named("韦国安").entrustedTo(C1);
        String id = registered(A, bureau(A), elder);
        mvc.perform(put(BASE + "/{id}", A, id).header("Authorization", bureau(A)).contentType(MediaType.APPLICATION_JSON)
                .content(anElder().named("韦国安").sameIdAs(elder).entrustedTo(ended).version(0).json()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("contractor-not-engaged"));
        assertThat(jdbc.queryForObject("select contractor_id::text from t_530402.elder where id = ?::uuid",
                String.class, id)).isEqualTo(C1);
        // tenant-service cannot say: nothing is written, and the caller may try again
        TenantServiceStub.engagementsDown(A, C2);
        try {
            register(A, bureau(A), anElder().named("未受托").entrustedTo(C2))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.code").value("engagements-unavailable"));
            mvc.perform(put(BASE + "/{id}", A, id).header("Authorization", bureau(A))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(anElder().named("韦国安").sameIdAs(elder).entrustedTo(C2).version(0).json()))
                    .andExpect(status().isServiceUnavailable());
            // a change that keeps the contractor needs no answer
            mvc.perform(put(BASE + "/{id}", A, id).header("Authorization", bureau(A))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(anElder().named("韦国安").sameIdAs(elder).entrustedTo(C1).version(0).json()))
                    .andExpect(status().isOk());
        } finally {
            TenantServiceStub.engaged(A, C1, C2);
        }
        assertThat(count(A)).isEqualTo(before + 1);
    }

    @Test
    void whenTenantServiceCannotAnswerNothingIsWritten() throws Exception {
        long before = count(B);
        TenantServiceStub.down(B);
        try {
            register(B, bureau(B), anElder().registeredIn(B).inGrid("H01"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.code").value("area-directory-unavailable"));
        } finally {
            TenantServiceStub.areas(B, "H01");
        }
        assertThat(count(B)).isEqualTo(before);
    }

    private String idNumber(String tenant, String id) throws Exception {
        String body = mvc.perform(post(BASE + "/{id}/sensitive-data", tenant, id).header("Authorization",
                bureau(tenant)).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"测试\"}"))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.idNumber");
    }

    private org.apache.poi.ss.usermodel.Workbook xlsx(String url, String token) throws Exception {
        var result = mvc.perform(get(url).header("Authorization", token)).andExpect(status().isOk()).andReturn();
        if (result.getRequest().isAsyncStarted()) {
            result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .asyncDispatch(result)).andReturn();
        }
        return org.apache.poi.ss.usermodel.WorkbookFactory.create(
                new java.io.ByteArrayInputStream(result.getResponse().getContentAsByteArray()));
    }

    private long count(String tenant) {
        return jdbc.queryForObject("select count(*) from t_" + tenant + ".elder", Long.class);
    }

    private static String idOf(ResultActions result) throws Exception {
        return JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id");
    }
}
