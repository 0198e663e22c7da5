package org.warmnest.billing.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.billing.allocation.AllocationJson.anAllocation;
import static org.warmnest.billing.allocation.AllocationJson.anAmendment;
import static org.warmnest.billing.allocation.BillingTenants.A;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

/** What finance may record, in what form, and who may record or read it. Acts in tenant A only. */
@ServiceTest
class AllocationRulesIT {

    private static final String ALLOCATIONS = "/api/billing/v1/tenants/{t}/allocations";

    @Autowired
    MockMvc mvc;

    final TestIssuer issuer = TestIssuer.get();
    final String finance = issuer.user(A, "finance-officer").bearer();

    @BeforeEach
    void tenants(@Autowired TenantProvisioner provisioner) {
        BillingTenants.activate(provisioner, A);
    }

    @Test
    void anAmountIsExactToTheFenAndAlwaysAStringWithTwoDecimals() throws Exception {
        create(finance, anAllocation().with("amount", "1200000").json())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.originalAmount").value("1200000.00"))
                .andExpect(jsonPath("$.currentAmount").value("1200000.00"));
        // A JSON number is read exactly from its text, never through a double.
        create(finance, anAllocation().with("amount", new BigDecimal("12345678901234567.89")).json())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.currentAmount").value("12345678901234567.89"));
        create(finance, anAllocation().with("amount", "0.01").json())
                .andExpect(status().isCreated()).andExpect(jsonPath("$.currentAmount").value("0.01"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "100.123", "0.001" })
    void anAmountWithThreeDecimalsIsRefused(String amount) throws Exception {
        create(finance, anAllocation().with("amount", amount).json())
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.type").value("urn:warmnest:problem:validation-failed"))
                .andExpect(jsonPath("$.title").value("请求内容不合法"))
                .andExpect(jsonPath("$.errors[0].field").value("amount"))
                .andExpect(jsonPath("$.errors[0].code").value("Digits"))
                .andExpect(jsonPath("$.errors[0].message").value("须为以元为单位的金额，最多 2 位小数（到分）"));
    }

    @Test
    void aNumberWithThreeDecimalsIsRefusedTooAndExplainedInEnglishOnRequest() throws Exception {
        create(finance, anAllocation().with("amount", new BigDecimal("100.123")).json(), "en")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.title").value("The request is not valid"))
                .andExpect(jsonPath("$.errors[0].field").value("amount"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("must be an amount in yuan with at most 2 decimal places (fen)"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1.00", "0", "0.00" })
    void anAmountMustBeGreaterThanZero(String amount) throws Exception {
        create(finance, anAllocation().with("amount", amount).json())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("amount"))
                .andExpect(jsonPath("$.errors[0].code").value("Positive"))
                .andExpect(jsonPath("$.errors[0].message").value("须大于零"));
        create(finance, anAllocation().with("amount", amount).json(), "en")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("must be greater than zero"));
    }

    @Test
    void missingFieldsAreEachReported() throws Exception {
        create(finance, anAllocation().without("amount").json())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("amount"))
                .andExpect(jsonPath("$.errors[0].code").value("NotNull"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("须填写金额")));
        create(finance, anAllocation().without("amount").json(), "en")
                .andExpect(jsonPath("$.errors[0].message").value(containsString("an amount in yuan is required")));
        create(finance, "{}", "en")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(5))
                .andExpect(jsonPath("$.errors[?(@.field == 'documentNumber')].message").value("must not be blank"))
                .andExpect(jsonPath("$.errors[?(@.field == 'fiscalYear')].code").value("NotNull"));
        create(finance, anAllocation().with("fiscalYear", 1999).json())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("fiscalYear"))
                .andExpect(jsonPath("$.errors[0].message").value("不能小于 2000"));
        create(finance, anAllocation().with("source", "LOTTERY").json())
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("malformed-request"));
    }

    @Test
    void anAmendmentIsValidatedLikeTheAllocationAndMustChangeTheAmount() throws Exception {
        String id = JsonPath.read(create(finance, anAllocation().json()).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        amend(finance, id, anAmendment().with("newAmount", "1500000.001").json())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("newAmount"))
                .andExpect(jsonPath("$.errors[0].code").value("Digits"));
        amend(finance, id, anAmendment().with("newAmount", "-5").json())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("Positive"));
        amend(finance, id, anAmendment().without("newAmount").without("reason").json())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(2));
        amend(finance, id, anAmendment().with("newAmount", "1200000").json())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("allocation-amount-unchanged"));
        amend(finance, id, anAmendment().with("newAmount", "900000.50").json())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.currentAmount").value("900000.50"));
        amend(finance, id, anAmendment().with("newAmount", "1000000").with("documentNumber", "玉民发〔2025〕40号").json())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.originalAmount").value("1200000.00"))
                .andExpect(jsonPath("$.currentAmount").value("1000000.00"))
                .andExpect(jsonPath("$.amendments[1].sequence").value(2))
                .andExpect(jsonPath("$.amendments[1].previousAmount").value("900000.50"));
    }

    @Test
    void concurrentAmendmentsFormOneUnbrokenChain() throws Exception {
        String id = JsonPath.read(create(finance, anAllocation().json()).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                String amount = (1200000 + i * 1000) + ".00";
                statuses.add(pool.submit(() -> amend(finance, id, anAmendment().with("newAmount", amount).json())
                        .andReturn().getResponse().getStatus()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        String body = mvc.perform(get(ALLOCATIONS + "/{id}", A, id).header("Authorization", finance))
                .andReturn().getResponse().getContentAsString();
        List<Integer> sequences = JsonPath.read(body, "$.amendments[*].sequence");
        List<String> previous = JsonPath.read(body, "$.amendments[*].previousAmount");
        List<String> next = JsonPath.read(body, "$.amendments[*].newAmount");
        assertThat(sequences).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(previous.get(0)).isEqualTo("1200000.00");
        for (int i = 1; i < n; i++) {
            assertThat(previous.get(i)).as("amendment %d starts where %d ended", i + 1, i).isEqualTo(next.get(i - 1));
        }
        assertThat((String) JsonPath.read(body, "$.currentAmount")).isEqualTo(next.get(n - 1));
    }

    @Test
    void aCareWorkerCanNeitherRecordNorRead() throws Exception {
        String careWorker = issuer.user(A, "care-worker").bearer();
        create(careWorker, anAllocation().json())
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"));
        mvc.perform(get(ALLOCATIONS, A).header("Authorization", careWorker))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"));
    }

    @Test
    void auditorsAndBureauAdminsReadButNeverWrite() throws Exception {
        String id = JsonPath.read(create(finance, anAllocation().json()).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        for (String reader : new String[] { issuer.user(A, "auditor").bearer(),
                issuer.user(A, "bureau-admin").bearer() }) {
            mvc.perform(get(ALLOCATIONS, A).header("Authorization", reader)).andExpect(status().isOk());
            mvc.perform(get(ALLOCATIONS + "/{id}", A, id).header("Authorization", reader))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.currentAmount").value("1200000.00"));
            create(reader, anAllocation().json())
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"));
            amend(reader, id, anAmendment().json())
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("access-denied"));
        }
        // A platform admin writes in any tenant.
        create(issuer.platformAdmin().bearer(), anAllocation().json()).andExpect(status().isCreated());
        mvc.perform(get(ALLOCATIONS + "/{id}", A, id).header("Authorization", finance))
                .andExpect(jsonPath("$.amendments").isEmpty());
    }

    @Test
    void theListFiltersByYearAndSource() throws Exception {
        create(finance, anAllocation().with("fiscalYear", 2031).with("source", "CENTRAL_LOTTERY").json())
                .andExpect(status().isCreated());
        create(finance, anAllocation().with("fiscalYear", 2031).with("source", "GENERAL_BUDGET").json())
                .andExpect(status().isCreated());
        mvc.perform(get(ALLOCATIONS, A).param("fiscalYear", "2031").param("source", "CENTRAL_LOTTERY")
                .header("Authorization", finance))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].source").value("CENTRAL_LOTTERY"))
                .andExpect(jsonPath("$.items[0].amendments").doesNotExist());
        mvc.perform(get(ALLOCATIONS, A).param("size", "500").header("Authorization", finance))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    private ResultActions create(String bearer, String body) throws Exception {
        return create(bearer, body, null);
    }

    private ResultActions create(String bearer, String body, String language) throws Exception {
        var request = post(ALLOCATIONS, A).header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return mvc.perform(request);
    }

    private ResultActions amend(String bearer, String id, String body) throws Exception {
        return mvc.perform(post(ALLOCATIONS + "/{id}/amendments", A, id).header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
