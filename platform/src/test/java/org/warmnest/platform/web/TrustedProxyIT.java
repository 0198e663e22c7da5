package org.warmnest.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With the platform's defaults the gateway on loopback is a trusted proxy: its forwarded headers are believed. */
@SpringBootTest(classes = PlatformWebApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrustedProxyIT {

    @LocalServerPort
    int port;

    @Test
    void forwardedHeadersFromLoopbackAreBelieved() throws IOException {
        String where = PlatformWebApp.rawHttp(port, "GET /api/where HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "X-Forwarded-Host: warmnest.example\r\nX-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.9\r\n"
                + "X-Forwarded-Port: 443\r\nConnection: close\r\n\r\n");
        assertThat(where).startsWith("HTTP/1.1 200").endsWith("https://warmnest.example:443 from 203.0.113.9");
    }
}
