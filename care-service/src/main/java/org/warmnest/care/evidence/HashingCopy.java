package org.warmnest.care.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Copies an upload while counting and hashing it, and tells the caller's stream failing from the store failing. */
final class HashingCopy {

    record Copied(long size, String sha256) {
    }

    private HashingCopy() {
    }

    /**
     * @throws SourceFailure reading {@code in} failed
     * @throws IOException   writing {@code out} failed
     */
    static Copied copy(InputStream in, OutputStream out) throws SourceFailure, IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (true) {
            int read;
            try {
                read = in.read(buffer);
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
            if (read < 0) {
                return new Copied(total, HexFormat.of().formatHex(sha256.digest()));
            }
            out.write(buffer, 0, read);
            sha256.update(buffer, 0, read);
            total += read;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class SourceFailure extends Exception {
        SourceFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
