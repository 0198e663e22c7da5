package org.warmnest.care.elder;

import java.time.Clock;
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
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.ServiceTokens;
import org.warmnest.platform.tenancy.TenantCode;

/**
 * Whom a bureau may entrust an elder's file to (PIPL: entrusted processing): a contractor the tenant has engaged,
 * as tenant-service, the owner of engagements, says now. Nothing is cached: entrusting is rare and must see the
 * engagement as it is. When tenant-service cannot answer, nothing is entrusted (503, the caller may retry).
 */
@Component
class Entrustment {

    private static final Logger log = LoggerFactory.getLogger(Entrustment.class);

    record Engagement(UUID contractorId, String status, LocalDate startDate, LocalDate endDate) {
    }

    private final RestClient http;
    private final Clock clock;

    Entrustment(RestClient.Builder builder, ObjectProvider<ServiceTokens> tokens, Clock clock,
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
        this.clock = clock;
    }

    /**
     * Refuses, with {@code 400 contractor-not-engaged}, a contractor the tenant has no engagement with that is active
     * today (a registry entry alone, another district's engagement or an ended one is not enough).
     */
    void requireEngaged(TenantCode tenant, UUID contractor) {
        List<Engagement> engagements;
        try {
            Engagement[] all = http.get().uri("/api/tenants/v1/tenants/{tenant}/engagements", tenant.value())
                    .retrieve().body(Engagement[].class);
            engagements = all == null ? List.of() : List.of(all);
        } catch (RestClientException e) {
            log.warn("tenant-service did not answer for the engagements of {}: {}", tenant.value(), e.getMessage());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "contractor-engagements-unavailable");
        }
        LocalDate today = LocalDate.now(clock.withZone(ElderRegistry.ZONE));
        boolean engaged = engagements.stream().anyMatch(e -> contractor.equals(e.contractorId())
                && "ACTIVE".equals(e.status()) && (e.endDate() == null || !e.endDate().isBefore(today)));
        if (!engaged) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "contractor-not-engaged", contractor);
        }
    }
}
