package org.warmnest.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The keys a local care-service encrypts elders' sensitive data with: made once per checkout, kept in
 * {@code .run/pii-keys.properties} (never committed), so that a second run still reads the first run's data.
 */
final class LocalPiiKeys {

    private LocalPiiKeys() {
    }

    static synchronized Map<String, String> environment(Path runDir) {
        Path file = runDir.resolve("pii-keys.properties");
        Properties keys = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    keys.load(in);
                }
            } else {
                SecureRandom random = new SecureRandom();
                keys.setProperty("WARMNEST_PII_KEYS", "local1:" + randomBase64(random, 16));
                keys.setProperty("WARMNEST_PII_ACTIVE_KEY", "local1");
                keys.setProperty("WARMNEST_PII_INDEX_KEY", randomBase64(random, 32));
                Files.createDirectories(runDir);
                try (OutputStream out = Files.newOutputStream(file)) {
                    keys.store(out, "local keys for elders' sensitive data; losing them loses that data");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("WARMNEST_PII_KEYS", keys.getProperty("WARMNEST_PII_KEYS"),
                "WARMNEST_PII_ACTIVE_KEY", keys.getProperty("WARMNEST_PII_ACTIVE_KEY"),
                "WARMNEST_PII_INDEX_KEY", keys.getProperty("WARMNEST_PII_INDEX_KEY"));
    }

    private static String randomBase64(SecureRandom random, int bytes) {
        byte[] key = new byte[bytes];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
