package org.warmnest.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.RestrictedLogin;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestDatabases;

/**
 * The service's requests run as a database login that owns nothing: it cannot rewrite the trail of sensitive reads (pii_access), alerts' events, concerns' follow-ups and the time bank,
 * nor drop or disable the triggers that keep them append-only. Its migrations run as another login.
 */
@ServiceTest
class DatabaseLoginIT {

    static final TenantCode TENANT = TenantCode.of("650100");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;
    @Autowired
    TenantProvisioner provisioner;
    @Value("${warmnest.database.append-only-tables}")
    List<String> appendOnly;

    @Test
    void theServicesLoginIsNotTheMigrationLoginAndOwnsNothing() {
        assertThat(jdbc.queryForObject("select current_user", String.class))
                .isEqualTo(environment.getProperty("spring.datasource.username"))
                .isNotEqualTo(environment.getProperty("warmnest.database.migration-username"));
        RestrictedLogin.assertOwnsNothing(jdbc);
    }

    @Test
    void theServicesLoginCannotChangeDeleteTruncateOrUnprotectARecord() {
        provisioner.provision(TENANT, null, "记录表");
        provisioner.registry().setStatus(TENANT, TenantStatus.ACTIVE); // a tenant like the others' (reconciled, ...)
        JdbcTemplate owner = TestDatabases.asMigrationLogin(environment);
        int checked = 0;
        for (String schema : List.of("registry", TENANT.schema())) {
            for (String table : appendOnly) {
                if (Boolean.TRUE.equals(owner.queryForObject("select to_regclass(?) is not null", Boolean.class,
                        schema + "." + table))) {
                    RestrictedLogin.assertAppendOnly(jdbc, owner, schema, table);
                    checked++;
                }
            }
        }
        assertThat(checked).as("record tables checked").isEqualTo(appendOnly.size());
    }
}
