package org.warmnest.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.warmnest.gateway.support.GatewayIT;

/** Request bodies are capped at 1 MB, imports at 20 MB (the defaults). */
class BodySizeLimitIT extends GatewayIT {

    static final int MB = 1024 * 1024;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Value("${local.server.port}")
    int port;

    @Test
    void aBodyOverTheLimitIsRefusedByItsContentLength() {
        web.post().uri("/api/care/v1/tenants/" + activeTenant() + "/volunteers")
                .header("Authorization", ISSUER.platformAdmin().bearer())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json(MB + 1)).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("payload-too-large")
                .jsonPath("$.detail").isEqualTo("请求体超过 1024 KB 的上限。");
        CARE.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aBodyUpToTheLimitPasses() {
        String tenant = activeTenant();
        web.post().uri("/api/care/v1/tenants/" + tenant + "/volunteers")
                .header("Authorization", ISSUER.platformAdmin().bearer())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json(MB)).exchange()
                .expectStatus().isOk();
        CARE.verify(1, postRequestedFor(urlEqualTo("/api/care/v1/tenants/" + tenant + "/volunteers")));
    }

    @Test
    void importsMayBeLarger() {
        String tenant = activeTenant();
        web.post().uri("/api/tenants/v1/tenants/" + tenant + "/areas/import")
                .header("Authorization", ISSUER.platformAdmin().bearer())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[3 * MB]).exchange()
                .expectStatus().isOk();
        web.post().uri("/api/tenants/v1/tenants/" + tenant + "/imports/areas")
                .header("Authorization", ISSUER.platformAdmin().bearer())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[3 * MB]).exchange()
                .expectStatus().isOk();
        web.post().uri("/api/tenants/v1/tenants/" + tenant + "/areas/import")
                .header("Authorization", ISSUER.platformAdmin().bearer())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[20 * MB + 1]).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.code").isEqualTo("payload-too-large");
    }

    @Test
    void aChunkedBodyIsCountedAndCutOffAtTheLimit() throws Exception {
        String tenant = activeTenant();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/care/v1/tenants/"
                + tenant + "/volunteers"))
                .header("Authorization", ISSUER.platformAdmin().bearer())
                .header("Content-Type", "application/json")
                .header("Accept-Language", "en")
                // No length known in advance: sent chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json(2 * MB))))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"payload-too-large\"")
                .contains("The request body exceeds the limit of 1024 KB.");
    }

    @Test
    void aSmallChunkedBodyPasses() throws Exception {
        String tenant = activeTenant();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/care/v1/tenants/"
                + tenant + "/volunteers"))
                .header("Authorization", ISSUER.platformAdmin().bearer())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json(64 * 1024))))
                .build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        CARE.verify(1, postRequestedFor(urlEqualTo("/api/care/v1/tenants/" + tenant + "/volunteers")));
    }

    /** A JSON string of exactly {@code size} bytes. */
    private static byte[] json(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        body[0] = '"';
        body[size - 1] = '"';
        return body;
    }
}
