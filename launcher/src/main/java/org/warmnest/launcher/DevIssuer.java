package org.warmnest.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A development stand-in for Keycloak until the identity issue brings the real one: the same realm paths,
 * an RS256 JWKS, and a token endpoint for the client-credentials grant (the services) and the password grant
 * (the demo users below). Tokens follow the claim contract the services read ({@code tenant},
 * {@code contractor}, {@code realm_access.roles}). Never for production: the secrets are in this file.
 */
public final class DevIssuer implements AutoCloseable {

    public static final int DEFAULT_PORT = 8180;
    public static final String REALM_PATH = "/realms/warmnest";
    public static final String AUDIENCE = "warmnest-api";
    /** The public client the demo users log in with (password grant, no secret). */
    public static final String USER_CLIENT = "warmnest-web";
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
    public static final String DEMO_PASSWORD = "demo";
    /** Any fixed id will do until contractors are registered by the demo. */
    public static final String DEMO_CONTRACTOR = "3f6c2a9e-8d1b-4c57-9e0a-5b7d4c1e2f80";

    /** The services' clients (client-credentials grant); each token carries the realm role {@code service}. */
    static final Map<String, String> SERVICE_CLIENTS = Map.of(
            "tenant-service", "dev-tenant-service-secret",
            "care-service", "dev-care-service-secret",
            "billing-service", "dev-billing-service-secret");

    public record DemoUser(String username, String description, String tenant, String contractor,
            List<String> roles) {
    }

