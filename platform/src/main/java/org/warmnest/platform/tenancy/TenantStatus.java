package org.warmnest.platform.tenancy;

/** A tenant's life: only an active tenant is served; an archived one keeps its data. */
public enum TenantStatus {
    PROVISIONING, ACTIVE, SUSPENDED, ARCHIVED
}
