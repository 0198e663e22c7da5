package org.warmnest.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.warmnest.platform.web.PlatformWebApp;

/** Malformed requests sent straight to a service are problems, as every other error: no HTML, no Spring JSON. */
@SpringBootTest(classes = PlatformWebApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedRequestsIT {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = { "/api/echo/%", "/api/echo/%zz", "/api/echo/%00", "/api/echo/a%2fb", "/api/echo/a;b",
            "//api/echo/x", "/api//echo/x", "/api/echo/%25", "/api/echo/a\\b", "/api/echo/a|b", "/api/echo/a{b",
            "/api/echo/../../x" })
    void aMalformedPathIsABadRequestProblem(String path) throws IOException {
        String answer = get(path, "");
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"code\":\"bad-request\"").contains("\"status\":400")
                .doesNotContain("<html").doesNotContain("Tomcat").doesNotContain("\"timestamp\"");
    }

    @Test
    void theProblemSpeaksEnglishWhenAsked() throws IOException {
        assertThat(get("/api/echo/%", "Accept-Language: en\r\n")).contains("\"title\":\"Bad request\"");
        assertThat(get("/api/echo/a;b", "Accept-Language: en\r\n")).contains("\"title\":\"Bad request\"");
    }

    @Test
    void anErrorSentByTheApplicationAndTheErrorPageItselfAreProblems() throws IOException {
        String conflict = get("/api/conflict", "");
        assertThat(conflict).startsWith("HTTP/1.1 409").containsIgnoringCase("application/problem+json")
                .contains("\"code\":\"conflict\"");
        String error = get("/error", "");
        assertThat(error).startsWith("HTTP/1.1 404").contains("\"code\":\"not-found\"");
        assertThat(get("/api/echo/fine", "")).startsWith("HTTP/1.1 200").endsWith("fine");
    }

    private String get(String path, String headers) throws IOException {
        return PlatformWebApp.rawHttp(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                + "Connection: close\r\n\r\n");
    }
}
