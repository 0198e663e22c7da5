package org.warmnest.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.warmnest.keycloak.LocalKeycloak;
import org.warmnest.keycloak.Totp;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Real tokens from the local Keycloak (password grant with the one-time code where the realm requires it), and
 * hostile ones: signed by a key the realm itself publishes (added through the admin API, never used by Keycloak
 * to sign), so that each claim check (expiry, not-before, issuer, audience) is tested on its own.
 */
final class Tokens {

    /** The demo users' password (the realm's demo file), also set for the users a test creates. */
    static final String PASSWORD = "Demo-Pass-2026";

    private final LocalKeycloak keycloak;
    private final String adminPassword;
    private final Map<String, Issued> cache = new ConcurrentHashMap<>();

    private record Issued(String token, Instant at) {
    }
    private final Map<String, Instant> lastOtpWindow = new ConcurrentHashMap<>();
    private KeyPair suiteKey;
    private String suiteKid;

    Tokens(LocalKeycloak keycloak, String adminPassword) {
        this.keycloak = keycloak;
        this.adminPassword = adminPassword;
    }

    /** A fresh-enough access token of the user: tokens live 5 minutes, a cached one is used for 3 at most. */
    String of(String username) {
        return cache.compute(username, (u, known) -> known != null
                && known.at().isAfter(Instant.now().minus(Duration.ofMinutes(3))) ? known
                        : new Issued(login(u, PASSWORD), Instant.now())).token();
    }

    /** A new login, bypassing the cache. */
    String login(String username, String password) {
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                Map<String, String> form = new HashMap<>(Map.of("grant_type", "password", "client_id",
                        "warmnest-cli", "username", username, "password", password));
                // one code per 30-second window and user: the realm refuses a code used twice
                Instant now = Instant.now();
                long window = now.getEpochSecond() / Totp.PERIOD_SECONDS;
                Instant last = lastOtpWindow.get(username);
                if (last != null && last.getEpochSecond() / Totp.PERIOD_SECONDS == window) {
                    Thread.sleep((Totp.PERIOD_SECONDS - now.getEpochSecond() % Totp.PERIOD_SECONDS) * 1000 + 200);
                    now = Instant.now();
                }
                form.put("totp", Totp.code(Totp.DEMO_SECRET, now));
                lastOtpWindow.put(username, now);
                Http.Response response = Http.form(keycloak.tokenUri(), form);
                if (response.status() == 200) {
                    return (String) response.json().get("access_token");
                }
                if (attempt == 2) {
                    throw new IllegalStateException("login of " + username + ": " + response.brief());
                }
            }
            throw new IllegalStateException("unreachable");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The password grant without the one-time code. */
    Http.Response loginWithoutOtp(String username) throws IOException, InterruptedException {
        return Http.form(keycloak.tokenUri(), Map.of("grant_type", "password", "client_id", "warmnest-cli",
                "username", username, "password", PASSWORD));
    }

    /**
     * The product gives every account it creates a temporary password; a test then sets the permanent one through
     * Keycloak's admin API, as the user would at first sign-in.
     */
    void setPermanentPassword(String userId) throws IOException, InterruptedException {
        Http.Response r = Http.send("PUT", keycloak.serverUrl() + "/admin/realms/" + LocalKeycloak.REALM + "/users/"
                + userId + "/reset-password", masterAdminToken(),
                "{\"type\":\"password\",\"value\":\"" + PASSWORD + "\",\"temporary\":false}", Map.of());
        if (r.status() != 204) {
            throw new IllegalStateException("setting the password of " + userId + ": " + r.brief());
        }
    }

