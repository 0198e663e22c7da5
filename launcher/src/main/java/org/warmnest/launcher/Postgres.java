package org.warmnest.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL the product runs on locally: the server at 127.0.0.1:5432 when it answers, else an embedded
 * one whose data directory is kept, so a second run finds its databases again.
 */
final class Postgres implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int LOCAL_PORT = 5432;
    static final String USER = "postgres";

    private final int port;
    private final EmbeddedPostgres embedded;

    private Postgres(int port, EmbeddedPostgres embedded) {
        this.port = port;
        this.embedded = embedded;
    }

    static Postgres localOrEmbedded(Path dataDirectory) throws IOException {
        if (!embeddedOnly() && Net.answers(HOST, LOCAL_PORT) && canLogin(LOCAL_PORT)) {
            return new Postgres(LOCAL_PORT, null);
        }
        Files.createDirectories(dataDirectory);
        int port = Net.isFree(LOCAL_PORT) ? LOCAL_PORT : Net.freePort();
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port).setPGStartupWait(Duration.ofSeconds(60)).setRegisterShutdownHook(false).start();
        return new Postgres(port, pg);
    }

    /**
     * {@code WARMNEST_EMBEDDED=true}: embedded PostgreSQL and Redis even where local servers answer, as on a machine
     * with only a JDK.
     */
    static boolean embeddedOnly() {
        return "true".equalsIgnoreCase(System.getenv("WARMNEST_EMBEDDED"));
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    String describe() {
        return (isEmbedded() ? "embedded PostgreSQL" : "local PostgreSQL") + " at " + HOST + ":" + port;
    }

    /** @return true when the database was created now */
    boolean createDatabaseIfMissing(String name) throws SQLException {
        try (Connection c = admin()) {
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("create database " + identifier(name));
            }
            return true;
        }
    }

    void dropDatabase(String name) throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + identifier(name) + " with (force)");
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
    }

    private static boolean canLogin(int port) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port + "/postgres", USER,
                "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Database names here are constants of ours; the check is a fence against a careless caller. */
    private static String identifier(String name) {
        if (!name.matches("^[a-z_][a-z0-9_]{0,62}$")) {
            throw new IllegalArgumentException("not a database name: " + name);
        }
        return name;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** Small network checks shared by the launcher's parts. */
    static final class Net {

        private Net() {
        }

        static boolean answers(String host, int port) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        static boolean isFree(int port) {
            return !answers(HOST, port);
        }

        static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }
}
