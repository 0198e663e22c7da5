package org.warmnest.care.pii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Authenticated encryption of sensitive personal data, and the keyed hash that finds it.
 *
 * <p>A stored value reads {@code <algorithm>:<key id>:<base64 of nonce ‖ ciphertext ‖ tag>}, so rows written
 * under an old key or algorithm stay readable while rotation re-encrypts them. The associated data binds a
 * value to its row and field: a ciphertext copied into another elder's row does not decrypt.
 */
public final class PiiCipher {

    enum Algorithm {
        SM4_GCM("sm4gcm", "SM4/GCM/NoPadding", "SM4", 16), AES_GCM("aesgcm", "AES/GCM/NoPadding", "AES", 0);

        final String tag;
        final String transformation;
        final String keyAlgorithm;
        final int keyLength; // 0: 16, 24 or 32

        Algorithm(String tag, String transformation, String keyAlgorithm, int keyLength) {
            this.tag = tag;
            this.transformation = transformation;
            this.keyAlgorithm = keyAlgorithm;
            this.keyLength = keyLength;
        }

        static Algorithm named(String name) {
            String n = name == null || name.isBlank() ? "SM4-GCM" : name.trim().toUpperCase().replace('_', '-');
            return switch (n) {
                case "SM4-GCM" -> SM4_GCM;
                case "AES-GCM" -> AES_GCM;
                default -> throw new IllegalStateException("warmnest.pii.algorithm must be SM4-GCM or AES-GCM");
            };
        }

        static Algorithm tagged(String tag) {
            for (Algorithm a : values()) {
                if (a.tag.equals(tag)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown cipher " + tag);
        }

        boolean fits(byte[] key) {
            return keyLength == 0 ? key.length == 16 || key.length == 24 || key.length == 32 : key.length == keyLength;
        }
    }

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final Provider PROVIDER = new BouncyCastleProvider();

    private final Algorithm algorithm;
    private final String activeKey;
    private final Map<String, byte[]> keys;
    private final SecretKeySpec indexKey;
    private final String indexAlgorithm;
    private final SecureRandom random = new SecureRandom();
    // Looking a primitive up in the provider costs more than using it; an import does it tens of thousands of times
    private final ThreadLocal<Mac> macs;
    private final Map<Algorithm, ThreadLocal<Cipher>> ciphers = new java.util.EnumMap<>(Algorithm.class);

    public PiiCipher(PiiProperties properties) {
        if (properties == null || isBlank(properties.keys()) || isBlank(properties.activeKey())
                || isBlank(properties.indexKey())) {
            throw new IllegalStateException("warmnest.pii.keys, active-key and index-key must be set "
                    + "(WARMNEST_PII_KEYS, WARMNEST_PII_ACTIVE_KEY, WARMNEST_PII_INDEX_KEY): elders' data is never "
                    + "stored unencrypted");
        }
        this.algorithm = Algorithm.named(properties.algorithm());
        this.keys = parseKeys(properties.keys());
        this.activeKey = properties.activeKey().trim();
        byte[] active = keys.get(activeKey);
        if (active == null) {
            throw new IllegalStateException("warmnest.pii.active-key names no key in warmnest.pii.keys");
        }
        if (!algorithm.fits(active)) {
            throw new IllegalStateException("the active key's length does not suit " + algorithm);
        }
        this.indexAlgorithm = isBlank(properties.indexAlgorithm()) ? "HmacSM3" : properties.indexAlgorithm().trim();
        byte[] index = Base64.getDecoder().decode(properties.indexKey().trim());
        if (index.length < 32) {
            throw new IllegalStateException("warmnest.pii.index-key must hold at least 32 bytes");
        }
        this.indexKey = new SecretKeySpec(index, indexAlgorithm);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(indexAlgorithm, PROVIDER);
                mac.init(indexKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("warmnest.pii.index-algorithm " + indexAlgorithm
                        + " is not available", e);
            }
        });
        for (Algorithm a : Algorithm.values()) {
            ciphers.put(a, ThreadLocal.withInitial(() -> {
                try {
                    return Cipher.getInstance(a.transformation, PROVIDER);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(a + " is not available", e);
                }
            }));
        }
        hash("check"); // fail at start-up, not on the first elder, when the algorithm is unknown
        decrypt(encrypt("check", "start-up"), "start-up");
    }

