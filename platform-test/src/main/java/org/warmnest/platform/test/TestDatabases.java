package org.warmnest.platform.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for tests: the local server when one answers (127.0.0.1:5432, or
 * {@code WARMNEST_TEST_PG_HOST}/{@code _PORT}/{@code _USER}), else an embedded one started once per JVM.
 * Every call makes a fresh database so parallel runs and test contexts never share data; they are dropped
 * when the JVM exits.
 * <p>
 * Each database comes with the two logins a service has in production: a migration login that owns the database
 * (and so every schema the service's migrations create) and an application login that owns nothing, as which every
 * integration test's requests run. Test code that changes the schema itself (drops a table, adds a trigger) or
 * shows that a trigger holds even for the owner connects as the migration login ({@link #asMigrationLogin}).
 */
public final class TestDatabases {

    /**
     * @param username          the application login: owns nothing
     * @param migrationUsername the migration login: owns the database and the schemas
     */
    public record Database(String url, String username, String password, String name, String migrationUsername,
            String migrationPassword) {
    }

    private static String host;
    private static int port;
    private static String user;
    private static EmbeddedPostgres embedded;
    private static final List<String> created = new CopyOnWriteArrayList<>();

    private TestDatabases() {
    }

    public static synchronized Database create() {
        server();
        String name = "wn_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String owner = name + "_owner";
        String app = name + "_app";
        String ownerPassword = UUID.randomUUID().toString();
        String appPassword = UUID.randomUUID().toString();
        created.add(name);
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("create role " + owner + " login password '" + ownerPassword + "'");
            st.execute("create role " + app + " login password '" + appPassword + "'");
            st.execute("create database " + name + " owner " + owner);
            st.execute("revoke all on database " + name + " from public");
            st.execute("grant connect, temporary on database " + name + " to " + app);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return new Database("jdbc:postgresql://" + host + ":" + port + "/" + name, app, appPassword, name, owner,
                ownerPassword);
    }

    /**
     * SQL as the migration login of the database a service under test uses (its {@code spring.datasource.url}):
     * for tests that change the schema, or show what even the owner cannot do.
     */
    public static org.springframework.jdbc.core.JdbcTemplate asMigrationLogin(
            org.springframework.core.env.Environment environment) {
        return new org.springframework.jdbc.core.JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                environment.getRequiredProperty("spring.datasource.url"),
                environment.getRequiredProperty("warmnest.database.migration-username"),
                environment.getRequiredProperty("warmnest.database.migration-password")));
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, "");
    }

    private static void server() {
        if (host != null) {
            return;
        }
        String h = env("WARMNEST_TEST_PG_HOST", "127.0.0.1");
        int p = Integer.parseInt(env("WARMNEST_TEST_PG_PORT", "5432"));
        String u = env("WARMNEST_TEST_PG_USER", "postgres");
        if (!"embedded".equals(System.getenv("WARMNEST_TEST_PG")) && reachable(h, p) && canLogin(h, p, u)) {
            host = h;
            port = p;
            user = u;
        } else {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("no PostgreSQL reachable and the embedded one did not start", e);
            }
            host = "127.0.0.1";
            port = embedded.getPort();
            user = "postgres";
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "drop-test-databases"));
    }

    private static void dropAll() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the process is ending
            }
            return;
        }
        try (Connection c = admin(); Statement st = c.createStatement()) {
            for (String name : created) {
                st.execute("drop database if exists " + name + " with (force)");
                st.execute("drop role if exists " + name + "_app");
                st.execute("drop role if exists " + name + "_owner");
            }
        } catch (SQLException ignored) {
            // best effort at exit
        }
    }

    private static boolean reachable(String h, int p) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(h, p), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canLogin(String h, int p, String u) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + h + ":" + p + "/postgres", u, "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
