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

    /** Enables or disables the user; disabling also ends every session the user has. */
    void setEnabled(String userId, boolean enabled);

    record NewDirectoryUser(TenantCode tenant, UUID contractor, String username, String firstName, String lastName,
            String email, String phone, String role, String password, boolean temporaryPassword) {
    }

    record DirectoryUser(String id, String username, String firstName, String lastName, String email, String phone,
            boolean enabled, Set<String> roles, String tenant, UUID contractor, Long createdAt) {
    }
}
