package org.warmnest.platform.test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A stand-in identity provider for tests: an RSA key whose JWKS is served over HTTP by WireMock (so the
 * services verify signatures for real), a token endpoint for the client-credentials grant, and a builder
 * for access tokens that follow the claim contract ({@code tenant}, {@code contractor}, realm roles).
 */
public final class TestIssuer {

    public static final String REALM_PATH = "/realms/warmnest";
    public static final String JWKS_PATH = REALM_PATH + "/protocol/openid-connect/certs";
    public static final String TOKEN_PATH = REALM_PATH + "/protocol/openid-connect/token";
    public static final String AUDIENCE = "warmnest-api";

    private static TestIssuer instance;

    private final WireMockServer server;
    private final RSAKey key;
    private final RSAKey otherKey;

    private TestIssuer() {
        key = rsa("test-key");
        otherKey = rsa("test-key"); // same kid, different key: a forgery
        server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(JWKS_PATH)).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody(new JWKSet(key.toPublicJWK()).toString())));
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"access_token\":\"" + service("test-service").token()
                        + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-issuer-stop"));
        warmUp();
    }

    /** The first request to a fresh WireMock is slow on a busy machine; pay for it here, not in a test. */
    private void warmUp() {
        try (var in = java.net.URI.create(jwksUri()).toURL().openStream()) {
            in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("test issuer did not answer", e);
        }
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

    public String tokenUri() {
        return server.baseUrl() + TOKEN_PATH;
    }

    /** A user of a tenant with the given roles. */
    public TokenBuilder user(String tenant, String... roles) {
        return new TokenBuilder().tenant(tenant).roles(roles);
    }

    public TokenBuilder platformAdmin() {
        return new TokenBuilder().roles("platform-admin");
    }

    /** A service account (client credentials), as another service calls with. */
    public TokenBuilder service(String clientId) {
        return new TokenBuilder().subject("service-account-" + clientId).roles("service").claim("azp", clientId);
    }

    public final class TokenBuilder {
        private String subject = "user-" + UUID.randomUUID();
        private String issuer = TestIssuer.this.issuer();
        private List<String> audience = List.of(AUDIENCE);
        private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));
        private final Map<String, Object> claims = new java.util.HashMap<>();
        private List<String> roles = new ArrayList<>();
        private RSAKey signingKey = key;
        private boolean hmac;

        public TokenBuilder subject(String s) {
            subject = s;
            return this;
        }

        public TokenBuilder tenant(String tenant) {
            claims.put("tenant", tenant);
            return this;
        }

        public TokenBuilder contractor(String contractor) {
            claims.put("contractor", contractor);
            return this;
        }

        public TokenBuilder roles(String... r) {
            roles = List.of(r);
            return this;
        }

        public TokenBuilder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public TokenBuilder issuer(String i) {
            issuer = i;
            return this;
        }

        public TokenBuilder audience(String... a) {
            audience = List.of(a);
            return this;
        }

        /** No exp claim at all: such a token would never expire. */
        public TokenBuilder withoutExpiry() {
            expiresAt = null;
            return this;
        }

        public TokenBuilder expiredAgo(Duration d) {
            expiresAt = Instant.now().minus(d);
            return this;
        }

        /** Signed with a key the issuer never published. */
        public TokenBuilder forged() {
            signingKey = otherKey;
            return this;
        }

        /** Signed with HMAC using the public key as secret: the classic algorithm-confusion attack. */
        public TokenBuilder hmacSigned() {
            hmac = true;
            return this;
        }

        public String token() {
            JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience)
                    .issueTime(Date.from(Instant.now().minusSeconds(5)))
                    .expirationTime(expiresAt == null ? null : Date.from(expiresAt)).jwtID(UUID.randomUUID().toString())
                    .claim("preferred_username", subject).claim("realm_access", Map.of("roles", roles));
            claims.forEach(c::claim);
            try {
                if (hmac) {
                    byte[] secret = key.toPublicJWK().toRSAPublicKey().getEncoded();
                    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT).build(), c.build());
                    jwt.sign(new MACSigner(secret));
                    return jwt.serialize();
                }
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                        .type(JOSEObjectType.JWT).build(), c.build());
                jwt.sign(new RSASSASigner(signingKey));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        public String bearer() {
            return "Bearer " + token();
        }
    }

    private static RSAKey rsa(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(kid).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
