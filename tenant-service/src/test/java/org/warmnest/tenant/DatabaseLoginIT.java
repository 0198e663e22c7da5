package org.warmnest.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.warmnest.platform.migration.AppLogin;
import org.warmnest.platform.test.DatabaseLoginContract;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestDatabases;

/**
 * The service's requests run as a database login that owns nothing: it cannot rewrite the trail of user administration (registry.identity_event),
 * nor drop or disable the triggers that keep them append-only. Its migrations run as another login.
 */
@ServiceTest
class DatabaseLoginIT extends DatabaseLoginContract {

    @Test
    void theTrailOfUserAdministrationIsAppendOnlyEvenForItsOwner() {
        jdbc.update("insert into registry.identity_event (at, tenant_code, action, user_id, username, actor_subject)"
                + " values (now(), '650100', 'DISABLED', 'u-1', 'someone', 'admin-1')");
        JdbcTemplate owner = TestDatabases.asMigrationLogin(environment);
        for (String sql : List.of("update registry.identity_event set action = 'ENABLED' where user_id = 'u-1'",
                "delete from registry.identity_event where user_id = 'u-1'", "truncate registry.identity_event")) {
            assertThatThrownBy(() -> owner.execute(sql)).as(sql).rootCause().hasMessageContaining("identity_event is append-only");
        }
        assertThat(jdbc.queryForObject("select action from registry.identity_event where user_id = 'u-1'",
                String.class)).isEqualTo("DISABLED");
    }

    @Test
    void theStartUpCheckFindsTheMigrationLoginTooStrongToServeAndTheApplicationLoginFit() throws Exception {
        try (java.sql.Connection c = TestDatabases.asMigrationLogin(environment).getDataSource().getConnection()) {
            assertThat(AppLogin.privileges(c)).contains("owns schema registry")
                    .anyMatch(p -> p.startsWith("owns database"));
        }
        try (java.sql.Connection c = jdbc.getDataSource().getConnection()) {
            assertThat(AppLogin.privileges(c)).isEmpty();
        }
    }
}
