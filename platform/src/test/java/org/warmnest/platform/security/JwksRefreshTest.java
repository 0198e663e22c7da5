package org.warmnest.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * The services' decoder against a key set served over HTTP that counts its fetches: tokens with made-up key ids are
 * refused as invalid without a fetch each; a rotated key is found once the interval has passed.
 */
class JwksRefreshTest {

    static final String ISSUER = "https://id.warmnest.example/realms/warmnest";

    final AtomicInteger fetches = new AtomicInteger();
    final AtomicReference<String> published = new AtomicReference<>();
    final MutableClock clock = new MutableClock();
    HttpServer server;
    NimbusJwtDecoder decoder;
    RSAKey current;
    List<RSAKey> madeUp;

    @BeforeEach
    void issuer() throws Exception {
        current = rsa("current");
        madeUp = List.of(rsa("made-up-1"), rsa("made-up-2"));
        published.set(new JWKSet(current.toPublicJWK()).toString());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        SecurityProperties properties = new SecurityProperties(ISSUER,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/certs", "warmnest-api", null, null);
        decoder = ResourceServerConfiguration.decoder(properties, Duration.ofSeconds(30), clock);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void unknownKeyIdsAreRefusedWithoutAFetchEachAndARotatedKeyIsFoundAfterTheInterval() throws Exception {
        assertThat(decoder.decode(token(current)).getSubject()).isEqualTo("user-1");
        assertThat(fetches).hasValue(1);

        for (int i = 0; i < 40; i++) {
            String forged = token(madeUp.get(i % 2));
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        }
        assertThat(fetches).hasValue(1);

        RSAKey rotated = rsa("rotated");
        published.set(new JWKSet(List.of(current.toPublicJWK(), rotated.toPublicJWK())).toString());
        clock.advance(Duration.ofSeconds(31));
        assertThat(decoder.decode(token(rotated)).getSubject()).isEqualTo("user-1");
        assertThat(fetches).hasValue(2);
        assertThatThrownBy(() -> decoder.decode(token(madeUp.get(0)))).isInstanceOf(BadJwtException.class);
        assertThat(decoder.decode(token(current)).getSubject()).isEqualTo("user-1");
        assertThat(fetches).hasValue(2);
    }

    private String token(RSAKey key) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().subject("user-1").issuer(ISSUER)
                .audience("warmnest-api").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey rsa(String kid) throws Exception {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
