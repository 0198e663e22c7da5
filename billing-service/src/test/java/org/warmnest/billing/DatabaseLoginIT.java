package org.warmnest.billing;


import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.RestrictedLogin;
import org.warmnest.platform.test.ServiceTest;

/**
 * The service's requests run as a database login that owns nothing: it cannot rewrite the fund's journal, allocation amendments and the register of paid services,
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
        RestrictedLogin.assertTheServiceRunsAsItsApplicationLogin(jdbc, environment);
    }

    @Test
    void theServicesLoginCannotChangeDeleteTruncateOrUnprotectARecord() {
        RestrictedLogin.assertEveryRecordTableIsAppendOnly(jdbc, environment, provisioner, TENANT, appendOnly);
    }
}
