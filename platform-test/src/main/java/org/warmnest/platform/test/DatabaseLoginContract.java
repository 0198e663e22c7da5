package org.warmnest.platform.test;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;

/**
 * What every service's {@code DatabaseLoginIT} (a {@link ServiceTest} extending this) holds of its database logins:
 * its requests run as a login that owns nothing and is not the migration login, and that login cannot change,
 * delete, truncate or unprotect any record table the service names in
 * {@code warmnest.database.append-only-tables}.
 */
public abstract class DatabaseLoginContract {

    protected static final TenantCode TENANT = TenantCode.of("650100");

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected Environment environment;
    @Autowired
    protected TenantProvisioner provisioner;
    @Value("${warmnest.database.append-only-tables}")
    protected List<String> appendOnly;

    @Test
    void theServicesLoginIsNotTheMigrationLoginAndOwnsNothing() {
        RestrictedLogin.assertTheServiceRunsAsItsApplicationLogin(jdbc, environment);
    }

    @Test
    void theServicesLoginCannotChangeDeleteTruncateOrUnprotectARecord() {
        RestrictedLogin.assertEveryRecordTableIsAppendOnly(jdbc, environment, provisioner, TENANT, appendOnly);
    }
}
