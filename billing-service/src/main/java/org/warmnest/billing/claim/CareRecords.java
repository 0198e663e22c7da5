package org.warmnest.billing.claim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.warmnest.platform.catalogue.ServiceItem;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.ServiceTokens;
import org.warmnest.platform.tenancy.TenantCode;

/**
 * The billable records care-service lists for a contractor and program in a district and period, page by page.
 * What comes back is checked before anything is priced: a record of another district, contractor or program is
 * never priced, and the whole answer is refused ({@code 502 care-records-foreign}). When care-service is down or
 * slow, the caller gets a 503 it can retry and nothing is written.
 */
@Component
class CareRecords {

    private static final Logger log = LoggerFactory.getLogger(CareRecords.class);
    static final int PAGE = 1000;
    static final int MOST_PAGES = 500;

    record Record(UUID billingKey, UUID recordId, UUID visitId, UUID amends, UUID elderId, UUID contractorId,
            UUID programId, String district, ServiceItem serviceItem, int quantity, LocalDate performedOn,
            String status, Instant verifiedAt, String verifiedBy, boolean elderEnrolled) {
    }

    record Page(List<Record> records, UUID nextAfter) {
    }

    private final RestClient http;

    CareRecords(RestClient.Builder builder, ObjectProvider<ServiceTokens> tokens,
            @Value("${warmnest.services.care-url}") String careServiceUrl,
            @Value("${warmnest.services.care-read-timeout:20s}") Duration readTimeout) {
        var timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(2));
        timeouts.setReadTimeout(readTimeout);
        RestClient.Builder b = builder.clone().baseUrl(careServiceUrl).requestFactory(timeouts);
        ServiceTokens serviceTokens = tokens.getIfAvailable();
        if (serviceTokens != null) {
            b.requestInterceptor(serviceTokens.interceptor());
        }
        this.http = b.build();
    }

    /** Every record (verified or awaiting review) of the contractor and program in the district and period. */
    List<Record> fetch(TenantCode district, UUID contractor, UUID program, LocalDate from, LocalDate to) {
        List<Record> all = new ArrayList<>();
        UUID after = null;
        for (int page = 0; page < MOST_PAGES; page++) {
            UUID since = after;
            Page p;
            try {
                p = http.get().uri(u -> {
                    u.path("/internal/v1/tenants/{tenant}/billable-records").queryParam("contractorId", contractor)
                            .queryParam("programId", program).queryParam("from", from).queryParam("to", to)
                            .queryParam("includeUnverified", true).queryParam("limit", PAGE);
                    if (since != null) {
                        u.queryParam("after", since);
                    }
                    return u.build(district.value());
                }).retrieve().body(Page.class);
            } catch (RestClientException e) {
                log.warn("care-service did not give the billable records of {} in {}: {}", contractor,
                        district.value(), e.getMessage());
                throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "care-records-unavailable");
            }
            if (p == null || p.records() == null) {
                throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "care-records-unavailable");
            }
            for (Record r : p.records()) {
                if (r.billingKey() == null || r.serviceItem() == null || r.performedOn() == null
                        || !district.value().equals(r.district()) || !contractor.equals(r.contractorId())
                        || !program.equals(r.programId())) {
                    log.error("care-service listed a record not asked for (district {}, contractor {}, program {},"
                            + " key {}) when asked for {} / {} / {}: the answer is refused", r.district(),
                            r.contractorId(), r.programId(), r.billingKey(), district.value(), contractor, program);
                    throw new ProblemException(HttpStatus.BAD_GATEWAY, "care-records-foreign", district.value());
                }
                all.add(r);
            }
            if (p.nextAfter() == null || p.records().isEmpty()) {
                return all;
            }
            if (p.nextAfter().equals(since)) {
                throw new ProblemException(HttpStatus.BAD_GATEWAY, "care-records-foreign", district.value());
            }
            after = p.nextAfter();
        }
        throw new ProblemException(HttpStatus.BAD_GATEWAY, "care-records-too-many", district.value());
    }
}
