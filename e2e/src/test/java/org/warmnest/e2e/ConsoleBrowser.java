package org.warmnest.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.warmnest.keycloak.Totp;

/**
 * What a browser does with the console, without one: it keeps cookies, follows redirects itself, fills Keycloak's
 * sign-in form (and the one-time code form where the realm asks for it) and sends the console's CSRF token on
 * writes as the page does. Everything the "browser" is ever sent is kept, so a test can say that no token was.
 */
final class ConsoleBrowser {

    private static final Pattern FORM = Pattern.compile("<form[^>]*id=\"(kc-form-login|kc-otp-login-form)\"[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    private final String gateway;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    /** Every body and Set-Cookie header this browser received, in order. */
    final List<String> received = new ArrayList<>();
    private long lastOtpWindow = -1;
    /** The last Keycloak page shown (the sign-in form), for the test to look at. */
    String lastKeycloakPage;

    ConsoleBrowser(String gateway) {
        this.gateway = gateway;
        this.client = HttpClient.newBuilder().cookieHandler(new LoopbackIsSecure(cookies)).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Signs in as the user from {@code /auth/login?next=}; returns where the console sent the browser at the end.
     * With {@code password} null, expects to come back without being asked (a Keycloak session still open) and
     * fails if a sign-in form is shown.
     */
    URI signIn(String username, String password, String next) throws IOException, InterruptedException {
        HttpResponse<String> r = get(URI.create(gateway + "/auth/login?next=" + URLEncoder.encode(next,
                StandardCharsets.UTF_8)));
        for (int hops = 0; hops < 12; hops++) {
            if (r.statusCode() == 302 || r.statusCode() == 303) {
                URI location = URI.create(r.uri().resolve(r.headers().firstValue("Location").orElseThrow())
                        .toString());
                if (location.toString().startsWith(gateway) && !location.getPath().startsWith("/login/oauth2/")
                        && !location.getPath().startsWith("/oauth2/")) {
                    return location;
                }
                r = get(location);
                continue;
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("sign-in stopped at HTTP " + r.statusCode() + " " + r.uri() + ": "
                        + brief(r.body()));
            }
            Matcher form = FORM.matcher(r.body());
            if (!form.find()) {
                throw new IllegalStateException("no sign-in form at " + r.uri() + ": " + brief(r.body()));
            }
            lastKeycloakPage = r.body();
            Matcher action = ACTION.matcher(form.group());
            if (!action.find()) {
                throw new IllegalStateException("a form without action at " + r.uri());
            }
            URI target = r.uri().resolve(action.group(1).replace("&amp;", "&"));
            Map<String, String> fields = new LinkedHashMap<>();
            if (form.group(1).equals("kc-form-login")) {
                if (password == null) {
                    throw new IllegalStateException("asked to sign in again at " + r.uri());
                }
                fields.put("username", username);
                fields.put("password", password);
                fields.put("credentialId", "");
            } else {
                // a code is good once: shown the form again in the same 30-second window, wait for the next one
                long window = Instant.now().getEpochSecond() / Totp.PERIOD_SECONDS;
                if (window == lastOtpWindow) {
                    Thread.sleep((Totp.PERIOD_SECONDS - Instant.now().getEpochSecond() % Totp.PERIOD_SECONDS) * 1000
                            + 200);
                }
                lastOtpWindow = Instant.now().getEpochSecond() / Totp.PERIOD_SECONDS;
                fields.put("otp", Totp.code(Totp.DEMO_SECRET, Instant.now()));
            }
            r = post(target, fields);
        }
        throw new IllegalStateException("sign-in went round in circles");
    }

    /**
     * As browsers do, the loopback address counts as a secure origin: Keycloak's cookies are {@code Secure} and are
     * sent back over plain HTTP to 127.0.0.1 (Java's cookie manager alone would keep them for HTTPS).
     */
    private static final class LoopbackIsSecure extends java.net.CookieHandler {

        private final CookieManager cookies;

        LoopbackIsSecure(CookieManager cookies) {
            this.cookies = cookies;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return cookies.get(secure(uri), headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            cookies.put(secure(uri), headers);
        }

        private static URI secure(URI uri) {
            if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost())) {
                return uri;
            }
            return URI.create("https" + uri.toString().substring("http".length()));
        }
    }

    Http.Response get(String path) throws IOException, InterruptedException {
        return response(get(URI.create(gateway + path)));
    }

    /** A write as the console's page makes it: JSON, with the CSRF cookie's token in the header (if it has one). */
    Http.Response send(String method, String path, String json, boolean withCsrf)
            throws IOException, InterruptedException {
        return send(method, path, json, json == null ? null : "application/json", withCsrf);
    }

    /** A write with a body of the given type (or none), with or without the CSRF token. */
    Http.Response send(String method, String path, String body, String contentType, boolean withCsrf)
            throws IOException, InterruptedException {
        String json = body;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header("Accept-Language", "zh-CN")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        String csrf = cookie("XSRF-TOKEN");
        if (withCsrf && csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        return response(keep(client.send(request.build(), HttpResponse.BodyHandlers.ofString())));
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    List<HttpCookie> cookies() {
        return cookies.getCookieStore().getCookies();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return keep(client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/html,application/json").header("Accept-Language", "zh-CN").GET().build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> post(URI uri, Map<String, String> fields) throws IOException, InterruptedException {
        String form = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return keep(client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "zh-CN")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> keep(HttpResponse<String> r) {
        if (r.uri().toString().startsWith(gateway)) { // what the console's origin gave the page
            received.add(r.body());
            r.headers().allValues("Set-Cookie").forEach(received::add);
        }
        return r;
    }

    private static Http.Response response(HttpResponse<String> r) {
        return new Http.Response(r.statusCode(), r.body(), r.headers().map());
    }

    private static String brief(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
