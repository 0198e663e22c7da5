package org.warmnest.care;

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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.TestIssuer;

import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.json.JsonMapper;

/**
 * Test data for features about elders (plans, visits): tenants provisioned with grids in the tenant-service stub,
 * elders registered through the API, and requests sent as JSON.
 */
public final class CareFixtures {

    public static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    public static final String GRID = "G01";
    public static final String GRID_2 = "G02";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

    private CareFixtures() {
    }

    /** A city and its districts, active, each with grids {@link #GRID} and {@link #GRID_2}; safe to repeat. */
    public static void provision(TenantProvisioner provisioner, String city, String... districts) {
        provisioner.provision(TenantCode.of(city), null, city);
        provisioner.registry().setStatus(TenantCode.of(city), TenantStatus.ACTIVE);
        for (String d : districts) {
            provisioner.provision(TenantCode.of(d), TenantCode.of(city), d);
            provisioner.registry().setStatus(TenantCode.of(d), TenantStatus.ACTIVE);
            TenantServiceStub.areas(d, GRID, GRID_2);
        }
    }

    /** An elder registered by the bureau, entrusted to the contractor (if given). */
    public static UUID elder(MockMvc mvc, String tenant, String contractor, String riskTier, String... categories)
            throws Exception {
        Map<String, Object> elder = new LinkedHashMap<>();
        elder.put("name", "李桂芳");
        elder.put("idNumber", idNumber(tenant));
        elder.put("gridCode", GRID);
        elder.put("categories", categories.length == 0 ? List.of("EMPTY_NEST") : List.of(categories));
        elder.put("riskTier", riskTier);
        elder.put("consentGiven", true);
        if (contractor != null) {
            TenantServiceStub.engaged(tenant, contractor);
            elder.put("contractorId", contractor);
        }
        String created = send(mvc, post("/api/care/v1/tenants/{t}/elders", tenant),
                TestIssuer.get().user(tenant, "bureau-admin").bearer(), elder)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return UUID.fromString(JsonPath.read(created, "$.id"));
    }

    public static ResultActions send(MockMvc mvc, MockHttpServletRequestBuilder request, String bearer, Object body)
            throws Exception {
        return mvc.perform(request.header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content(body instanceof String s ? s : JSON.writeValueAsString(body)));
    }

    public static ResultActions read(MockMvc mvc, MockHttpServletRequestBuilder request, String bearer)
            throws Exception {
        return mvc.perform(request.header("Authorization", bearer));
    }

    public static String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString();
    }

    /** A valid resident ID number (GB 11643) of the division, born in 1938 or later, unique per run. */
    public static String idNumber(String division) {
        int n = SEQUENCE.getAndIncrement();
        LocalDate birth = LocalDate.of(1938, 3, 1).plusDays(n / 400);
        String first17 = division + birth.toString().replace("-", "") + String.format("%03d", 500 + n % 400);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
