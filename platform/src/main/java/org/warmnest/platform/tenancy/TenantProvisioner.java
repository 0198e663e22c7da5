package org.warmnest.platform.tenancy;

import org.warmnest.platform.migration.TenantSchemaMigrator;

/**
 * Makes a tenant exist in this service: registered (once) and its schema created, migrated and verified.
 * Repeating it changes nothing; a tenant stays {@code PROVISIONING} here until told its status.
 */
public class TenantProvisioner {

    private final TenantRegistry registry;
    private final TenantSchemaMigrator migrator;

    public TenantProvisioner(TenantRegistry registry, TenantSchemaMigrator migrator) {
        this.registry = registry;
        this.migrator = migrator;
    }

    public TenantRegistry.RegisteredTenant provision(TenantCode code, TenantCode parent, String name) {
        registry.register(code, parent, name, TenantStatus.PROVISIONING);
        migrator.migrateTenant(code);
        return registry.find(code).orElseThrow();
    }

    public TenantRegistry registry() {
        return registry;
    }

    public TenantSchemaMigrator migrator() {
        return migrator;
    }
}
