package org.warmnest.e2e;

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
import java.util.stream.Collectors;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;

/** Plain HTTP for system tests: raw paths (nothing normalised), JSON bodies, every header visible. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    record Response(int status, String body, Map<String, List<String>> headers) {

        Map<String, Object> json() {
            try {
                return JSONObjectUtils.parse(body);
            } catch (ParseException e) {
                throw new IllegalStateException("not a JSON object (HTTP " + status + "): " + brief(), e);
            }
        }

        List<Object> jsonArray() {
            try {
                return JSONArrayUtils.parse(body);
            } catch (ParseException e) {
                throw new IllegalStateException("not a JSON array (HTTP " + status + "): " + brief(), e);
            }
        }

        /** The problem code, or null when the body is not a problem. */
        String code() {
            try {
                Object code = JSONObjectUtils.parse(body).get("code");
                return code == null ? null : code.toString();
            } catch (ParseException | RuntimeException e) {
                return null;
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        String brief() {
            return body.length() > 300 ? body.substring(0, 300) + "…" : body;
        }
    }

    static Response send(String method, String url, String bearer, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = CLIENT.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body(), response.headers().map());
    }

    static Response get(String url, String bearer) throws IOException, InterruptedException {
        return send("GET", url, bearer, null, Map.of());
    }

    static Response post(String url, String bearer, String json) throws IOException, InterruptedException {
        return send("POST", url, bearer, json, Map.of());
    }

    /** One file as {@code multipart/form-data} under the part name {@code file}. */
    static Response upload(String url, String bearer, String filename, String type, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "warmnest-" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = CLIENT.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body(), response.headers().map());
    }

    /** A JSON text of maps, lists, strings, numbers and booleans (null values are left out). */
    static String json(Map<String, ?> value) {
        return JSONObjectUtils.toJSONString(value);
    }

    static Response form(String url, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response.headers().map());
    }

    private Http() {
    }
}
