package org.warmnest.billing.allocation;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.test.ServiceTest;

/** The document the gateway's Swagger UI shows: the allocation endpoints, with amounts as strings. */
@ServiceTest
class AllocationApiDocsIT {

    @Autowired
    MockMvc mvc;

    @Test
    void theOpenApiDocumentDescribesAllocationsWithAmountsAsStrings() throws Exception {
        String path = "$.paths['/api/billing/v1/tenants/{tenant}/allocations";
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath(path + "']").exists())
                .andExpect(jsonPath(path + "'].post").exists())
                .andExpect(jsonPath(path + "/{id}'].get").exists())
                .andExpect(jsonPath(path + "/{id}'].delete").doesNotExist())
                .andExpect(jsonPath(path + "/{id}'].put").doesNotExist())
                .andExpect(jsonPath(path + "/{id}/amendments'].post").exists())
                .andExpect(jsonPath("$.components.schemas.AllocationRequest.properties.amount.type")
                        .value("string"))
                .andExpect(jsonPath("$.components.schemas.AllocationRequest.required",
                        Matchers.hasItems("amount", "source", "fiscalYear", "documentNumber", "purpose")))
                .andExpect(jsonPath("$.components.schemas.AllocationView.properties.currentAmount.type")
                        .value("string"));
    }
}
