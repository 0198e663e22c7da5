package org.warmnest.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenRulesTest {

    static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    static final String ISSUER = "https://id.warmnest.example/realms/warmnest";
    static final SecurityProperties PROPERTIES = new SecurityProperties(ISSUER, "https://unused/certs", "warmnest-api",
            Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5), null, null);

    static Stream<Arguments> tokens() {
        return Stream.of(
                Arguments.of("a Keycloak access token", ok(), true),
                Arguments.of("typ at+jwt (RFC 9068)", (UnaryOperator<Jwt.Builder>) b -> b.header("typ", "at+jwt"), true),
                Arguments.of("typ application/at+jwt", (UnaryOperator<Jwt.Builder>) b -> b.header("typ",
                        "application/at+jwt"), true),
                Arguments.of("header typ in capitals", (UnaryOperator<Jwt.Builder>) b -> b.header("typ", "AT+JWT"), true),
                Arguments.of("no typ claim (another issuer)", (UnaryOperator<Jwt.Builder>) b -> b.claims(c -> c
                        .remove("typ")), true),
                Arguments.of("audience among others", (UnaryOperator<Jwt.Builder>) b -> b.audience(List.of("account",
                        "warmnest-api")), true),
                Arguments.of("expired within the skew", (UnaryOperator<Jwt.Builder>) b -> b.expiresAt(NOW
                        .minusSeconds(20)), true),
                Arguments.of("expired", (UnaryOperator<Jwt.Builder>) b -> b.expiresAt(NOW.minusSeconds(31)), false),
                Arguments.of("no exp", (UnaryOperator<Jwt.Builder>) b -> b.claims(c -> c.remove("exp")), false),
                Arguments.of("nbf in the future", (UnaryOperator<Jwt.Builder>) b -> b.notBefore(NOW.plusSeconds(60)),
                        false),
                Arguments.of("another issuer", (UnaryOperator<Jwt.Builder>) b -> b.issuer("https://evil.example"),
                        false),
                Arguments.of("another audience", (UnaryOperator<Jwt.Builder>) b -> b.audience(List.of("account")),
                        false),
                Arguments.of("no audience", (UnaryOperator<Jwt.Builder>) b -> b.claims(c -> c.remove("aud")), false),
                Arguments.of("an ID token (typ ID)", (UnaryOperator<Jwt.Builder>) b -> b.claim("typ", "ID"), false),
                Arguments.of("a refresh token", (UnaryOperator<Jwt.Builder>) b -> b.claim("typ", "Refresh"), false),
                Arguments.of("a logout token", (UnaryOperator<Jwt.Builder>) b -> b.header("typ", "logout+jwt"), false),
                Arguments.of("no subject", (UnaryOperator<Jwt.Builder>) b -> b.claims(c -> c.remove("sub")), false),
                Arguments.of("a blank subject", (UnaryOperator<Jwt.Builder>) b -> b.subject(" "), false));
    }

    @ParameterizedTest(name = "{0}: valid = {2}")
    @MethodSource("tokens")
    void acceptsOnlyCurrentAccessTokensForThisApiFromOurIssuer(String name, UnaryOperator<Jwt.Builder> change,
            boolean valid) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").header("typ", "JWT")
                .subject("user-1").issuer(ISSUER).audience(List.of("warmnest-api"))
                .issuedAt(NOW.minusSeconds(60)).expiresAt(NOW.plusSeconds(240)).claim("typ", "Bearer");
        Jwt jwt = change.apply(builder).build();
        boolean result = !TokenRules.validator(PROPERTIES, Clock.fixed(NOW, ZoneOffset.UTC)).validate(jwt)
                .hasErrors();
        assertThat(result).isEqualTo(valid);
    }

    private static UnaryOperator<Jwt.Builder> ok() {
        return b -> b;
    }
}
