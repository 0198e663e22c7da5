package org.warmnest.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** tenant-service's tenant directory as the API contract describes it ({@code /api/tenants/v1/tenants}). */
final class TenantDirectory {

    static final String PATH = "/api/tenants/v1/tenants";
    static final String ACTIVE = "ACTIVE";

    private final ApiClient api;

    TenantDirectory(ApiClient api) {
        this.api = api;
    }

    /** Creates the tenant, or finds it when it exists already (the request is idempotent). */
    void create(String code, String name) throws IOException, InterruptedException {
        ApiClient.Response r = api.post(PATH, Map.of("code", code, "name", name));
        if (r.status() != 202 && r.status() != 200) {
            throw new IllegalStateException("creating tenant " + code + " " + name + " failed: HTTP " + r.status()
                    + " " + r.abbreviated());
        }
    }

    /** The tenant's status, or empty when there is no such tenant. */
    Optional<String> status(String code) throws IOException, InterruptedException {
        ApiClient.Response r = api.get(PATH + "/" + code);
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (r.status() != 200) {
            throw new IllegalStateException("reading tenant " + code + " failed: HTTP " + r.status() + " "
                    + r.abbreviated());
        }
        return Optional.of(String.valueOf(r.json().get("status")));
    }

    /** Every tenant in the caller's scope with its status, by code. */
    Map<String, String> statuses() throws IOException, InterruptedException {
        ApiClient.Response r = api.get(PATH);
        if (r.status() != 200) {
            throw new IllegalStateException("listing tenants failed: HTTP " + r.status() + " " + r.abbreviated());
        }
        Map<String, String> statuses = new HashMap<>();
        for (Object tenant : r.jsonArray()) {
            if (tenant instanceof Map<?, ?> t) {
                statuses.put(String.valueOf(t.get("code")), String.valueOf(t.get("status")));
            }
        }
        return statuses;
    }

    void awaitActive(String code, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "absent";
        while (System.nanoTime() < deadline) {
            last = status(code).orElse("absent");
            if (ACTIVE.equals(last)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("tenant " + code + " is still " + last + " after " + timeout.toSeconds()
                + " s; see .run/logs/tenant-service.log");
    }
}
