package org.warmnest.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run's databases: each with a migration login that owns it and everything in it, and the services' login
 * that owns nothing; a database an earlier launcher made as postgres is handed over to the migration login.
 */
class PostgresLoginsIT {

    @TempDir
    Path data;

    @Test
    void aDatabaseOfAnEarlierRunIsHandedToItsMigrationLoginAndTheServicesLoginOwnsNothing() throws Exception {
        String url;
        try (Postgres pg = Postgres.embeddedAt(data)) {
            assertThat(pg.createDatabaseIfMissing("warmnest_care")).isTrue();
            url = pg.jdbcUrl("warmnest_care");
            try (Connection c = DriverManager.getConnection(url, Postgres.USER, ""); Statement st = c.createStatement()) {
                // as an earlier launcher left it: everything made by postgres
                st.execute("create schema t_530402");
                st.execute("create table t_530402.pii_access (id bigserial primary key, reason text)");
                st.execute("create function t_530402.refuse() returns trigger language plpgsql as"
                        + " $$ begin raise exception 'append-only'; end $$");
            }
            Postgres.Database db = pg.prepare("warmnest_care", Postgres.freshPasswords());
            assertThat(db.owner()).isEqualTo("warmnest_care_owner");
            assertThat(db.app()).isEqualTo("warmnest_care_app");
            try (Connection c = DriverManager.getConnection(url, Postgres.USER, "")) {
                assertThat(owners(c)).containsOnly("warmnest_care_owner");
            }
            try (Connection app = DriverManager.getConnection(url, db.app(), db.appPassword());
                    Statement st = app.createStatement()) {
                try (ResultSet rs = st.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
                    assertThat(rs.next() && rs.getBoolean(1)).isFalse();
                }
                assertThatThrownBy(() -> st.execute("create schema intruder")).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> st.execute("drop table t_530402.pii_access"))
                        .hasMessageMatching(".*(must be owner|permission denied).*");
            }
            // a second run finds its logins and gives them the same passwords again
            Postgres.Database again = pg.prepare("warmnest_care", login -> "kept-" + login);
            try (Connection c = DriverManager.getConnection(url, again.owner(), "kept-warmnest_care_owner")) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
    }

    private static List<String> owners(Connection c) throws SQLException {
        List<String> owners = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select pg_get_userbyid(nspowner) from pg_namespace where nspname = 't_530402'
                union select pg_get_userbyid(relowner) from pg_class where relnamespace = 't_530402'::regnamespace
                union select pg_get_userbyid(proowner) from pg_proc where pronamespace = 't_530402'::regnamespace
                union select pg_get_userbyid(datdba) from pg_database where datname = current_database()""")) {
            while (rs.next()) {
                owners.add(rs.getString(1));
            }
        }
        return owners;
    }
}
