package org.warmnest.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.config.WarmnestApplication;
import org.warmnest.platform.migration.TenantSchemaMigrator;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestDatabases;
import org.warmnest.platform.test.TestIssuer;

/** Tenant schemas are migrated one by one, verified against the catalogue, and never trusted blindly. */
@ServiceTest
class TenantMigrationsIT {

    @Autowired
    org.springframework.core.env.Environment environment;
    @Autowired
    TenantSchemaMigrator migrator;
    @Autowired
    TenantRegistry registry;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;
    @Value("${spring.datasource.url}")
    String url;

    /** Damage to a schema is done as its owner, the migration login: the service's own login cannot. */
    JdbcTemplate owner() {
        return TestDatabases.asMigrationLogin(environment);
    }

    List<TenantCode> register(int city, int count) {
        List<TenantCode> codes = IntStream.rangeClosed(1, count)
                .mapToObj(i -> TenantCode.of(String.format("%04d%02d", city, i))).toList();
        codes.forEach(c -> registry.register(c, c.city(), "测试区" + c, TenantStatus.ACTIVE));
        return codes;
    }

    @Test
    void manySchemasAreMigratedOnceAndThenFoundUpToDate() {
        List<TenantCode> codes = register(4101, 6);
        TenantSchemaMigrator.Report first = migrator.migrateAll(codes);
        assertThat(first.ok()).isTrue();
        assertThat(first.migrated()).isEqualTo(6);
        for (TenantCode code : codes) {
            assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_schema = ?"
                    + " and table_name = 'volunteer'", Long.class, code.schema())).isEqualTo(1);
        }
        TenantSchemaMigrator.Report second = migrator.migrateAll(codes);
        assertThat(second.migrated()).isZero();
        assertThat(second.upToDate()).isEqualTo(6);
    }

    @Test
    void aSchemaThatLostATableIsCaughtByVerificationAndNotServed() throws Exception {
        List<TenantCode> codes = register(4201, 2);
        migrator.migrateAll(codes);
        owner().execute("drop table t_420102.volunteer cascade");

        // Liquibase's history says all is applied; the catalogue says otherwise, and the catalogue wins.
        TenantSchemaMigrator.Report report = migrator.migrateAll(codes);
        assertThat(report.ok()).isFalse();
        assertThat(report.missingTables()).containsOnlyKeys("t_420102");
        assertThat(report.missingTables().get("t_420102")).contains("volunteer");
        assertThat(migrator.isBroken(TenantCode.of("420102"))).isTrue();
        assertThat(migrator.isBroken(TenantCode.of("420101"))).isFalse();
        mvc.perform(get("/api/care/v1/tenants/420102/volunteers").header("Authorization",
                TestIssuer.get().platformAdmin().bearer())).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("tenant-schema-incomplete"));
        mvc.perform(get("/api/care/v1/tenants/420101/volunteers").header("Authorization",
                TestIssuer.get().platformAdmin().bearer())).andExpect(status().isOk());
    }

    @Test
    void aMissingChangesetIsAppliedAgain() {
        List<TenantCode> codes = register(4301, 1);
        migrator.migrateAll(codes);
        owner().execute("drop table t_430101.volunteer cascade");
        owner().update("delete from t_430101.databasechangelog where id = 'care-tenant-001-volunteer'");
        TenantSchemaMigrator.Report report = migrator.migrateAll(codes);
        assertThat(report.migrated()).isEqualTo(1);
        assertThat(report.ok()).isTrue();
    }

    @Test
    void migrateOnlyModeMigratesEveryTenantAndReportsFailureInItsExitCode() {
        List<TenantCode> codes = register(4401, 3);
        String[] args = { "--spring.datasource.url=" + url, "--spring.main.banner-mode=off",
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                "--warmnest.database.migration-username=" + environment.getProperty("warmnest.database.migration-username"),
                "--warmnest.database.migration-password=" + environment.getProperty("warmnest.database.migration-password"),
                "--warmnest.service-auth.client-secret=test-secret" };
        assertThat(WarmnestApplication.migrateOnly(CareServiceApplication.class, args)).isZero();
        for (TenantCode code : codes) {
            assertThat(migrator.missingTables(List.of(code.schema()))).isEmpty();
        }
        owner().execute("drop table t_440103.volunteer cascade");
        assertThat(WarmnestApplication.migrateOnly(CareServiceApplication.class, args)).isEqualTo(1);
        owner().execute("drop schema t_440103 cascade"); // leave the shared database healthy for other tests
        jdbc.update("delete from registry.tenant where code = '440103'");
    }
}
