package org.warmnest.care.evidence;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where evidence photos of visits are kept: the local filesystem by default, an S3-compatible object store in
 * production. Keys come from {@link EvidenceKeys#newKey}, never from users; every method refuses any other key
 * with an {@link IllegalArgumentException} before touching the store. The store failing answers the problem
 * {@code evidence-store-unavailable} (503).
 */
public interface EvidenceStore {

    /**
     * Stores {@code content} under {@code key}, replacing what was there (keys are never reused). Nothing is
     * stored unless the whole stream was read: a stream that fails or is refused midway (such as by
     * {@link EvidencePolicy}'s size limit) leaves no object, partial or whole.
     *
     * @param contentType the detected type, served back by stores that keep it (S3); the local store has no use for it
     * @return the size and SHA-256 of what was stored, computed while streaming it
     * @throws IOException reading {@code content} failed (nothing stored)
     */
    StoredObject put(String key, InputStream content, String contentType) throws IOException;

    /**
     * The stored bytes; the caller closes the stream.
     *
     * @throws EvidenceMissing nothing is stored under {@code key}
     */
    InputStream open(String key);

    /** Removes the object; removing one that is not there is not an error. */
    void delete(String key);

    boolean exists(String key);
}
