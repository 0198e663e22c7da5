package org.warmnest.care.pii;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys for elders' sensitive data. There are no defaults: a service without keys does not start.
 *
 * @param algorithm   the cipher new values are written with: {@code SM4-GCM} (the commercial cryptography
 *                    standard, the default) or {@code AES-GCM}
 * @param keys        every data key that may still be read, as {@code id:base64,id:base64} (16 bytes for SM4,
 *                    16 or 32 for AES); old keys stay listed until rotation has re-encrypted their rows
 * @param activeKey   the id of the key new values are written with
 * @param indexKey    base64 key of the keyed hash that finds an ID number without decrypting (32 bytes); one for
 *                    the whole platform, so that a city can find an elder registered in two of its districts
 * @param indexAlgorithm {@code HmacSM3} (default) or {@code HmacSHA256}
 */
@ConfigurationProperties("warmnest.pii")
public record PiiProperties(String algorithm, String keys, String activeKey, String indexKey, String indexAlgorithm) {
}