    /** Encrypts with the active key; {@code context} names the row and field the value belongs to. */
    public String encrypt(String plain, String context) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get(algorithm).get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.get(activeKey), algorithm.keyAlgorithm),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
            return algorithm.tag + ":" + activeKey + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String stored, String context) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalStateException("a stored value is not in the cipher's format");
        }
        Algorithm alg = Algorithm.tagged(parts[0]);
        byte[] key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("key " + parts[1] + " is no longer configured; it is still in use");
        }
        byte[] in = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = ciphers.get(alg).get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, alg.keyAlgorithm),
                    new GCMParameterSpec(TAG_BITS, in, 0, NONCE));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored value failed authentication", e);
        }
    }

    /**
     * Encrypts bytes (a health photo) with the active key: {@code <algorithm>:<key id>:} in ASCII, then nonce ‖
     * ciphertext ‖ tag; {@code context} names the record the bytes belong to.
     */
    public byte[] encrypt(byte[] plain, String context) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get(algorithm).get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.get(activeKey), algorithm.keyAlgorithm),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] header = currentPrefix().getBytes(StandardCharsets.US_ASCII);
            return ByteBuffer.allocate(header.length + NONCE + sealed.length).put(header).put(nonce).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] stored, String context) {
        int first = indexOf(stored, 0);
        int second = first < 0 ? -1 : indexOf(stored, first + 1);
        if (second < 0) {
            throw new IllegalStateException("stored bytes are not in the cipher's format");
        }
        Algorithm alg = Algorithm.tagged(new String(stored, 0, first, StandardCharsets.US_ASCII));
        String keyId = new String(stored, first + 1, second - first - 1, StandardCharsets.US_ASCII);
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("key " + keyId + " is no longer configured; it is still in use");
        }
        int start = second + 1;
        try {
            Cipher cipher = ciphers.get(alg).get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, alg.keyAlgorithm),
                    new GCMParameterSpec(TAG_BITS, stored, start, NONCE));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, start + NONCE, stored.length - start - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored bytes failed authentication", e);
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < Math.min(bytes.length, from + 40); i++) {
            if (bytes[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    /** Whether a stored value was written with the active algorithm and key; rotation rewrites the others. */
    public boolean isCurrent(String stored) {
        return stored == null || stored.startsWith(currentPrefix());
    }

    /** The associated data of a value: the row and field it belongs to. */
    public static String context(String table, java.util.UUID row, String field) {
        return table + ":" + row + ":" + field;
    }

    /** The associated data of a sealed health photo: the evidence record it belongs to. */
    public static String photoContext(java.util.UUID evidenceId) {
        return context("evidence", evidenceId, "photo");
    }

    public String currentPrefix() {
        return algorithm.tag + ":" + activeKey + ":";
    }

    /** The keyed hash of a normalised value: equal values, equal hashes, and nothing to learn without the key. */
    public byte[] hash(String normalised) {
        return macs.get().doFinal(normalised.getBytes(StandardCharsets.UTF_8)); // doFinal resets it for the next
    }

    public static boolean sameHash(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static Map<String, byte[]> parseKeys(String spec) {
        Map<String, byte[]> parsed = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String e = entry.trim();
            int colon = e.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("warmnest.pii.keys must read id:base64,id:base64");
            }
            String id = e.substring(0, colon);
            if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalStateException("a key id may hold letters, digits, - and _ only");
            }
            parsed.put(id, Base64.getDecoder().decode(e.substring(colon + 1)));
        }
        return parsed;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
