package org.warmnest.care.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Photo bytes for the tests: each type's real first bytes, padded to the size a test needs. */
final class Photos {

    static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0 };
    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R' };
    static final byte[] WEBP = concat(ascii("RIFF"), new byte[] { 0x24, 0, 0, 0 }, ascii("WEBPVP8 "));
    // as an iPhone writes it: major brand heic, compatible mif1 and heic
    static final byte[] HEIC = ftyp("heic", "mif1", "heic");
    static final byte[] HEIF = ftyp("mif1", "mif1", "miaf");
    static final byte[] AVIF = ftyp("avif", "avif", "mif1", "miaf");

    private Photos() {
    }

    /** {@code head} followed by filler up to {@code size} bytes. */
    static byte[] sized(byte[] head, int size) {
        byte[] photo = Arrays.copyOf(head, Math.max(size, head.length));
        for (int i = head.length; i < photo.length; i++) {
            photo[i] = (byte) (i * 31);
        }
        return photo;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] ftyp(String major, String... compatible) {
        ByteArrayOutputStream box = new ByteArrayOutputStream();
        int size = 16 + 4 * compatible.length;
        box.writeBytes(new byte[] { 0, 0, 0, (byte) size });
        box.writeBytes(ascii("ftyp" + major));
        box.writeBytes(new byte[4]);
        for (String brand : compatible) {
            box.writeBytes(ascii(brand));
        }
        return box.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Gives {@code good} bytes of {@code photo}, then fails as a dropped connection does. */
    static InputStream breakingAfter(byte[] photo, int good) {
        return new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                if (at >= good) {
                    throw new IOException("connection reset");
                }
                return photo[at++] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (at >= good) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(len, good - at);
                System.arraycopy(photo, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    /** A JPEG that never ends: what a hostile client may send. */
    static InputStream endlessJpeg() {
        return new InputStream() {
            private long at;

            @Override
            public int read() {
                return at < JPEG.length ? JPEG[(int) at++] & 0xff : (int) (at++ & 0x7f);
            }
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
