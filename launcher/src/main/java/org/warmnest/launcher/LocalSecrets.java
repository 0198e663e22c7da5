package org.warmnest.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A file of secrets under {@code .run/} (never committed), made once per checkout and readable by its owner only:
 * created with mode 0600 from the start (a temporary file of that mode, moved into place), never written wider and
 * narrowed should an older run have left it wider.
 */
final class LocalSecrets {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalSecrets() {
    }

    /**
     * The properties in {@code file}: read, or made by {@code fill} and written owner-only if the file is missing.
     * Properties {@code fill} adds to an existing file (a secret a newer launcher needs) are written back.
     */
    static synchronized Properties load(Path file, String comment, Consumer<Properties> fill) {
        Properties values = new Properties();
        try {
            if (Files.exists(file)) {
                narrow(file);
                try (InputStream in = Files.newInputStream(file)) {
                    values.load(in);
                }
            }
            int before = values.size();
            fill.accept(values);
            if (values.size() != before || !Files.exists(file)) {
                write(file, values, comment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    private static void write(Path file, Properties values, String comment) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp", ownerOnly());
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                values.store(out, comment);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return posix() ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) }
                : new FileAttribute<?>[0];
    }

    private static void narrow(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** A random secret of {@code bytes} bytes, URL-safe base64 without padding (safe in SQL literals and URLs). */
    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
