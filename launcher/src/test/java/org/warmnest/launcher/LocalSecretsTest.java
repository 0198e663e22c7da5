package org.warmnest.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's secrets are readable by their owner only, and its Redis answers only to its password. */
class LocalSecretsTest {

    @TempDir
    Path run;

    @Test
    void thePiiKeysAreWrittenReadableByTheOwnerOnlyAndReadAgainUnchanged() throws Exception {
        Map<String, String> first = LocalPiiKeys.environment(run);
        Path file = run.resolve(LocalPiiKeys.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(LocalPiiKeys.environment(run)).isEqualTo(first);
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(LocalPiiKeys.FILE); // no temp left
        }
    }

    @Test
    void aKeyFileAnOlderLauncherLeftWorldReadableIsNarrowedAndKeepsItsKeys() throws Exception {
        Path file = run.resolve(LocalPiiKeys.FILE);
        Files.writeString(file, "WARMNEST_PII_KEYS=old1:AAECAwQFBgcICQoLDA0ODw==\nWARMNEST_PII_ACTIVE_KEY=old1\n"
                + "WARMNEST_PII_INDEX_KEY=ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(LocalPiiKeys.environment(run)).containsEntry("WARMNEST_PII_ACTIVE_KEY", "old1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theDatabaseAndRedisPasswordsAreMadeOnceOwnerOnlyAndKept() throws Exception {
        var passwords = LocalStack.keptPasswords(run, List.of("warmnest_care"));
        String app = passwords.apply("warmnest_care_app");
        assertThat(app).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(passwords.apply("warmnest_care_owner"));
        assertThat(LocalStack.keptPasswords(run, List.of("warmnest_care")).apply("warmnest_care_app")).isEqualTo(app);
        String redis = LocalStack.keptRedisPassword(run);
        assertThat(LocalStack.keptRedisPassword(run)).isEqualTo(redis);
        for (String name : List.of(LocalStack.DB_LOGINS, LocalStack.REDIS_PASSWORD)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
    }

    @Test
    void theLaunchersRedisRefusesAClientWithoutItsPassword() throws Exception {
        try (Redis redis = Redis.start("a-test-password_1")) {
            try (Socket s = new Socket(Redis.HOST, redis.port())) {
                OutputStream out = s.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                out.write("SET warmnest:probe 1\r\n".getBytes(StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("-NOAUTH");
                out.write("AUTH wrong\r\n".getBytes(StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("-WRONGPASS");
                out.write("AUTH a-test-password_1\r\n".getBytes(StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("+OK");
                out.write("PING\r\n".getBytes(StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("+PONG");
            }
        }
    }

    @Test
    void everyServiceIsGivenTheRedisPasswordAndItsTwoDatabaseLogins() throws Exception {
        Postgres.Database db = new Postgres.Database("warmnest_care", "jdbc:postgresql://127.0.0.1:5432/warmnest_care",
                "warmnest_care_owner", "o-secret", "warmnest_care_app", "a-secret");
        var identity = new LocalStack.Identity("http://issuer", "http://jwks", "http://token", null);
        try (Redis redis = Redis.start("r-secret")) {
            Map<String, String> env = LocalStack.environment("billing-service", db, identity,
                    LocalStack.Ports.DEFAULT, redis);
            assertThat(env).containsEntry("WARMNEST_DB_USER", "warmnest_care_app")
                    .containsEntry("WARMNEST_DB_PASSWORD", "a-secret")
                    .containsEntry("WARMNEST_DB_MIGRATION_USER", "warmnest_care_owner")
                    .containsEntry("WARMNEST_DB_MIGRATION_PASSWORD", "o-secret")
                    .containsEntry("SPRING_DATA_REDIS_PORT", String.valueOf(redis.port()))
                    .containsEntry("SPRING_DATA_REDIS_PASSWORD", "r-secret")
                    .containsKey("WARMNEST_CLIENT_SECRET");
        }
    }
}
