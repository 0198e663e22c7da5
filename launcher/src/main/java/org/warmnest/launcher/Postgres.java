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
        return embeddedAt(dataDirectory);
    }

    /** An embedded PostgreSQL keeping its data in {@code dataDirectory}, on 5432 when free. */
    static Postgres embeddedAt(Path dataDirectory) throws IOException {
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

    /**
     * A service's database and its two logins: {@code owner} (the migration login, owner of the database and of
     * everything in it) and {@code app} (the login of the service's requests, owning nothing).
     */
    record Database(String name, String url, String owner, String ownerPassword, String app, String appPassword) {
    }

    /** The passwords of a run that keeps none: fresh each time (the logins' passwords are set again anyway). */
    static java.util.function.UnaryOperator<String> freshPasswords() {
        return login -> LocalSecrets.random(24);
    }

    /**
     * Makes the database {@code name} ready for a service: its logins {@code <name>_owner} and {@code <name>_app}
     * (created, or given the password again), the database owned by the first and open to the second. A database an
     * earlier launcher made as {@code postgres} is handed to the owner login, with every schema, table, sequence
     * and function in it, so that the migrations can go on and grant the application login its rights.
     *
     * @param passwords a login's password by its name
     */
    Database prepare(String name, java.util.function.UnaryOperator<String> passwords) throws SQLException {
        String owner = identifier(name + "_owner");
        String app = identifier(name + "_app");
        String ownerPassword = passwords.apply(owner);
        String appPassword = passwords.apply(app);
        try (Connection c = admin()) {
            login(c, owner, ownerPassword);
            login(c, app, appPassword);
            boolean created = createDatabaseIfMissing(name);
            try (Statement st = c.createStatement()) {
                st.execute("alter database " + identifier(name) + " owner to " + owner);
                st.execute("revoke all on database " + identifier(name) + " from public");
                st.execute("grant connect, temporary on database " + identifier(name) + " to " + app);
            }
            if (!created) {
                adopt(name, owner);
            }
        }
        return new Database(name, jdbcUrl(name), owner, ownerPassword, app, appPassword);
    }

    private static void login(Connection c, String role, String password) throws SQLException {
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
            }
        }
        try (Statement st = c.createStatement()) {
            // the password is ours (URL-safe base64), the literal quoted all the same
            String literal = "'" + password.replace("'", "''") + "'";
            st.execute((exists ? "alter role " : "create role ") + role
                    + " login nosuperuser nocreatedb nocreaterole noinherit password " + literal);
        }
    }

    /** Everything in the database not yet the owner login's becomes its (schemas, then tables, then the rest). */
    private void adopt(String database, String owner) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), USER, "");
                Statement st = c.createStatement()) {
            st.execute("""
                    do $$
                    declare
                      o oid := (select oid from pg_roles where rolname = '%1$s');
                      r record;
                    begin
                      for r in select n.nspname from pg_namespace n where n.nspowner <> o
                          and n.nspname not like 'pg\\_%%' and n.nspname not in ('information_schema', 'public') loop
                        execute format('alter schema %%I owner to %1$s', r.nspname);
                      end loop;
                      for r in select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                          where c.relowner <> o and c.relkind in ('r', 'p', 'v', 'm', 'f')
                            and n.nspname not like 'pg\\_%%' and n.nspname <> 'information_schema' loop
                        execute format('alter table %%I.%%I owner to %1$s', r.nspname, r.relname);
                      end loop;
                      for r in select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                          where c.relowner <> o and c.relkind = 'S'
                            and n.nspname not like 'pg\\_%%' and n.nspname <> 'information_schema' loop
                        execute format('alter sequence %%I.%%I owner to %1$s', r.nspname, r.relname);
                      end loop;
                      for r in select p.oid::regprocedure as f from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                          where p.proowner <> o and n.nspname not like 'pg\\_%%'
                            and n.nspname not in ('information_schema', 'public') loop
                        execute format('alter routine %%s owner to %1$s', r.f);
                      end loop;
                    end $$""".formatted(owner));
        }
    }

    /** Drops the logins {@link #prepare} made (after their database is dropped). */
    void dropLogins(Database database) throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("drop role if exists " + identifier(database.app()));
            st.execute("drop role if exists " + identifier(database.owner()));
        }
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

    /** Database and login names here are constants of ours; the check is a fence against a careless caller. */
    private static String identifier(String name) {
        if (!name.matches("^[a-z_][a-z0-9_]{0,62}$")) {
            throw new IllegalArgumentException("not a database or login name: " + name);
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
