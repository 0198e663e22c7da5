package org.warmnest.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;

/**
 * What a service's own database login (its pool, as every request runs) must not be able to do: own a schema, be a
 * superuser, or change, delete, truncate, drop or alter a record table, or drop or disable the trigger that keeps
 * it append-only. Each check tries the statement itself, not only the catalogue.
 */
public final class RestrictedLogin {

    private RestrictedLogin() {
    }

    /** The service's pool logs in as its application login, not the migration login, and that login owns nothing. */
    public static void assertTheServiceRunsAsItsApplicationLogin(JdbcTemplate app, Environment environment) {
        assertThat(app.queryForObject("select current_user", String.class))
                .isEqualTo(environment.getProperty("spring.datasource.username"))
                .isNotEqualTo(environment.getProperty("warmnest.database.migration-username"));
        assertOwnsNothing(app);
    }

    /**
     * Every table the service names in {@code warmnest.database.append-only-tables}, in the registry and in a tenant
     * provisioned for the check, is append-only for the service's login ({@link #assertAppendOnly}); each must exist
     * in one of them.
     */
    public static void assertEveryRecordTableIsAppendOnly(JdbcTemplate app, Environment environment,
            TenantProvisioner provisioner, TenantCode tenant, List<String> appendOnly) {
        provisioner.provision(tenant, null, "记录表");
        provisioner.registry().setStatus(tenant, TenantStatus.ACTIVE); // a tenant like the others' (reconciled, ...)
        JdbcTemplate owner = TestDatabases.asMigrationLogin(environment);
        int checked = 0;
        for (String schema : List.of("registry", tenant.schema())) {
            for (String table : appendOnly) {
                if (Boolean.TRUE.equals(owner.queryForObject("select to_regclass(?) is not null", Boolean.class,
                        schema + "." + table))) {
                    assertAppendOnly(app, owner, schema, table);
                    checked++;
                }
            }
        }
        assertThat(checked).as("record tables checked").isEqualTo(appendOnly.size());
    }

    /** The login owns no schema and no database, and is no superuser. */
    public static void assertOwnsNothing(JdbcTemplate app) {
        assertThat(app.queryForObject("select rolsuper from pg_roles where rolname = current_user", Boolean.class))
                .as("the service's login is a superuser").isFalse();
        assertThat(app.queryForList("""
                select n.nspname from pg_namespace n where pg_has_role(current_user, n.nspowner, 'MEMBER')
                  and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'""", String.class))
                .as("schemas the service's login owns").isEmpty();
        assertThat(app.queryForObject("select pg_has_role(current_user, d.datdba, 'MEMBER') from pg_database d"
                + " where d.datname = current_database()", Boolean.class)).as("owns the database").isFalse();
        assertThatThrownBy(() -> app.execute("set session_replication_role = replica"))
                .as("triggers switched off for the session").isInstanceOf(DataAccessException.class).rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> app.execute("create schema wn_intruder")).isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    /**
     * The login may read and add to {@code schema.table}, and nothing else: no UPDATE, DELETE or TRUNCATE, no DROP or
     * ALTER of the table, no DROP or DISABLE of its triggers. The migration login (the owner) shows that the table
     * does have a trigger refusing updates and deletes, so the owner cannot change it without dropping it first.
     */
    public static void assertAppendOnly(JdbcTemplate app, JdbcTemplate owner, String schema, String table) {
        String t = schema + "." + table;
        assertThat(app.queryForObject("select has_table_privilege(?, 'SELECT') and has_table_privilege(?, 'INSERT')",
                Boolean.class, t, t)).as("%s readable and insertable", t).isTrue();
        String column = owner.queryForObject("select column_name from information_schema.columns"
                + " where table_schema = ? and table_name = ? order by ordinal_position limit 1", String.class, schema,
                table);
        List<String> triggers = owner.queryForList("""
                select g.tgname from pg_trigger g join pg_class c on c.oid = g.tgrelid
                  join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = ? and c.relname = ? and not g.tgisinternal
                  and (g.tgtype::int & 8) <> 0 and (g.tgtype::int & 16) <> 0""", String.class, schema, table);
        assertThat(triggers).as("a trigger refusing updates and deletes of %s", t).isNotEmpty();
        for (String sql : List.of("update " + t + " set " + column + " = " + column, "delete from " + t,
                "truncate " + t)) {
            assertThatThrownBy(() -> app.execute(sql)).as(sql).isInstanceOf(DataAccessException.class).rootCause()
                    .hasMessageContaining("permission denied");
        }
        for (String trigger : triggers) {
            for (String sql : List.of("drop trigger " + trigger + " on " + t,
                    "alter table " + t + " disable trigger " + trigger)) {
                assertThatThrownBy(() -> app.execute(sql)).as(sql).isInstanceOf(DataAccessException.class).rootCause()
                        .hasMessageContaining("must be owner");
            }
        }
        for (String sql : List.of("alter table " + t + " disable trigger all", "drop table " + t,
                "alter table " + t + " rename to " + table + "_gone", "alter table " + t + " owner to current_user")) {
            assertThatThrownBy(() -> app.execute(sql)).as(sql).isInstanceOf(DataAccessException.class).rootCause()
                    .hasMessageContaining("must be owner");
        }
    }
}
