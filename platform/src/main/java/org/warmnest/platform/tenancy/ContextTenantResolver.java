package org.warmnest.platform.tenancy;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Hibernate asks for the tenant when it opens a session. Without one it gets {@link #NO_TENANT}, whose
 * connections see no tenant schema: work outside a tenant fails instead of landing in someone's data.
 */
public class ContextTenantResolver implements CurrentTenantIdentifierResolver<String> {

    public static final String NO_TENANT = "none";

    @Override
    public String resolveCurrentTenantIdentifier() {
        return TenantContext.current().map(TenantCode::value).orElse(NO_TENANT);
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }

    @Override
    public boolean isRoot(String tenantId) {
        return false;
    }
}
