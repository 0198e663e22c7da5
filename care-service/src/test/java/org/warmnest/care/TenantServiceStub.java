package org.warmnest.care;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

/**
 * tenant-service as care-service's tests see it: one WireMock server per test JVM, so that every Spring context
 * of the suite points at the same address (and cached contexts stay shared). Tests say which areas a tenant has.
 */
public final class TenantServiceStub implements EnvironmentPostProcessor {

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "tenant-service-stub"));
        }
        return server;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // contractor staff act only where their contractor is engaged: by default, everywhere
        org.warmnest.platform.test.EngagementStubs.everyoneEngaged(server());
        environment.getPropertySources().addFirst(new MapPropertySource("tenant-service-stub",
                Map.of("warmnest.services.tenant-url", server().baseUrl(), "warmnest.areas.cache-ttl", "0s")));
    }

    /**
     * A tenant with one street and one community holding the given grids; the street is code + "001", the
     * community code + "001001".
     */
    public static void areas(String tenant, String... grids) {
        StringBuilder gridJson = new StringBuilder();
        for (String g : grids) {
            gridJson.append(gridJson.isEmpty() ? "" : ",").append("{\"code\":\"").append(g)
                    .append("\",\"name\":\"网格").append(g).append("\"}");
        }
        String body = "{\"tenant\":\"" + tenant + "\",\"streets\":[{\"code\":\"" + tenant + "001\",\"name\":\"玉兴街道\","
                + "\"communities\":[{\"code\":\"" + tenant + "001001\",\"name\":\"北苑社区\",\"grids\":[" + gridJson
                + "]}]}]}";
        server().stubFor(get(urlPathEqualTo("/api/tenants/v1/tenants/" + tenant + "/areas"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** The tenant has engaged these contractors (open-ended), whatever was stubbed for them before. */
    public static void engaged(String tenant, String... contractors) {
        for (String c : contractors) {
            org.warmnest.platform.test.EngagementStubs.engaged(server(), tenant, java.util.UUID.fromString(c));
        }
    }

    /** The tenant never engaged the contractor (or deleted the engagement). */
    public static void notEngaged(String tenant, String contractor) {
        org.warmnest.platform.test.EngagementStubs.none(server(), tenant, java.util.UUID.fromString(contractor));
    }

    /** The tenant's engagement of the contractor has ended. */
    public static void engagementEnded(String tenant, String contractor) {
        org.warmnest.platform.test.EngagementStubs.ended(server(), tenant, java.util.UUID.fromString(contractor));
    }

    /** tenant-service drops the connection when asked about the contractor in this tenant. */
    public static void engagementsDown(String tenant, String contractor) {
        org.warmnest.platform.test.EngagementStubs.down(server(), tenant, java.util.UUID.fromString(contractor));
    }

    /** tenant-service drops the connection for this tenant's areas. */
    public static void down(String tenant) {
        server().stubFor(get(urlPathEqualTo("/api/tenants/v1/tenants/" + tenant + "/areas"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

}
