package org.warmnest.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.warmnest.keycloak.LocalKeycloak;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * The product gives every account it creates a temporary password, to be changed at first sign-in. The demo's
 * accounts must sign in at once, so the demo sets their password through Keycloak's admin API, as the platform's
 * operator could: as tenant-service's service account, whose local secret the demo knows (local runs only).
 */
final class DemoPasswords {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String tokenUri;
    private final String adminBase;

    /** @param tokenUri the realm's token endpoint, {@code <server>/realms/<realm>/protocol/openid-connect/token} */
    DemoPasswords(String tokenUri) {
        this.tokenUri = tokenUri;
        int realms = tokenUri.indexOf("/realms/");
        String server = tokenUri.substring(0, realms);
        String realm = tokenUri.substring(realms + "/realms/".length()).split("/")[0];
        this.adminBase = server + "/admin/realms/" + realm;
    }

    /** Sets the user's password, permanent, as the demo's password. */
    void setPermanent(String username, String password) throws IOException, InterruptedException {
        String token = serviceToken();
        HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(adminBase + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<Object> users = parseList(found);
        if (users.isEmpty()) {
            throw new IllegalStateException("demo user " + username + " is not in Keycloak");
        }
        String id = String.valueOf(((Map<?, ?>) users.get(0)).get("id"));
        HttpResponse<String> reset = http.send(HttpRequest.newBuilder(URI.create(adminBase + "/users/" + id
                + "/reset-password")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(Map.of("type", "password",
                        "value", password, "temporary", false))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (reset.statusCode() != 204) {
            throw new IllegalStateException("setting the demo password of " + username + ": HTTP "
                    + reset.statusCode() + " " + reset.body());
        }
    }

    private String serviceToken() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=tenant-service&client_secret="
                + URLEncoder.encode(LocalKeycloak.devSecret("tenant-service"), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUri))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        try {
            Object token = JSONObjectUtils.parse(response.body()).get("access_token");
            if (response.statusCode() == 200 && token instanceof String accessToken) {
                return accessToken;
            }
        } catch (java.text.ParseException e) {
            // reported below
        }
        throw new IllegalStateException("tenant-service's service account could not log in at " + tokenUri
                + ": HTTP " + response.statusCode());
    }

    private static List<Object> parseList(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("looking up a demo user: HTTP " + response.statusCode());
        }
        try {
            return JSONArrayUtils.parse(response.body());
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("looking up a demo user: " + e.getMessage(), e);
        }
    }
}
