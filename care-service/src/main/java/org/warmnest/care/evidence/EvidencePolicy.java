package org.warmnest.care.evidence;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;

/**
 * What an evidence photo may be: a JPEG, PNG, WebP or HEIC/HEIF image, known by its first bytes (the name and
 * content type the client sends are not trusted), and at most a configured size, counted while it streams so that
 * nothing unbounded is ever held. The photo is not decoded: a parser is attack surface, and the bytes are kept as
 * they came as evidence.
 */
public final class EvidencePolicy {

    public enum Type {
        JPEG("image/jpeg", "jpg"),
        PNG("image/png", "png"),
        WEBP("image/webp", "webp"),
        HEIC("image/heic", "heic"),
        HEIF("image/heif", "heif");

        private final String contentType;
        private final String extension;

        Type(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return extension;
        }
    }

    /**
     * An upload whose type is known. {@code content} yields the whole upload, its first bytes included, and fails
     * with {@code evidence-too-large} once it passes the limit: hand it straight to {@link EvidenceStore#put}.
     */
    public record Upload(Type type, InputStream content) {

        public String contentType() {
            return type.contentType();
        }

        public String extension() {
            return type.extension();
        }
    }

    // Enough for every signature below, an ISO-BMFF ftyp box's compatible brands included.
    private static final int HEAD = 256;
    private static final byte[] JPEG_SIGNATURE = { (byte) 0xff, (byte) 0xd8, (byte) 0xff };
    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final Set<String> WEBP_CHUNKS = Set.of("VP8 ", "VP8L", "VP8X");
    private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "heim", "heis");
    private static final Set<String> HEIF_BRANDS = Set.of("mif1", "msf1");
    // AVIF shares HEIF's container and its mif1 brand, but is not on the list.
    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");

    private final long maxBytes;

    public EvidencePolicy(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("warmnest.evidence.max-bytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads the first bytes of {@code content} to learn its type.
     *
     * @throws ProblemException {@code evidence-type-not-allowed} (415) for anything but the allowed types
     * @throws IOException      reading {@code content} failed
     */
    public Upload check(InputStream content) throws IOException {
        byte[] head = content.readNBytes(HEAD);
        Type type = detect(head);
        if (type == null) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "evidence-type-not-allowed");
        }
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), content);
        return new Upload(type, new Limited(whole, maxBytes));
    }

    static Type detect(byte[] head) {
        if (startsWith(head, 0, JPEG_SIGNATURE)) {
            return Type.JPEG;
        }
        if (startsWith(head, 0, PNG_SIGNATURE)) {
            return Type.PNG;
        }
        if (ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")
                && WEBP_CHUNKS.contains(ascii(head, 12, 4))) {
            return Type.WEBP;
        }
        if (ascii(head, 4, 4).equals("ftyp")) {
            return isoMediaType(head);
        }
        return null;
    }

    /** HEIC and HEIF are ISO base media files: an ftyp box names the major brand and the compatible ones. */
    private static Type isoMediaType(byte[] head) {
        int boxSize = ByteBuffer.wrap(head, 0, 4).getInt();
        // a real ftyp box is a few dozen bytes, all of them in the head
        if (boxSize < 16 || boxSize > head.length || boxSize % 4 != 0) {
            return null;
        }
        Set<String> brands = new HashSet<>();
        brands.add(ascii(head, 8, 4));
        for (int at = 16; at + 4 <= boxSize; at += 4) {
            brands.add(ascii(head, at, 4));
        }
        if (brands.stream().anyMatch(AVIF_BRANDS::contains)) {
            return null;
        }
        if (brands.stream().anyMatch(HEIC_BRANDS::contains)) {
            return Type.HEIC;
        }
        return brands.stream().anyMatch(HEIF_BRANDS::contains) ? Type.HEIF : null;
    }

    private static boolean startsWith(byte[] head, int at, byte[] signature) {
        return head.length >= at + signature.length
                && Arrays.equals(head, at, at + signature.length, signature, 0, signature.length);
    }

    private static String ascii(byte[] head, int at, int length) {
        return head.length >= at + length ? new String(head, at, length, StandardCharsets.ISO_8859_1) : "";
    }

    /** "10 MB", "512 KB" or "1000 B": the limit as the refusal states it. */
    static String readable(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " B";
    }

    /** Counts what is read and refuses the byte past the limit. */
    private static final class Limited extends FilterInputStream {

        private final long limit;
        private long remaining;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                consumed(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                consumed(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            consumed(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void consumed(long n) {
            remaining -= n;
            if (remaining < 0) {
                throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "evidence-too-large", readable(limit));
            }
        }
    }
}
