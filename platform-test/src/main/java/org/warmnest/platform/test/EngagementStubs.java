package org.warmnest.platform.test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

/**
 * tenant-service's answer to the contractor scope ({@code GET …/tenants/{t}/engagements?contractorId=}) in a
 * service's WireMock stand-in for it. By default every contractor asked about is engaged everywhere
 * ({@link #everyoneEngaged}); a test says otherwise for one contractor in one tenant.
 */
public final class EngagementStubs {

    private static final String PATH = "/api/tenants/v1/tenants/%s/engagements";
    /** Fixed, so that it is registered once however many test contexts start. */
    private static final UUID EVERYONE = UUID.fromString("5c09e000-0000-4000-8000-000000000001");

    private EngagementStubs() {
    }

    /** Any contractor asked about in any tenant has an open-ended engagement that started long ago. */
    public static void everyoneEngaged(WireMockServer server) {
        if (server.getStubMappings().stream().anyMatch(m -> EVERYONE.equals(m.getId()))) {
            return; // registered by an earlier test context of the same JVM
        }
        server.stubFor(get(urlPathMatching(String.format(PATH, "[0-9]{6}")))
                .withQueryParam("contractorId", matching(".+")).atPriority(3).withId(EVERYONE)
                .willReturn(json("[{\"id\":\"" + UUID.randomUUID() + "\",\"contractorId\":\""
                        + "{{request.query.contractorId}}\",\"programOwner\":\"{{request.pathSegments.[4]}}\","
                        + "\"programId\":\"" + UUID.randomUUID() + "\",\"startDate\":\"2000-01-01\","
                        + "\"endDate\":null,\"status\":\"ACTIVE\",\"version\":0}]").withTransformers("response-template")));
    }

    /** The contractor has an open-ended engagement in the tenant (again, after an answer stubbed otherwise). */
    public static void engaged(WireMockServer server, String tenant, UUID contractor) {
        answer(server, tenant, contractor, "[{\"id\":\"" + UUID.randomUUID() + "\",\"contractorId\":\"" + contractor
                + "\",\"programOwner\":\"" + tenant + "\",\"programId\":\"" + UUID.randomUUID()
                + "\",\"startDate\":\"2000-01-01\",\"endDate\":null,\"status\":\"ACTIVE\",\"version\":0}]");
    }

    /** The contractor's engagement in the tenant ended (status ENDED, ended yesterday or earlier). */
    public static void ended(WireMockServer server, String tenant, UUID contractor) {
        answer(server, tenant, contractor, "[{\"id\":\"" + UUID.randomUUID() + "\",\"contractorId\":\"" + contractor
                + "\",\"programOwner\":\"" + tenant + "\",\"programId\":\"" + UUID.randomUUID()
                + "\",\"startDate\":\"2024-01-01\",\"endDate\":\"2025-01-01\",\"status\":\"ENDED\",\"version\":1}]");
    }

    /** The tenant has no engagement of the contractor (never engaged, or deleted). */
    public static void none(WireMockServer server, String tenant, UUID contractor) {
        answer(server, tenant, contractor, "[]");
    }

    /** tenant-service drops the connection when asked about the contractor in the tenant. */
    public static void down(WireMockServer server, String tenant, UUID contractor) {
        server.stubFor(get(urlPathEqualTo(String.format(PATH, tenant))).withQueryParam("contractorId",
                equalTo(contractor.toString())).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    private static void answer(WireMockServer server, String tenant, UUID contractor, String body) {
        server.stubFor(get(urlPathEqualTo(String.format(PATH, tenant))).withQueryParam("contractorId",
                equalTo(contractor.toString())).atPriority(1).willReturn(json(body)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
