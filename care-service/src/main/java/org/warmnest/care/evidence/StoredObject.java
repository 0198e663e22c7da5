package org.warmnest.care.evidence;

/**
 * What {@link EvidenceStore#put} stored.
 *
 * @param size   bytes stored
 * @param sha256 SHA-256 of the stored bytes, lowercase hex
 */
public record StoredObject(String key, long size, String sha256) {
}
