package org.warmnest.launcher;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The keys a local care-service encrypts elders' sensitive data with: made once per checkout, kept in
 * {@code .run/pii-keys.properties} (never committed, readable by its owner only), so that a second run still reads
 * the first run's data.
 */
final class LocalPiiKeys {

    static final String FILE = "pii-keys.properties";

    private LocalPiiKeys() {
    }

    static Map<String, String> environment(Path runDir) {
        Properties keys = LocalSecrets.load(runDir.resolve(FILE),
                "local keys for elders' sensitive data; losing them loses that data", k -> {
                    if (!k.containsKey("WARMNEST_PII_KEYS")) {
                        SecureRandom random = new SecureRandom();
                        k.setProperty("WARMNEST_PII_KEYS", "local1:" + randomBase64(random, 16));
                        k.setProperty("WARMNEST_PII_ACTIVE_KEY", "local1");
                        k.setProperty("WARMNEST_PII_INDEX_KEY", randomBase64(random, 32));
                    }
                });
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
