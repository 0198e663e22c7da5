package org.warmnest.billing.contract;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.ServiceTokens;
import org.warmnest.platform.tenancy.TenantCode;

/**
 * Contractors and their engagements as tenant-service, their owner, gives them. Nothing is cached: a contract is
 * signed rarely and must see the engagement as it is. When tenant-service cannot answer, the caller gets a 503 it
 * can retry and nothing is written.
 */
@Component
class TenantDirectory {

    private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

    record Contractor(UUID id, String uscc, String name) {
    }

    record Engagement(UUID id, UUID contractorId, String programOwner, UUID programId, LocalDate startDate,
            LocalDate endDate, String status) {
    }

    private final RestClient http;

    TenantDirectory(RestClient.Builder builder, ObjectProvider<ServiceTokens> tokens,
            @Value("${warmnest.services.tenant-url}") String tenantServiceUrl) {
        var timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(2));
        timeouts.setReadTimeout(Duration.ofSeconds(5));
        RestClient.Builder b = builder.clone().baseUrl(tenantServiceUrl).requestFactory(timeouts);
        ServiceTokens serviceTokens = tokens.getIfAvailable();
        if (serviceTokens != null) {
            b.requestInterceptor(serviceTokens.interceptor());
        }
        this.http = b.build();
    }

    /** The registered contractor, or 422 {@code contract-contractor-unknown}. */
    Contractor contractor(UUID id) {
        try {
            Contractor c = http.get().uri("/api/tenants/v1/contractors/{id}", id).retrieve().body(Contractor.class);
            if (c == null || !id.equals(c.id())) {
                throw unknown(id);
            }
            return c;
        } catch (HttpClientErrorException.NotFound e) {
            throw unknown(id);
        } catch (RestClientException e) {
            throw unavailable("contractor " + id, e);
        }
    }

    /** Whether the contractor is engaged (active) for the program in the district over the whole term. */
    boolean engaged(TenantCode district, UUID contractorId, UUID programId, LocalDate start, LocalDate end) {
        List<Engagement> found;
        try {
            Engagement[] all = http.get().uri("/api/tenants/v1/tenants/{tenant}/engagements", district.value())
                    .retrieve().body(Engagement[].class);
            found = all == null ? List.of() : List.of(all);
        } catch (RestClientException e) {
            throw unavailable("engagements of " + district.value(), e);
        }
        return found.stream().anyMatch(e -> contractorId.equals(e.contractorId()) && programId.equals(e.programId())
                && "ACTIVE".equals(e.status()) && !e.startDate().isAfter(start)
                && (e.endDate() == null || !e.endDate().isBefore(end)));
    }

    private static ProblemException unknown(UUID id) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "contract-contractor-unknown", id);
    }

    private static ProblemException unavailable(String what, RestClientException e) {
        log.warn("tenant-service did not answer for the {}: {}", what, e.getMessage());
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "tenant-directory-unavailable");
    }
}
