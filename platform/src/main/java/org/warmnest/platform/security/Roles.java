package org.warmnest.platform.security;

/** Realm roles, as Keycloak puts them in {@code realm_access.roles}; Spring sees them as {@code ROLE_<name>}. */
public final class Roles {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String BUREAU_ADMIN = "bureau-admin";
    public static final String CONTRACTOR_MANAGER = "contractor-manager";
    public static final String CARE_WORKER = "care-worker";
    public static final String VOLUNTEER = "volunteer";
    public static final String FINANCE_OFFICER = "finance-officer";
    public static final String AUDITOR = "auditor";
    /** Carried only by the service accounts (client credentials) the services call each other with. */
    public static final String SERVICE = "service";

    public static final java.util.List<String> ALL = java.util.List.of(PLATFORM_ADMIN, BUREAU_ADMIN, CONTRACTOR_MANAGER,
            CARE_WORKER, VOLUNTEER, FINANCE_OFFICER, AUDITOR, SERVICE);

    private Roles() {
    }
}
