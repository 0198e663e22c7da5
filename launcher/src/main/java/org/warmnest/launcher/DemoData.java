package org.warmnest.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The demo a fresh local run starts with, loaded through the gateway as the demo users would. One method per
 * step, each safe to run again; add areas, contractors and programs as steps of their own, in {@link #load()}.
 */
final class DemoData {

    record DemoTenant(String code, String name) {
    }

    static final DemoTenant CITY = new DemoTenant("530400", "玉溪市");
    static final List<DemoTenant> DISTRICTS = List.of(new DemoTenant("530402", "红塔区"),
            new DemoTenant("530423", "通海县"), new DemoTenant("530424", "华宁县"), new DemoTenant("530427", "峨山县"));

    private static final Duration ACTIVATION_TIMEOUT = Duration.ofSeconds(60);

    private final String gatewayUrl;
    private final String tokenUri;
    private final PrintStream out;

    DemoData(String gatewayUrl, String tokenUri, PrintStream out) {
        this.gatewayUrl = gatewayUrl;
        this.tokenUri = tokenUri;
        this.out = out;
    }

    void load() throws IOException, InterruptedException {
        tenants();
        // Next steps, as the features land: areas(), contractors(), programs().
    }

    /** 玉溪市 and four of its districts, onboarded by the platform admin; the city first, as districts need it. */
    void tenants() throws IOException, InterruptedException {
        TenantDirectory directory = new TenantDirectory(as("platform-admin"));
        if (directory.status(CITY.code()).filter(TenantDirectory.ACTIVE::equals).isPresent()
                && allActive(directory)) {
            out.println("Demo tenants are there already.");
            return;
        }
        ensure(directory, CITY);
        for (DemoTenant district : DISTRICTS) {
            ensure(directory, district);
        }
    }

    private boolean allActive(TenantDirectory directory) throws IOException, InterruptedException {
        for (DemoTenant district : DISTRICTS) {
            if (directory.status(district.code()).filter(TenantDirectory.ACTIVE::equals).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void ensure(TenantDirectory directory, DemoTenant tenant) throws IOException, InterruptedException {
        if (directory.status(tenant.code()).isEmpty()) {
            directory.create(tenant.code(), tenant.name());
        }
        directory.awaitActive(tenant.code(), ACTIVATION_TIMEOUT);
        out.println("  tenant " + tenant.code() + " " + tenant.name() + " is ACTIVE");
    }

    private ApiClient as(String username) {
        return new ApiClient(gatewayUrl, tokenUri, username);
    }
}
