package org.warmnest.platform.migration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a service's changelogs are and how many tenant schemas are migrated at once.
 *
 * @param registryChangelog the changelog of the service's {@code registry} schema
 * @param tenantChangelog   the changelog applied to every tenant schema
 * @param parallelism       schemas migrated at the same time (each holds one pooled connection)
 * @param onStartup         bring every tenant schema up to date before the service reports ready
 * @param migrateOnly       run the migrations for all tenants and exit (a deployment job)
 */
@ConfigurationProperties("warmnest.migrations")
public record MigrationProperties(String registryChangelog, String tenantChangelog, Integer parallelism,
        Boolean onStartup, Boolean migrateOnly) {

    public MigrationProperties {
        registryChangelog = registryChangelog == null ? "db/changelog/registry.yaml" : registryChangelog;
        tenantChangelog = tenantChangelog == null ? "db/changelog/tenant.yaml" : tenantChangelog;
        parallelism = parallelism == null ? 4 : Math.max(1, parallelism);
        onStartup = onStartup == null || onStartup;
        migrateOnly = migrateOnly != null && migrateOnly;
    }
}
