package org.warmnest.care.evidence;

/**
 * Nothing is stored under a key the application expected to find: the record of a photo outlived the photo.
 * Not the client's fault, so not a problem response of its own.
 */
public class EvidenceMissing extends RuntimeException {

    private final String key;

    public EvidenceMissing(String key) {
        super("No evidence stored under " + key);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
