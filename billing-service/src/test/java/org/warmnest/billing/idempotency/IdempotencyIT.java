package org.warmnest.billing.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.BillingFixtures.T;
import static org.warmnest.billing.BillingFixtures.body;
import static org.warmnest.billing.BillingFixtures.today;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.billing.BillingFixtures;
import org.warmnest.billing.NeighbourStub;
import org.warmnest.billing.TestIdempotencyKeys;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.json.JsonMapper;

/**
 * Money moves once per Idempotency-Key: the same key and request give the first outcome again, another request
 * under the key is refused, a duplicate under way is told so, and a passing failure leaves the key free.
 */
@ServiceTest
class IdempotencyIT {

    static final String CITY = "530400";
    static final String A = "530402";
    static final String B = "530423";
    static final UUID PROGRAM = UUID.fromString("53000000-0000-0000-0000-0000000000a1");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    final TestIssuer issuer = TestIssuer.get();
    final String finance = issuer.user(CITY, "finance-officer").subject("finance-idem").bearer();

    @BeforeEach
    void setUp(@Autowired TenantProvisioner provisioner) {
        BillingFixtures.activate(provisioner, CITY, A, B);
    }

    ResultActions post(String path, String bearer, String key, Object body, Object... vars) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path, vars)
                .header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body));
        request = key == null ? request.header(TestIdempotencyKeys.WITHOUT, "yes")
                : request.header(IdempotentRequests.HEADER, key);
        return mvc.perform(request);
    }

    static Map<String, Object> allocation(String amount) {
        return Map.of("source", "MUNICIPAL_LOTTERY", "fiscalYear", today().getYear(), "documentNumber",
                "玉民发〔2026〕" + UUID.randomUUID().toString().substring(0, 6) + "号", "purpose", "幂等测试", "amount", amount);
    }

    long allocationsNamed(String document) {
        return jdbc.queryForObject("select count(*) from t_" + CITY + ".allocation where document_number = ?",
                Long.class, document);
    }

    @Test
    void theSameKeyAndRequestGiveTheFirstOutcomeAndAnotherRequestIsRefused() throws Exception {
        Map<String, Object> body = allocation("1000.00");
        String key = UUID.randomUUID().toString();
        String first = body(post(T + "/allocations", finance, key, body, CITY).andExpect(status().isCreated()));
        post(T + "/allocations", finance, key, body, CITY).andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.id").value((String) JsonPath.read(first, "$.id")));
        assertThat(allocationsNamed((String) body.get("documentNumber"))).isEqualTo(1);
        post(T + "/allocations", finance, key, allocation("1000.01"), CITY).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("idempotency-key-reused"));
        // the same key and body from someone else is another request
        post(T + "/allocations", issuer.user(CITY, "finance-officer").bearer(), key, body, CITY)
                .andExpect(status().isUnprocessableContent());
        post(T + "/allocations", finance, null, body, CITY).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("idempotency-key-required"));
        post(T + "/allocations", finance, "short", body, CITY).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("idempotency-key-invalid"));
        // who may not call it is refused as such, key or not
        post(T + "/allocations", issuer.user(CITY, "auditor").bearer(), null, body, CITY)
                .andExpect(status().isForbidden());
    }

    @Test
    void aRefusalIsTheOutcomeTooAndNothingMovesOnTheRetry() throws Exception {
        String allocationId = JsonPath.read(body(post(T + "/allocations", finance, UUID.randomUUID().toString(),
                allocation("1000.00"), CITY).andExpect(status().isCreated())), "$.id");
        String line = JsonPath.read(body(post(T + "/allocations/{id}/lines", finance, UUID.randomUUID().toString(),
                Map.of("phase", 1, "districtCode", A, "name", "一期", "amount", "600.00"), CITY, allocationId)
                .andExpect(status().isCreated())), "$.id");
        String key = UUID.randomUUID().toString();
        Map<String, Object> more = Map.of("change", "400.01", "reason", "追加");
        post(T + "/budget-lines/{id}/adjustments", finance, key, more, CITY, line).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("allocation-insufficient-unbudgeted"));
        long entries = jdbc.queryForObject("select count(*) from t_" + CITY + ".journal_entry", Long.class);
        post(T + "/budget-lines/{id}/adjustments", finance, key, more, CITY, line).andExpect(status().isConflict())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.code").value("allocation-insufficient-unbudgeted"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("400.01")));
        String moved = UUID.randomUUID().toString();
        Map<String, Object> less = Map.of("change", "-100.00", "reason", "调回");
        post(T + "/budget-lines/{id}/adjustments", finance, moved, less, CITY, line).andExpect(status().isOk())
                .andExpect(jsonPath("$.allocated").value("500.00"));
        post(T + "/budget-lines/{id}/adjustments", finance, moved, less, CITY, line).andExpect(status().isOk())
                .andExpect(jsonPath("$.allocated").value("500.00"));
        assertThat(jdbc.queryForObject("select count(*) from t_" + CITY + ".journal_entry", Long.class))
                .isEqualTo(entries + 1);
    }

    @Test
    void aDuplicateUnderWayIsToldSoAndAPassingFailureLeavesTheKeyFree() throws Exception {
        UUID contractor = UUID.randomUUID();
        String uscc = "52530400MJ" + String.format("%08d", Math.abs(contractor.getLeastSignificantBits() % 100_000_000L));
        NeighbourStub.contractor(contractor, uscc, "暖阳");
        List<String> lines = BillingFixtures.lines(mvc, finance, CITY, "300000.00", A);
        String bureau = issuer.user(CITY, "bureau-admin").bearer();
        Map<String, Object> contract = BillingFixtures.contract("YX-" + UUID.randomUUID(), contractor, uscc, PROGRAM,
                CITY, List.of(A), "1000.00", today(), null);
        String id = JsonPath.read(body(BillingFixtures.send(mvc, T + "/contracts", bureau, contract, CITY)
                .andExpect(status().isCreated())), "$.id");
        Map<String, Object> signing = Map.of("signedOn", today().toString(), "commitments",
                List.of(Map.of("lineId", lines.get(0), "amount", "1000.00")));
        String key = UUID.randomUUID().toString();
        NeighbourStub.engagementsDown(A);
        post(T + "/contracts/{id}/sign", finance, key, signing, CITY, id).andExpect(status().isServiceUnavailable());
        // tenant-service answers slowly: two requests with the same key at once
        NeighbourStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/tenants/v1/tenants/" + A
                        + "/engagements")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withHeader("Content-Type", "application/json").withFixedDelay(1500)
                        .withBody("[{\"id\":\"" + UUID.randomUUID() + "\",\"contractorId\":\"" + contractor
                                + "\",\"programOwner\":\"530400\",\"programId\":\"" + PROGRAM
                                + "\",\"startDate\":\"2025-01-01\",\"endDate\":null,\"status\":\"ACTIVE\"}]")));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<Integer> call = () -> post(T + "/contracts/{id}/sign", finance, key, signing, CITY, id)
                        .andReturn().getResponse().getStatus();
                results.add(pool.submit(call));
                Thread.sleep(300);
            }
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(statuses).containsExactly(200, 409);
        post(T + "/contracts/{id}/sign", finance, key, signing, CITY, id).andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.status").value("SIGNED"));
        assertThat(jdbc.queryForObject("select count(*) from t_" + CITY + ".journal_entry where contract_id = ?::uuid"
                + " and kind = 'COMMITMENT'", Long.class, id)).isEqualTo(1);
    }

    @Test
    void finishedKeysAreForgottenAfterTheKeepingPeriodUnfinishedOnesNever(@Autowired KeyCleanup cleanup)
            throws Exception {
        String t = "t_" + CITY;
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        String unfinished = "unfinished-" + UUID.randomUUID();
        jdbc.update("insert into " + t + ".idempotency_request (key, operation, fingerprint, state, status,"
                + " created_at, completed_at) values (?, 'POST x', 'f', 'DONE', 200, now() - interval '40 days',"
                + " now() - interval '40 days'), (?, 'POST x', 'f', 'DONE', 200, now(), now()),"
                + " (?, 'POST x', 'f', 'IN_PROGRESS', null, now() - interval '40 days', null)", old, recent,
                unfinished);
        assertThat(cleanup.forget(org.warmnest.platform.tenancy.TenantCode.of(CITY))).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("select key from " + t + ".idempotency_request where key in (?, ?, ?)",
                String.class, old, recent, unfinished)).containsExactlyInAnyOrder(recent, unfinished);
    }
}
