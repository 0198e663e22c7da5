package org.warmnest.care.area;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.ServiceTokens;
import org.warmnest.platform.tenancy.TenantCode;

/**
 * The areas of a tenant (streets → communities → grids) as tenant-service, their owner, gives them. care-service
 * keeps a short-lived copy per tenant; a grid not in the copy makes it look again (at most every few seconds),
 * so that a grid created a moment ago is usable at once. When tenant-service cannot answer, nothing that needs a
 * grid is written: the caller gets a 503 it can retry.
 */
@Component
public class AreaDirectory {

    private static final Logger log = LoggerFactory.getLogger(AreaDirectory.class);
    private static final Duration RECHECK = Duration.ofSeconds(5);

    /** A grid with the community and street it lies in. */
    public record GridPlace(String gridCode, String gridName, String communityCode, String communityName,
            String streetCode, String streetName) {
    }

    record Tree(String tenant, List<Street> streets) {
    }

    record Street(String code, String name, List<Community> communities) {
    }

    record Community(String code, String name, List<Grid> grids) {
    }

    record Grid(String code, String name) {
    }

    private record Copy(Map<String, GridPlace> grids, Instant fetchedAt) {
    }

    private final RestClient http;
    private final Clock clock;
    private final Duration ttl;
    private final Map<TenantCode, Copy> copies = new ConcurrentHashMap<>();

    AreaDirectory(RestClient.Builder builder, ObjectProvider<ServiceTokens> tokens, Clock clock,
            @Value("${warmnest.services.tenant-url}") String tenantServiceUrl,
            @Value("${warmnest.areas.cache-ttl:60s}") Duration ttl) {
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
        this.ttl = ttl;
    }

    /** Every grid of the tenant by code. */
    public Map<String, GridPlace> grids(TenantCode tenant) {
        Copy copy = copies.get(tenant);
        Instant now = clock.instant();
        if (copy == null || copy.fetchedAt().plus(ttl).isBefore(now)) {
            copy = fetch(tenant, now);
        }
        return copy.grids();
    }

    public Optional<GridPlace> grid(TenantCode tenant, String gridCode) {
        GridPlace found = grids(tenant).get(gridCode);
        if (found != null) {
            return Optional.of(found);
        }
        Copy copy = copies.get(tenant);
        Instant now = clock.instant();
        if (copy != null && copy.fetchedAt().plus(RECHECK).isBefore(now)) {
            return Optional.ofNullable(fetch(tenant, now).grids().get(gridCode));
        }
        return Optional.empty();
    }

    private Copy fetch(TenantCode tenant, Instant now) {
        Tree tree;
        try {
            tree = http.get().uri("/api/tenants/v1/tenants/{tenant}/areas", tenant.value()).retrieve()
                    .body(Tree.class);
        } catch (RestClientResponseException e) {
            log.warn("tenant-service answered {} for the areas of {}", e.getStatusCode().value(), tenant.value());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "area-directory-unavailable");
        } catch (RestClientException e) {
            log.warn("tenant-service did not answer for the areas of {}: {}", tenant.value(), e.getMessage());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "area-directory-unavailable");
        }
        Map<String, GridPlace> grids = new HashMap<>();
        if (tree != null && tree.streets() != null) {
            for (Street s : tree.streets()) {
                for (Community c : s.communities() == null ? List.<Community>of() : s.communities()) {
                    for (Grid g : c.grids() == null ? List.<Grid>of() : c.grids()) {
                        grids.put(g.code(), new GridPlace(g.code(), g.name(), c.code(), c.name(), s.code(), s.name()));
                    }
                }
            }
        }
        Copy copy = new Copy(Map.copyOf(grids), now);
        copies.put(tenant, copy);
        return copy;
    }
}