    public static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("platform-admin", "平台管理员 platform administrator", null, null, List.of("platform-admin")),
            new DemoUser("yuxi-bureau-admin", "玉溪市民政局 city bureau administrator", "530400", null,
                    List.of("bureau-admin")),
            new DemoUser("yuxi-finance-officer", "玉溪市民政局 finance officer", "530400", null,
                    List.of("finance-officer")),
            new DemoUser("yuxi-auditor", "玉溪市 auditor", "530400", null, List.of("auditor")),
            new DemoUser("hongta-bureau-admin", "红塔区民政局 district bureau administrator", "530402", null,
                    List.of("bureau-admin")),
            new DemoUser("hongta-contractor-manager", "红塔区 contractor manager", "530402", DEMO_CONTRACTOR,
                    List.of("contractor-manager")),
            new DemoUser("hongta-care-worker", "红塔区 care worker", "530402", DEMO_CONTRACTOR,
                    List.of("care-worker")));

    private final int port;
    private final RSAKey key;
    private final Clock clock;
    private HttpServer server;

    public DevIssuer(int port, Path keyFile, Clock clock) {
        this.port = port;
        this.key = loadOrCreateKey(keyFile);
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        DevIssuer issuer = new DevIssuer(port, Path.of(".run", "dev-issuer-key.json"), Clock.systemUTC());
        issuer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "dev-issuer-stop"));
        System.out.println("Dev issuer at " + issuer.issuer() + " (Ctrl-C to stop)");
        Thread.currentThread().join();
    }

    public String issuer() {
        return "http://127.0.0.1:" + port + REALM_PATH;
    }

    public String tokenUri() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext(REALM_PATH + "/.well-known/openid-configuration", ex -> handle(ex, "GET", this::discovery));
        server.createContext(REALM_PATH + "/protocol/openid-connect/certs", ex -> handle(ex, "GET", this::jwks));
        server.createContext(REALM_PATH + "/protocol/openid-connect/token", ex -> handle(ex, "POST", this::token));
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "dev-issuer");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private record Reply(int status, Map<String, Object> body) {
    }

    private interface Endpoint {
        Reply answer(HttpExchange exchange) throws IOException;
    }

    private void handle(HttpExchange exchange, String method, Endpoint endpoint) throws IOException {
        try (exchange) {
            Reply reply;
            if (!exchange.getRequestMethod().equals(method)) {
                reply = new Reply(405, Map.of("error", "method_not_allowed"));
            } else {
                try {
                    reply = endpoint.answer(exchange);
                } catch (RuntimeException e) {
                    reply = new Reply(500, Map.of("error", "server_error", "error_description", String.valueOf(e)));
                }
            }
            byte[] bytes = JSONObjectUtils.toJSONString(reply.body()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Reply discovery(HttpExchange exchange) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", issuer());
        d.put("token_endpoint", tokenUri());
        d.put("jwks_uri", jwksUri());
        d.put("grant_types_supported", List.of("client_credentials", "password"));
        d.put("response_types_supported", List.of("token"));
        d.put("subject_types_supported", List.of("public"));
        d.put("id_token_signing_alg_values_supported", List.of("RS256"));
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        return new Reply(200, d);
    }

    private Reply jwks(HttpExchange exchange) {
        return new Reply(200, new JWKSet(key.toPublicJWK()).toJSONObject());
    }

    private Reply token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        basicCredentials(exchange).ifPresent(c -> {
            form.putIfAbsent("client_id", c[0]);
            form.putIfAbsent("client_secret", c[1]);
        });
        String grant = form.getOrDefault("grant_type", "");
        String clientId = form.getOrDefault("client_id", "");
        return switch (grant) {
        case "client_credentials" -> {
            String secret = SERVICE_CLIENTS.get(clientId);
            if (secret == null || !secret.equals(form.get("client_secret"))) {
                yield error(401, "invalid_client", "unknown client or wrong secret");
            }
            yield tokenResponse(serviceToken(clientId));
        }
        case "password" -> {
            if (!USER_CLIENT.equals(clientId)) {
                yield error(401, "invalid_client", "log users in with client_id=" + USER_CLIENT);
            }
            Optional<DemoUser> user = DEMO_USERS.stream()
                    .filter(u -> u.username().equals(form.get("username"))).findFirst();
            if (user.isEmpty() || !DEMO_PASSWORD.equals(form.get("password"))) {
                yield error(401, "invalid_grant", "Invalid user credentials");
            }
            yield tokenResponse(userToken(user.get()));
        }
        default -> error(400, "unsupported_grant_type", "client_credentials or password");
        };
    }

    /** A token for a demo user, as the password grant issues it. */
    public String userToken(DemoUser user) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", user.username());
        claims.put("azp", USER_CLIENT);
        if (user.tenant() != null) {
            claims.put("tenant", user.tenant());
        }
        if (user.contractor() != null) {
            claims.put("contractor", user.contractor());
        }
        return sign(UUID.nameUUIDFromBytes(("warmnest-user:" + user.username()).getBytes(StandardCharsets.UTF_8))
                .toString(), user.roles(), claims);
    }

    /** A token for a service account, as the client-credentials grant issues it. */
    public String serviceToken(String clientId) {
        return sign("service-account-" + clientId, List.of("service"),
                Map.of("preferred_username", "service-account-" + clientId, "azp", clientId));
    }

    private String sign(String subject, List<String> roles, Map<String, Object> extra) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer()).subject(subject)
                .audience(List.of(AUDIENCE)).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME))).jwtID(UUID.randomUUID().toString())
                .claim("typ", "Bearer").claim("realm_access", Map.of("roles", roles));
        extra.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    private static Reply tokenResponse(String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", TOKEN_LIFETIME.toSeconds());
        return new Reply(200, body);
    }

    private static Reply error(int status, String error, String description) {
        return new Reply(status, Map.of("error", error, "error_description", description));
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return form;
    }

    private static Optional<String[]> basicCredentials(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : Optional.of(new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) });
    }

    /** The key survives restarts so that tokens already handed out stay valid. */
    private static RSAKey loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            RSAKey created = new RSAKey.Builder(pub).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyID(keyId(pub)).build();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, created.toJSONString());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file is under the git-ignored .run/ anyway
            }
            return created;
        } catch (IOException | ParseException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot load or create the dev issuer key " + file, e);
        }
    }

    private static String keyId(RSAPublicKey key) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        return "dev-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
    }
}
