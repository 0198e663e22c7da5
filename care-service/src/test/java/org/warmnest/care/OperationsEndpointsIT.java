package org.warmnest.care;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.test.ServiceTest;

/** What an operator and a client developer reach without a token: probes, metrics and the API description. */
@ServiceTest
class OperationsEndpointsIT {

    @Autowired
    MockMvc mvc;

    @Test
    void probesMetricsAndOpenApiAreServed() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("jvm_memory_used_bytes")))
                .andExpect(content().string(Matchers.containsString("hikaricp_connections")));
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/care/v1/tenants/{tenant}/volunteers']").exists())
                .andExpect(jsonPath("$.paths['/internal/v1/provisioning/tenants/{code}']").exists())
                .andExpect(jsonPath("$.paths['/api/care/v1/tenants/{tenant}/ledgers/alerts/export']").exists());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
        // anything else of actuator stays closed
        mvc.perform(get("/actuator/env")).andExpect(status().isUnauthorized());
    }
}
