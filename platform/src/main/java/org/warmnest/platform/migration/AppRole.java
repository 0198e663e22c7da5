package org.warmnest.platform.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database role a service's requests run under, when it has one ({@code warmnest.database.app-role}): not
 * the owner of the schemas (the migrations are), with the rights to read and write the tables and no more, and
 * without UPDATE, DELETE or TRUNCATE on the tables that are records (the append-only ones a service names, e.g.
 * the fund's journal). The service's pool takes the role on every connection ({@code SET ROLE}); a flaw in the
 * application cannot then rewrite a record, whatever it sends.
 */
public final class AppRole {

    private static final Logger log = LoggerFactory.getLogger(AppRole.class);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String name;
    private final List<String> appendOnlyTables;

    public AppRole(String name, List<String> appendOnlyTables) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a role name: " + name);
        }
        for (String t : appendOnlyTables) {
            if (!NAME.matcher(t).matches()) {
                throw new IllegalArgumentException("not a table name: " + t);
            }
        }
        this.name = name;
        this.appendOnlyTables = List.copyOf(appendOnlyTables);
    }

    public String name() {
        return name;
    }

    /** Creates the role if it is missing (a role without login, taken by SET ROLE). Safe to repeat, and to race. */
    void ensureExists(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select 1 from pg_roles where rolname = '" + name + "'")) {
            if (rs.next()) {
                return;
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("create role " + name + " nologin");
            log.info("Created the database role {} the service's requests run under", name);
        } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState())) { // created meanwhile by another instance
                throw e;
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("grant " + name + " to session_user");
        } catch (SQLException e) {
            log.debug("Could not grant {} to the session user (a superuser needs no grant): {}", name, e.getMessage());
        }
    }

    /** The role's rights in the schema: read and write every table and sequence, but never change a record. */
    void grant(Connection c, String schema) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
            c.setAutoCommit(true);
        }
        String s = "\"" + schema.replace("\"", "\"\"") + "\"";
        try (Statement st = c.createStatement()) {
            st.execute("grant usage on schema " + s + " to " + name);
            st.execute("grant select, insert, update, delete on all tables in schema " + s + " to " + name);
            st.execute("grant usage, select, update on all sequences in schema " + s + " to " + name);
            for (String table : appendOnlyTables) {
                try (ResultSet rs = c.createStatement().executeQuery("select 1 from information_schema.tables"
                        + " where table_schema = '" + schema.replace("'", "''") + "' and table_name = '" + table + "'")) {
                    if (rs.next()) {
                        st.execute("revoke update, delete, truncate on " + s + "." + table + " from " + name);
                    }
                }
            }
        }
    }

    /** Whether the role may use the schema: if not, its rights are still to be granted. */
    boolean granted(Connection c, String schema) throws SQLException {
        try (var ps = c.prepareStatement("select has_schema_privilege(?, ?, 'USAGE')")) {
            ps.setString(1, name);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