    /** A token of the realm's own {@code admin-cli} client: signed by the realm, without the API's audience. */
    String withoutApiAudience(String username) throws IOException, InterruptedException {
        Http.Response r = Http.form(keycloak.tokenUri(), Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", username, "password", PASSWORD));
        if (r.status() != 200) {
            throw new IllegalStateException("admin-cli login: " + r.brief());
        }
        return (String) r.json().get("access_token");
    }

    /** Signed by the same Keycloak, but by the master realm: another issuer (and other keys). */
    String ofMasterRealm() throws IOException, InterruptedException {
        return masterAdminToken();
    }

    // ---- hostile tokens -------------------------------------------------------------------------------------

    /** Adds an RSA key to the realm with a low priority: published in its JWKS, never used by Keycloak to sign. */
    void installSuiteKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        suiteKey = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(suiteKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";
        String admin = masterAdminToken();
        String realmId = (String) Http.get(keycloak.serverUrl() + "/admin/realms/" + LocalKeycloak.REALM, admin)
                .json().get("id");
        String component = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("name", "security-suite",
                "providerId", "rsa", "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                "config", Map.of("priority", List.of("-100"), "enabled", List.of("true"), "active",
                        List.of("true"), "algorithm", List.of("RS256"), "privateKey", List.of(pem))));
        Http.Response created = Http.post(keycloak.serverUrl() + "/admin/realms/" + LocalKeycloak.REALM
                + "/components", admin, component);
        if (created.status() != 201) {
            throw new IllegalStateException("adding the suite's key: " + created.brief());
        }
        java.math.BigInteger modulus = ((java.security.interfaces.RSAPublicKey) suiteKey.getPublic()).getModulus();
        for (Object k : (List<?>) Http.get(keycloak.jwksUri(), null).json().get("keys")) {
            Map<?, ?> key = (Map<?, ?>) k;
            if (key.get("n") != null && new java.math.BigInteger(1, Base64.getUrlDecoder()
                    .decode(key.get("n").toString())).equals(modulus)) {
                suiteKid = key.get("kid").toString();
            }
        }
        if (suiteKid == null) {
            throw new IllegalStateException("the suite's key is not in the realm's JWKS");
        }
    }

    /** Claims like the realm's for a user of {@code tenant}, valid now; change them, then {@link #sign}. */
    JWTClaimsSet.Builder claims(String tenant, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(keycloak.issuer()).audience("warmnest-api")
                .subject(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(UUID.randomUUID().toString())
                .claim("typ", "Bearer").claim("azp", "warmnest-cli").claim("tenant", tenant)
                .claim("realm_access", Map.of("roles", List.of(roles)));
    }

    String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(suiteKid)
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) suiteKey.getPrivate()));
        return jwt.serialize();
    }

    /** {@code alg: none}, no signature. */
    static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + parts[1] + ".";
    }

    /** HS256 with the realm's public key (as the realm publishes it, PEM) as the HMAC secret: algorithm confusion. */
    String hmacWithPublicKey(String token) throws Exception {
        String[] parts = token.split("\\.");
        String publicKey = (String) Http.get(keycloak.issuer(), null).json().get("public_key");
        String pem = "-----BEGIN PUBLIC KEY-----\n" + publicKey + "\n-----END PUBLIC KEY-----\n";
        String kid = (String) com.nimbusds.jose.util.JSONObjectUtils.parse(new String(Base64.getUrlDecoder()
                .decode(parts[0]), StandardCharsets.UTF_8)).get("kid");
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pem.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signingInput = header + "." + parts[1];
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The real signature over a payload whose tenant was changed. */
    static String tampered(String token, String tenant) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"tenant\":\"[0-9]+\"", "\"tenant\":\"" + tenant + "\"");
        return parts[0] + "." + b64(payload) + "." + parts[2];
    }

    static Map<String, Object> payload(String token) throws java.text.ParseException {
        return com.nimbusds.jose.util.JSONObjectUtils.parse(
                new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private String masterAdminToken() throws IOException, InterruptedException {
        Http.Response r = Http.form(keycloak.serverUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "suite-admin", "password",
                        adminPassword));
        if (r.status() != 200) {
            throw new IllegalStateException("master realm login: " + r.brief());
        }
        return (String) r.json().get("access_token");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
