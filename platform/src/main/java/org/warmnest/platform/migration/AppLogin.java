package org.warmnest.platform.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The database login a service's requests run under ({@code spring.datasource.username}): not the migration login
 * that owns the schemas, with the rights to read and write the tables and no more. It may not TRUNCATE anything,
 * may only read Liquibase's bookkeeping, and on the tables that are records (the append-only ones a service names
 * in {@code warmnest.database.append-only-tables}: trails, journals) it may only read and insert. Owning nothing,
 * it can neither drop nor disable a trigger. The migration login grants these rights after every migration of a
 * schema, so a table a later changeset adds is covered too.
 */
public final class AppLogin {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final List<String> BOOKKEEPING = List.of("databasechangelog", "databasechangeloglock");

    private final String name;
    private final List<String> appendOnlyTables;

    public AppLogin(String name, List<String> appendOnlyTables) {
        if (name == null || name.isBlank() || name.length() > 63) {
            throw new IllegalArgumentException("not a login name: " + name);
        }
        for (String t : appendOnlyTables) {
            if (!TABLE.matcher(t).matches()) {
                throw new IllegalArgumentException("not a table name: " + t);
            }
        }
        this.name = name;
        this.appendOnlyTables = List.copyOf(appendOnlyTables);
    }

    public String name() {
        return name;
    }

    public List<String> appendOnlyTables() {
        return appendOnlyTables;
    }

    private String quoted() {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The login's rights in the schema: read and write every table and sequence, but never change a record. */
    void grant(Connection c, String schema) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
            c.setAutoCommit(true);
        }
        String s = "\"" + schema.replace("\"", "\"\"") + "\"";
        String who = quoted();
        try (Statement st = c.createStatement()) {
            st.execute("grant usage on schema " + s + " to " + who);
            st.execute("grant select, insert, update, delete on all tables in schema " + s + " to " + who);
            st.execute("revoke truncate, references, trigger on all tables in schema " + s + " from " + who);
            st.execute("grant usage, select, update on all sequences in schema " + s + " to " + who);
            for (String table : present(c, schema, BOOKKEEPING)) {
                st.execute("revoke insert, update, delete on " + s + "." + table + " from " + who);
            }
            for (String table : present(c, schema, appendOnlyTables)) {
                st.execute("revoke update, delete on " + s + "." + table + " from " + who);
            }
        }
    }

    private static List<String> present(Connection c, String schema, List<String> tables) throws SQLException {
        List<String> found = new ArrayList<>();
        try (var ps = c.prepareStatement("select table_name from information_schema.tables"
                + " where table_schema = ? and table_name = any(?)")) {
            ps.setString(1, schema);
            ps.setArray(2, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /** Whether the login may use the schema: if not, its rights are still to be granted. */
    boolean granted(Connection c, String schema) throws SQLException {
        try (var ps = c.prepareStatement("select exists (select 1 from pg_roles where rolname = ?)"
                + " and has_schema_privilege(?, ?, 'USAGE')")) {
            ps.setString(1, name);
            ps.setString(2, name);
            ps.setString(3, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * What makes a connection of the application login too strong to serve requests: a superuser, a login that can
     * make roles or take another's, or one that owns (or is a member of the owner of) a schema of the database —
     * any of them could drop or disable the triggers that keep the trails append-only. Empty when none.
     */
    public static List<String> privileges(Connection app) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery("""
                select current_user, r.rolsuper, r.rolcreaterole, r.rolbypassrls
                from pg_roles r where r.rolname = current_user""")) {
            if (rs.next()) {
                if (rs.getBoolean(2)) {
                    found.add(rs.getString(1) + " is a superuser");
                }
                if (rs.getBoolean(3)) {
                    found.add(rs.getString(1) + " may create roles");
                }
                if (rs.getBoolean(4)) {
                    found.add(rs.getString(1) + " bypasses row security");
                }
            }
        }
        try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery("""
                select n.nspname from pg_namespace n
                where pg_has_role(current_user, n.nspowner, 'MEMBER')
                  and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
                order by 1""")) {
            while (rs.next()) {
                found.add("owns schema " + rs.getString(1));
            }
        }
        try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery("""
                select d.datname from pg_database d
                where d.datname = current_database() and pg_has_role(current_user, d.datdba, 'MEMBER')""")) {
            if (rs.next()) {
                found.add("owns database " + rs.getString(1));
            }
        }
        return found;
    }
}
