package org.warmnest.care.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PiiCipherTest {

    static final String K1 = "k1:" + b64(16, 1);
    static final String K2 = "k2:" + b64(32, 2);
    static final String INDEX = b64(32, 3);

    static String b64(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return Base64.getEncoder().encodeToString(b);
    }

    static PiiCipher cipher(String algorithm, String keys, String active, String indexAlgorithm) {
        return new PiiCipher(new PiiProperties(algorithm, keys, active, INDEX, indexAlgorithm));
    }

    @ParameterizedTest
    @ValueSource(strings = { "SM4-GCM", "AES-GCM" })
    void roundTripsAndNeverRepeatsACiphertext(String algorithm) {
        PiiCipher c = cipher(algorithm, K1, "k1", null);
        String context = PiiCipher.context("elder", UUID.randomUUID(), "id_number");
        String a = c.encrypt("53040219400101123X", context);
        String b = c.encrypt("53040219400101123X", context);
        assertThat(a).isNotEqualTo(b).doesNotContain("53040219400101123X");
        assertThat(c.decrypt(a, context)).isEqualTo("53040219400101123X");
        assertThat(a).startsWith(algorithm.equals("SM4-GCM") ? "sm4gcm:k1:" : "aesgcm:k1:");
    }

    @Test
    void aValueMovedToAnotherRowOrTamperedWithDoesNotDecrypt() {
        PiiCipher c = cipher("SM4-GCM", K1, "k1", null);
        UUID row = UUID.randomUUID();
        String stored = c.encrypt("53040219400101123X", PiiCipher.context("elder", row, "id_number"));
        assertThatThrownBy(() -> c.decrypt(stored, PiiCipher.context("elder", UUID.randomUUID(), "id_number")))
                .hasMessageContaining("authentication");
        assertThatThrownBy(() -> c.decrypt(stored, PiiCipher.context("elder", row, "health")))
                .hasMessageContaining("authentication");
        int body = stored.lastIndexOf(':') + 1;
        byte[] bytes = Base64.getDecoder().decode(stored.substring(body));
        bytes[bytes.length / 2] ^= 1;
        String tampered = stored.substring(0, body) + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> c.decrypt(tampered, PiiCipher.context("elder", row, "id_number")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterRotationOldValuesStillReadAndAreKnownAsNotCurrent() {
        PiiCipher before = cipher("SM4-GCM", K1, "k1", null);
        String context = PiiCipher.context("elder", UUID.randomUUID(), "health");
        String old = before.encrypt("高血压", context);
        PiiCipher after = cipher("AES-GCM", K1 + "," + K2, "k2", null);
        assertThat(after.decrypt(old, context)).isEqualTo("高血压");
        assertThat(after.isCurrent(old)).isFalse();
        assertThat(after.isCurrent(after.encrypt("高血压", context))).isTrue();
        PiiCipher withoutOldKey = cipher("AES-GCM", K2, "k2", null);
        assertThatThrownBy(() -> withoutOldKey.decrypt(old, context)).hasMessageContaining("no longer configured");
    }

    @ParameterizedTest
    @ValueSource(strings = { "HmacSM3", "HmacSHA256" })
    void theKeyedHashIsStableAndDependsOnTheKey(String algorithm) {
        PiiCipher c = cipher("SM4-GCM", K1, "k1", algorithm);
        assertThat(c.hash("53040219400101123X")).isEqualTo(c.hash("53040219400101123X")).hasSize(32);
        assertThat(c.hash("53040219400101123X")).isNotEqualTo(c.hash("530402194001011231"));
        PiiCipher otherIndex = new PiiCipher(new PiiProperties("SM4-GCM", K1, "k1", b64(32, 9), algorithm));
        assertThat(otherIndex.hash("53040219400101123X")).isNotEqualTo(c.hash("53040219400101123X"));
    }

    @Test
    void withoutKeysTheServiceDoesNotStart() {
        assertThatThrownBy(() -> new PiiCipher(new PiiProperties(null, "", "", "", null)))
                .hasMessageContaining("never stored unencrypted");
        assertThatThrownBy(() -> cipher("SM4-GCM", K2, "k2", null)).hasMessageContaining("length");
        assertThatThrownBy(() -> cipher("SM4-GCM", K1, "k9", null)).hasMessageContaining("names no key");
        assertThatThrownBy(() -> cipher("DES", K1, "k1", null)).hasMessageContaining("SM4-GCM or AES-GCM");
    }
}
