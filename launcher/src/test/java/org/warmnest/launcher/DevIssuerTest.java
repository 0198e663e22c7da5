package org.warmnest.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

class DevIssuerTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private DevIssuer issuer;

    @BeforeEach
    void start() throws Exception {
        issuer = new DevIssuer(Postgres.Net.freePort(), dir.resolve("key.json"), Clock.systemUTC());
        issuer.start();
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void serviceClientGetsAServiceTokenSignedWithThePublishedKey() throws Exception {
        HttpResponse<String> r = token("grant_type=client_credentials&client_id=care-service"
                + "&client_secret=dev-care-service-secret");

        assertThat(r.statusCode()).isEqualTo(200);
        SignedJWT jwt = verified(r);
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuer());
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("warmnest-api");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("service-account-care-service");
        assertThat(roles(jwt)).containsExactly("service");
        assertThat(jwt.getJWTClaimsSet().getClaim("tenant")).isNull();
    }

    @Test
    void demoUserGetsTheClaimContractForFiveMinutes() throws Exception {
        HttpResponse<String> r = token("grant_type=password&client_id=warmnest-web&username=hongta-care-worker"
                + "&password=demo");

        assertThat(r.statusCode()).isEqualTo(200);
        SignedJWT jwt = verified(r);
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringClaim("tenant")).isEqualTo("530402");
        assertThat(claims.getStringClaim("contractor")).isEqualTo(DevIssuer.DEMO_CONTRACTOR);
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("hongta-care-worker");
        assertThat(roles(jwt)).containsExactly("care-worker");
        long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
        assertThat(lifetime).isEqualTo(300_000);
        assertThat(claims.getExpirationTime()).isAfter(new Date());
    }

    @Test
    void platformAdminHasNoTenant() throws Exception {
        SignedJWT jwt = verified(token("grant_type=password&client_id=warmnest-web&username=platform-admin"
                + "&password=demo"));

        assertThat(jwt.getJWTClaimsSet().getClaim("tenant")).isNull();
        assertThat(roles(jwt)).containsExactly("platform-admin");
    }

    @Test
    void wrongSecretsAndPasswordsAreRefused() throws Exception {
        assertThat(token("grant_type=client_credentials&client_id=care-service&client_secret=guess").statusCode())
                .isEqualTo(401);
        assertThat(token("grant_type=password&client_id=warmnest-web&username=platform-admin&password=x")
                .statusCode()).isEqualTo(401);
        assertThat(token("grant_type=password&client_id=warmnest-web&username=nobody&password=demo").statusCode())
                .isEqualTo(401);
        assertThat(token("grant_type=authorization_code&client_id=warmnest-web").statusCode()).isEqualTo(400);
    }

    @Test
    void clientMayAuthenticateWithBasic() throws Exception {
        String basic = java.util.Base64.getEncoder()
                .encodeToString("billing-service:dev-billing-service-secret".getBytes());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(issuer.tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void discoveryNamesTheEndpoints() throws Exception {
        Map<String, Object> d = JSONObjectUtils.parse(get(issuer.issuer() + "/.well-known/openid-configuration"));

        assertThat(d).containsEntry("issuer", issuer.issuer()).containsEntry("jwks_uri", issuer.jwksUri())
                .containsEntry("token_endpoint", issuer.tokenUri());
    }

    @Test
    void theKeyIsKeptAcrossRestarts() throws Exception {
        String before = get(issuer.jwksUri());
        issuer.close();
        issuer = new DevIssuer(Postgres.Net.freePort(), dir.resolve("key.json"), Clock.systemUTC());
        issuer.start();

        assertThat(get(issuer.jwksUri())).isEqualTo(before);
    }

    private SignedJWT verified(HttpResponse<String> response) throws Exception {
        String token = (String) JSONObjectUtils.parse(response.body()).get("access_token");
        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey key = (RSAKey) JWKSet.parse(get(issuer.jwksUri())).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the token's key is published").isNotNull();
        assertThat(key.isPrivate()).as("only the public key is published").isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        return jwt;
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(SignedJWT jwt) throws Exception {
        return (List<String>) jwt.getJWTClaimsSet().getJSONObjectClaim("realm_access").get("roles");
    }

    private HttpResponse<String> token(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
