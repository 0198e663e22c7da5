package org.warmnest.tenant.tenant;

import java.util.Map;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.warmnest.platform.security.ServiceTokens;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantStatus;

/**
 * The internal provisioning endpoints of care-service and billing-service, called with tenant-service's own
 * service-account token and a timeout on every call. Both calls are idempotent PUTs, so retrying is safe.
 */
@Component
class ServiceEndpoints {

    static final String CARE = "care";
    static final String BILLING = "billing";

    private final Map<String, RestClient> clients;

    ServiceEndpoints(ProvisioningProperties properties, ServiceTokens tokens, RestClient.Builder builder) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(java.time.Duration.ofSeconds(2));
        timeouts.setReadTimeout(properties.callTimeout());
        RestClient.Builder base = builder.clone().requestFactory(timeouts).requestInterceptor(tokens.interceptor());
        this.clients = Map.of(CARE, base.clone().baseUrl(properties.careUrl()).build(), BILLING,
                base.clone().baseUrl(properties.billingUrl()).build());
    }

    record Provisioned(String code, String schema, TenantStatus status) {
    }

    Provisioned provision(String service, TenantCode tenant, TenantCode parent, String name) {
        return client(service).put().uri("/internal/v1/provisioning/tenants/{code}", tenant.value())
                .body(Map.of("name", name, "parentCode", parent == null ? "" : parent.value()).entrySet().stream()
                        .filter(e -> !e.getValue().isEmpty())
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .retrieve().body(Provisioned.class);
    }

    Provisioned status(String service, TenantCode tenant, TenantStatus status) {
        return client(service).put().uri("/internal/v1/provisioning/tenants/{code}/status", tenant.value())
                .body(Map.of("status", status.name())).retrieve().body(Provisioned.class);
    }

    private RestClient client(String service) {
        RestClient client = clients.get(service);
        if (client == null) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        return client;
    }
}
