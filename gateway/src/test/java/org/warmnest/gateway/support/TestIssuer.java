package org.warmnest.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * A stand-in for the identity provider: an RSA key whose JWKS WireMock serves over HTTP, so the gateway fetches
 * and verifies for real, and a builder for access tokens (and for every kind of bad one).
 */
public final class TestIssuer {

    public static final String REALM_PATH = "/realms/warmnest";
    public static final String JWKS_PATH = REALM_PATH + "/protocol/openid-connect/certs";
    public static final String AUDIENCE = "warmnest-api";

    private static TestIssuer instance;

    private final WireMockServer server;
    private final RSAKey key = rsa("gw-test-key");

    private TestIssuer() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(JWKS_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(key.toPublicJWK()).toString())));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-issuer-stop"));
    }

    public static synchronized TestIssuer get() {
        if (instance == null) {
            instance = new TestIssuer();
        }
        return instance;
    }

    public String issuer() {
        return server.baseUrl() + REALM_PATH;
    }

    public String jwksUri() {
        return server.baseUrl() + JWKS_PATH;
    }

    /** How many times the key set has been fetched so far, by anyone. */
    public int jwksFetches() {
        return server.countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo(JWKS_PATH)).build()).getCount();
    }

    /** An access token of a user of the tenant. */
    public Token user(String tenant) {
        return new Token().claim("tenant", tenant);
    }

    /** A platform admin or service account: no tenant claim. */
    public Token platformAdmin() {
        return new Token();
    }

    public final class Token {
        private final Map<String, Object> claims = new HashMap<>();
        private JOSEObjectType type = JOSEObjectType.JWT;
        private RSAKey signingKey = key;
        private String kid = key.getKeyID();

        private Token() {
            Instant now = Instant.now();
            claims.put("sub", "user-" + UUID.randomUUID());
            claims.put("iss", issuer());
            claims.put("aud", List.of(AUDIENCE));
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
            claims.put("typ", "Bearer");
        }

        public Token claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value instanceof Instant instant ? instant.getEpochSecond() : value);
            }
            return this;
        }

        public Token subject(String subject) {
            return claim("sub", subject);
        }

        public String subject() {
            return (String) claims.get("sub");
        }

        public Token issuedAt(Instant iat) {
            return claim("iat", iat);
        }

        public Token headerType(String typ) {
            type = typ == null ? null : new JOSEObjectType(typ);
            return this;
        }

        /** Signed by a key the issuer never published, under a kid of its own or the real one's. */
        public Token signedByAnotherKey(String keyId) {
            signingKey = rsa(keyId);
            kid = keyId;
            return this;
        }

        public String value() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(type).build(),
                        claimsSet());
                jwt.sign(new RSASSASigner(signingKey));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        public String bearer() {
            return "Bearer " + value();
        }

        /** {@code alg: none}: no signature at all. */
        public String unsigned() {
            return new PlainJWT(claimsSet()).serialize();
        }

        /** The classic confusion attack: HS256 with the issuer's public key as the HMAC secret. */
        public String hmacWithPublicKey() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(),
                        claimsSet());
                byte[] secret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
                jwt.sign(new MACSigner(secret));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A valid token whose payload was changed after signing (another tenant, say). */
        public String tampered(String claim, Object value) {
            String[] parts = value().split("\\.");
            Map<String, Object> changed = new HashMap<>(claimsSet().toJSONObject());
            changed.put(claim, value);
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    com.nimbusds.jose.util.JSONObjectUtils.toJSONString(changed).getBytes(StandardCharsets.UTF_8));
            return parts[0] + "." + payload + "." + parts[2];
        }

        private JWTClaimsSet claimsSet() {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            claims.forEach((name, value) -> builder.claim(name,
                    value instanceof Long seconds && List.of("iat", "exp", "nbf").contains(name)
                            ? Date.from(Instant.ofEpochSecond(seconds)) : value));
            return builder.build();
        }
    }

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
