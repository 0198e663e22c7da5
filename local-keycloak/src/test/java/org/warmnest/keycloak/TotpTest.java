package org.warmnest.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B, SHA-1, truncated to the realm's 6 digits. */
    @Test
    void matchesTheRfcVectors() {
        String secret = "12345678901234567890";
        assertThat(Totp.code(secret, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void base32AsAuthenticatorAppsTakeIt() {
        assertThat(Totp.base32("foobar")).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32("12345678901234567890")).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
