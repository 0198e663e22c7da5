package org.warmnest.platform.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.warmnest.platform.tenancy.TenantRegistry;

/**
 * Brings every tenant schema up to date once all beans exist and before the web server opens, so a
 * service never serves a tenant whose schema is behind. In migrate-only mode a failure fails the run;
 * otherwise the failing tenants are held back and the rest are served.
 */
public class StartupMigrations implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StartupMigrations.class);

    private final TenantSchemaMigrator migrator;
    private final TenantRegistry registry;
    private final MigrationProperties properties;
    private volatile TenantSchemaMigrator.Report lastReport;

    public StartupMigrations(TenantSchemaMigrator migrator, TenantRegistry registry, MigrationProperties properties) {
        this.migrator = migrator;
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.onStartup() && !properties.migrateOnly()) {
            return;
        }
        var tenants = registry.withSchemas();
        TenantSchemaMigrator.Report report = migrator.migrateAll(tenants);
        lastReport = report;
        log.info("Tenant schemas: {} checked, {} migrated, {} already up to date, {} failed, {} incomplete, in {} ms",
                report.schemas(), report.migrated(), report.upToDate(), report.failures().size(),
                report.missingTables().size(), report.millis());
        if (!report.ok()) {
            log.error("Tenant schemas not up to date: failures {}, missing tables {}", report.failures(),
                    report.missingTables());
            if (properties.migrateOnly()) {
                throw new IllegalStateException("tenant migrations failed: " + report.failures().keySet()
                        + report.missingTables().keySet());
            }
        }
    }

    public TenantSchemaMigrator.Report lastReport() {
        return lastReport;
    }
}
