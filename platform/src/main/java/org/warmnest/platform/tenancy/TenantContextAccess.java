package org.warmnest.platform.tenancy;

/** Lets the request filter, and nothing else outside this package, set and clear the request's tenant. */
public final class TenantContextAccess {

    private TenantContextAccess() {
    }

    public static void set(TenantCode code) {
        TenantContext.set(code);
    }

    public static void clear() {
        TenantContext.clear();
    }
}
