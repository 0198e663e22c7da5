package org.warmnest.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OpenAPI servers entry is the configured public URL whatever Host or X-Forwarded-* the request names; forwarded
 * headers are believed from the trusted proxies only (here: none, so this test's loopback client is untrusted).
 */
@SpringBootTest(classes = PlatformWebApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "warmnest.public-url=https://warmnest.example/", "server.tomcat.remoteip.internal-proxies=10\\.9\\.8\\.7" })
class ForwardedHeadersIT {

    @LocalServerPort
    int port;

    @Test
    void theOpenApiServerIsThePublicUrlWhateverTheRequestSays() throws IOException {
        String doc = PlatformWebApp.rawHttp(port, "GET /v3/api-docs HTTP/1.1\r\nHost: evil.example\r\n"
                + "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\nForwarded: host=evil.example\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(doc).startsWith("HTTP/1.1 200").contains("\"url\":\"https://warmnest.example\"")
                .doesNotContain("evil");
    }

    @Test
    void theDocumentSaysHowToCallTheApiSoThatTryItOutWorks() throws IOException {
        String doc = PlatformWebApp.rawHttp(port, "GET /v3/api-docs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(doc).startsWith("HTTP/1.1 200")
                .contains("\"securitySchemes\":{\"bearer\":{\"type\":\"http\"")
                .contains("\"scheme\":\"bearer\"").contains("\"security\":[{\"bearer\":[]}]");
    }

    @Test
    void forwardedHeadersFromAnUntrustedAddressAreIgnored() throws IOException {
        String where = PlatformWebApp.rawHttp(port, "GET /api/where HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.9\r\n"
                + "X-Forwarded-Port: 443\r\nConnection: close\r\n\r\n");
        assertThat(where).startsWith("HTTP/1.1 200").endsWith("http://127.0.0.1:" + port + " from 127.0.0.1");
    }
}
