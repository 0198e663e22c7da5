package org.warmnest.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

/**
 * billing-service's neighbours as its tests see them: one WireMock server per test JVM stands in for
 * tenant-service and care-service (their paths do not overlap), so every Spring context of the suite points at
 * the same address. Tests say what the neighbours answer.
 */
public final class NeighbourStub implements EnvironmentPostProcessor {

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "neighbour-stub"));
        }
        return server;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // contractor staff act only where their contractor is engaged: by default, everywhere
        org.warmnest.platform.test.EngagementStubs.everyoneEngaged(server());
        environment.getPropertySources().addFirst(new MapPropertySource("neighbour-stub",
                Map.of("warmnest.services.tenant-url", server().baseUrl(),
                        "warmnest.services.care-url", server().baseUrl(),
                        "warmnest.services.care-read-timeout", "1500ms")));
    }

    /** tenant-service knows the contractor. */
    public static void contractor(UUID id, String uscc, String name) {
        server().stubFor(get(urlPathEqualTo("/api/tenants/v1/contractors/" + id)).willReturn(json(
                "{\"id\":\"" + id + "\",\"uscc\":\"" + uscc + "\",\"name\":\"" + name + "\",\"contacts\":[]}")));
    }

    /** The district's engagements: the contractor engaged for the program since the start, open-ended. */
    public static void engaged(String district, UUID contractor, UUID program, String since) {
        server().stubFor(get(urlPathEqualTo("/api/tenants/v1/tenants/" + district + "/engagements")).willReturn(json(
                "[{\"id\":\"" + UUID.randomUUID() + "\",\"contractorId\":\"" + contractor + "\",\"programOwner\":\""
                        + district.substring(0, 4) + "00\",\"programId\":\"" + program + "\",\"startDate\":\"" + since
                        + "\",\"endDate\":null,\"status\":\"ACTIVE\",\"version\":0}]")));
    }

    /** tenant-service drops the connection for the district's engagements. */
    public static void engagementsDown(String district) {
        server().stubFor(get(urlPathEqualTo("/api/tenants/v1/tenants/" + district + "/engagements"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** care-service lists no records, for any district, contractor or period not stubbed otherwise. */
    public static void noRecords() {
        server().stubFor(get(urlPathMatching("/internal/v1/tenants/[0-9]{6}/billable-records")).atPriority(10)
                .willReturn(json("{\"records\":[],\"nextAfter\":null}")));
    }

    /** care-service's billable records of the contractor in the district (any period), as one page. */
    public static void records(String district, UUID contractor, String... records) {
        server().stubFor(get(urlPathEqualTo("/internal/v1/tenants/" + district + "/billable-records"))
                .withQueryParam("contractorId", equalTo(contractor.toString())).atPriority(5)
                .willReturn(json("{\"records\":[" + String.join(",", records) + "],\"nextAfter\":null}")));
    }

    /** The same, only for a period starting on the day. */
    public static void recordsFrom(String district, UUID contractor, String from, String... records) {
        server().stubFor(get(urlPathEqualTo("/internal/v1/tenants/" + district + "/billable-records"))
                .withQueryParam("contractorId", equalTo(contractor.toString()))
                .withQueryParam("from", equalTo(from)).atPriority(1)
                .willReturn(json("{\"records\":[" + String.join(",", records) + "],\"nextAfter\":null}")));
    }

    /** care-service drops the connection, or answers after the given milliseconds. */
    public static void recordsDown(String district, UUID contractor) {
        server().stubFor(get(urlPathEqualTo("/internal/v1/tenants/" + district + "/billable-records"))
                .withQueryParam("contractorId", equalTo(contractor.toString())).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    public static void recordsSlow(String district, UUID contractor, int millis) {
        server().stubFor(get(urlPathEqualTo("/internal/v1/tenants/" + district + "/billable-records"))
                .withQueryParam("contractorId", equalTo(contractor.toString())).atPriority(1)
                .willReturn(json("{\"records\":[],\"nextAfter\":null}").withFixedDelay(millis)));
    }

    /** A billable record as care-service lists it. */
    public static String record(UUID billingKey, String district, UUID contractor, UUID program, String item,
            int quantity, String performedOn, String status, boolean enrolled) {
        UUID visit = UUID.randomUUID();
        return "{\"billingKey\":\"" + billingKey + "\",\"recordId\":\"" + UUID.randomUUID() + "\",\"visitId\":\""
                + visit + "\",\"amends\":null,\"elderId\":\"" + UUID.nameUUIDFromBytes(billingKey.toString().getBytes())
                + "\",\"contractorId\":\"" + contractor + "\",\"programId\":\"" + program + "\",\"district\":\""
                + district + "\",\"serviceItem\":\"" + item + "\",\"quantity\":" + quantity + ",\"performedOn\":\""
                + performedOn + "\",\"status\":\"" + status + "\",\"verifiedAt\":"
                + ("VERIFIED".equals(status) ? "\"2026-01-01T00:00:00Z\"" : "null") + ",\"verifiedBy\":"
                + ("VERIFIED".equals(status) ? "\"supervisor\"" : "null") + ",\"elderEnrolled\":" + enrolled + "}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
