package org.warmnest.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Calls the WarmNest API as one demo user: logs in at Keycloak by the password grant and logs in again
 * shortly before the token expires.
 */
final class ApiClient {

    record Response(int status, String body) {

        Map<String, Object> json() {
            try {
                return JSONObjectUtils.parse(body);
            } catch (ParseException e) {
                throw new IllegalStateException("not a JSON object (HTTP " + status + "): " + abbreviated(), e);
            }
        }

        List<Object> jsonArray() {
            try {
                return JSONArrayUtils.parse(body);
            } catch (ParseException e) {
                throw new IllegalStateException("not a JSON array (HTTP " + status + "): " + abbreviated(), e);
            }
        }

        String abbreviated() {
            return body.length() > 300 ? body.substring(0, 300) + "…" : body;
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String tokenUri;
    private final String username;
    private final String password;
    private final String client;
    private String token;
    private long tokenExpiresAtNanos;

    ApiClient(String baseUrl, String tokenUri, String username) {
        this(baseUrl, tokenUri, username, DemoUsers.PASSWORD, DemoUsers.CLI_CLIENT);
    }

    ApiClient(String baseUrl, String tokenUri, String username, String password, String client) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .build();
        this.baseUrl = baseUrl;
        this.tokenUri = tokenUri;
        this.username = username;
        this.password = password;
        this.client = client;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** A JSON POST with a fresh idempotency key (money-moving endpoints require one; a retry reuses it). */
    Response post(String path, Map<String, ?> body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body))));
    }

    /** Uploads a file as the form part {@code file}, as a browser's file input would. */
    Response postFile(String path, String fileName, byte[] content) throws IOException, InterruptedException {
        String boundary = "warmnest-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Waits as the gateway's rate limit asks (429 with Retry-After), a few times, then gives up. */
    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest r = request.header("Authorization", "Bearer " + token()).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(600)).build(); // a 15,000-row import on a busy machine
        for (int attempt = 1;; attempt++) {
            HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 429 || attempt == 5) {
                return new Response(response.statusCode(), response.body());
            }
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Math.max(1, Math.min(seconds, 10)) * 1000);
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null || System.nanoTime() > tokenExpiresAtNanos) {
            token = passwordGrant(http, tokenUri, username, password);
            // Log in again a minute before the 5-minute token runs out.
            tokenExpiresAtNanos = System.nanoTime() + DevIssuer.TOKEN_LIFETIME.minusMinutes(1).toNanos();
        }
        return token;
    }

    private String passwordGrant(HttpClient http, String tokenUri, String username, String password)
            throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + client + "&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUri))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> body = new Response(response.statusCode(), response.body()).json();
        if (response.statusCode() != 200 || !(body.get("access_token") instanceof String accessToken)) {
            throw new IllegalStateException("login of " + username + " at " + tokenUri + " failed: " + body);
        }
        return accessToken;
    }
}
