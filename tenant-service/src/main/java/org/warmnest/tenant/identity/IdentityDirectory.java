package org.warmnest.tenant.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.warmnest.platform.tenancy.TenantCode;

/**
 * The realm's groups and users, as WarmNest uses them: a group {@code /tenants/<code>} per tenant carrying the
 * {@code tenant} attribute, and under it a group {@code contractor-<id>} per contractor working there carrying the
 * {@code contractor} attribute. Users are members of one of those; the realm's mappers put both attributes into
 * the access token as the claims the services read.
 */
public interface IdentityDirectory {

    String TENANTS_GROUP = "tenants";
    String CONTRACTOR_GROUP_PREFIX = "contractor-";

    /** Creates the tenant's group if it is missing; idempotent. */
    void ensureTenantGroup(TenantCode tenant, String name);

    /** Creates the group of a contractor's staff in a tenant if it is missing; idempotent. */
    void ensureContractorGroup(TenantCode tenant, UUID contractor, String name);

    /** Creates a user in the tenant's group (or the contractor's group within it) with one realm role. */
    DirectoryUser create(NewDirectoryUser user);

    /** The tenant's users, those of its contractors included, or only one contractor's. */
    List<DirectoryUser> members(TenantCode tenant, Optional<UUID> contractor, int first, int max);

    Optional<DirectoryUser> find(String userId);

    /** Removes a user created a moment ago whose creation could not be completed. */
    void delete(String userId);

    /**
     * Disables the user and notes who did, with which authority ({@code disabled_by}, {@code disabled_by_level});
     * ends every session the user has, offline ones included.
     */
    void disable(String userId, Disabler disabler);

    /** Enables the user again and forgets who had disabled it. */
    void enable(String userId);

    /** User attributes (admin-only in the realm's user profile); {@code created_by} is also a token claim. */
    String CREATED_BY = "created_by";
    String DISABLED_BY = "disabled_by";
    String DISABLED_BY_LEVEL = "disabled_by_level";

    /** The password is always temporary: the user sets its own at first sign-in. */
    record NewDirectoryUser(TenantCode tenant, UUID contractor, String username, String firstName, String lastName,
            String email, String phone, String role, String password, String createdBy) {
    }

    record DirectoryUser(String id, String username, String firstName, String lastName, String email, String phone,
            boolean enabled, Set<String> roles, String tenant, UUID contractor, Long createdAt, String createdBy,
            Optional<Disabler> disabledBy) {
    }

    /** Who disabled an account, and with which authority. */
    record Disabler(String subject, Authority level) {
    }
}
