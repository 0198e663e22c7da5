package org.warmnest.tenant.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.GroupResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.Roles;
import org.warmnest.platform.tenancy.TenantCode;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** {@link IdentityDirectory} on Keycloak's admin client, as tenant-service's own service account. */
class KeycloakDirectory implements IdentityDirectory, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KeycloakDirectory.class);
    static final Set<String> PRODUCT_ROLES = Set.of(Roles.PLATFORM_ADMIN, Roles.BUREAU_ADMIN,
            Roles.CONTRACTOR_MANAGER, Roles.CARE_WORKER, Roles.VOLUNTEER, Roles.FINANCE_OFFICER, Roles.AUDITOR);

    private final Keycloak keycloak;
    private final String realmName;

    KeycloakDirectory(IdentityProperties properties) {
        this.realmName = properties.realm();
        this.keycloak = KeycloakBuilder.builder().serverUrl(properties.serverUrl()).realm(properties.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .resteasyClient(new ResteasyClientBuilderImpl().connectTimeout(2, TimeUnit.SECONDS)
                        .readTimeout(10, TimeUnit.SECONDS).connectionPoolSize(8).build())
                .build();
    }

    private RealmResource realm() {
        return keycloak.realm(realmName);
    }

    @Override
    public void ensureTenantGroup(TenantCode tenant, String name) {
        call(() -> {
            GroupRepresentation tenants = groupByPath("/" + TENANTS_GROUP).orElseGet(() -> {
                GroupRepresentation top = new GroupRepresentation();
                top.setName(TENANTS_GROUP);
                try (Response created = realm().groups().add(top)) {
                    expectCreated(created);
                }
                return groupByPath("/" + TENANTS_GROUP).orElseThrow();
            });
            if (groupByPath(tenantPath(tenant)).isEmpty()) {
                GroupRepresentation group = new GroupRepresentation();
                group.setName(tenant.value());
                group.setAttributes(Map.of("tenant", List.of(tenant.value()), "tenant-name", List.of(name)));
                try (Response created = realm().groups().group(tenants.getId()).subGroup(group)) {
                    expectCreated(created);
                }
                log.info("Created the identity group of tenant {}", tenant);
            }
            return null;
        });
    }

    @Override
    public void ensureContractorGroup(TenantCode tenant, UUID contractor, String name) {
        call(() -> {
            String path = contractorPath(tenant, contractor);
            if (groupByPath(path).isEmpty()) {
                GroupRepresentation parent = groupByPath(tenantPath(tenant))
                        .orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "tenant-group-missing",
                                tenant.value()));
                GroupRepresentation group = new GroupRepresentation();
                group.setName(CONTRACTOR_GROUP_PREFIX + contractor);
                group.setAttributes(Map.of("contractor", List.of(contractor.toString()), "contractor-name",
                        List.of(name)));
                try (Response created = realm().groups().group(parent.getId()).subGroup(group)) {
                    expectCreated(created);
                }
            }
            return null;
        });
    }

    @Override
    public DirectoryUser create(NewDirectoryUser user) {
        return call(() -> {
            UserRepresentation rep = new UserRepresentation();
            rep.setUsername(user.username());
            rep.setFirstName(user.firstName());
            rep.setLastName(user.lastName());
            rep.setEmail(user.email());
            rep.setEmailVerified(user.email() != null);
            rep.setEnabled(true);
            rep.setGroups(List.of(user.contractor() == null ? tenantPath(user.tenant())
                    : contractorPath(user.tenant(), user.contractor())));
            Map<String, List<String>> attributes = new HashMap<>();
            attributes.put(CREATED_BY, List.of(user.createdBy()));
            if (user.phone() != null) {
                attributes.put("phone", List.of(user.phone()));
            }
            rep.setAttributes(attributes);
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue(user.password());
            password.setTemporary(true);
            rep.setCredentials(List.of(password));
            String id;
            try (Response created = realm().users().create(rep)) {
                if (created.getStatus() == 409) {
                    throw ProblemException.conflict("user-exists", user.username());
                }
                if (created.getStatus() == 400) {
                    throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "user-refused-by-directory",
                            user.username());
                }
                id = CreatedResponseUtil.getCreatedId(created);
            }
            try {
                RoleRepresentation role = realm().roles().get(user.role()).toRepresentation();
                realm().users().get(id).roles().realmLevel().add(List.of(role));
                return find(id).orElseThrow();
            } catch (RuntimeException e) {
                deleteQuietly(id); // never an enabled account without its role
                throw e;
            }
        });
    }

    @Override
    public void delete(String userId) {
        call(() -> {
            try (Response ignored = realm().users().delete(userId)) {
                return null;
            }
        });
    }

    private void deleteQuietly(String userId) {
        try {
            realm().users().delete(userId).close();
        } catch (RuntimeException e) {
            log.error("A half-created user {} could not be removed from Keycloak; remove it by hand", userId, e);
        }
    }

    @Override
    public List<DirectoryUser> members(TenantCode tenant, Optional<UUID> contractor, int first, int max) {
        return call(() -> {
            List<GroupRepresentation> groups = new ArrayList<>();
            if (contractor.isPresent()) {
                groupByPath(contractorPath(tenant, contractor.get())).ifPresent(groups::add);
            } else {
                Optional<GroupRepresentation> group = groupByPath(tenantPath(tenant));
                if (group.isPresent()) {
                    groups.add(group.get());
                    groups.addAll(realm().groups().group(group.get().getId()).getSubGroups(0, 1000, true));
                }
            }
            List<DirectoryUser> users = new ArrayList<>();
            int skip = first;
            for (GroupRepresentation group : groups) {
                if (users.size() >= max) {
                    break;
                }
                GroupResource resource = realm().groups().group(group.getId());
                // no group can contribute more than the page's end: fetch that much, not the whole group
                for (UserRepresentation member : resource.members(0, skip + max - users.size(), false)) {
                    if (skip > 0) {
                        skip--;
                        continue;
                    }
                    if (users.size() >= max) {
                        break;
                    }
                    users.add(toUser(member, group.getPath(), roles(member.getId())));
                }
            }
            return users;
        });
    }

    @Override
    public Optional<DirectoryUser> find(String userId) {
        return call(() -> {
            try {
                UserRepresentation user = realm().users().get(userId).toRepresentation();
                List<GroupRepresentation> groups = realm().users().get(userId).groups();
                String path = groups.stream().map(GroupRepresentation::getPath)
                        .filter(p -> p.startsWith("/" + TENANTS_GROUP + "/")).findFirst().orElse(null);
                return Optional.of(toUser(user, path, roles(userId)));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void disable(String userId, Disabler disabler) {
        call(() -> {
            var user = realm().users().get(userId);
            UserRepresentation rep = user.toRepresentation();
            rep.setEnabled(false);
            Map<String, List<String>> attributes = new HashMap<>(
                    rep.getAttributes() == null ? Map.of() : rep.getAttributes());
            attributes.put(DISABLED_BY, List.of(disabler.subject()));
            attributes.put(DISABLED_BY_LEVEL, List.of(disabler.level().name()));
            rep.setAttributes(attributes);
            user.update(rep);
            user.logout();
            // logout ends the online sessions only: offline sessions (and consents) are revoked per client
            for (Map<String, Object> consent : user.getConsents()) {
                Object client = consent.get("clientId");
                if (client != null) {
                    user.revokeConsent(client.toString());
                }
            }
            return null;
        });
    }

    @Override
    public void enable(String userId) {
        call(() -> {
            var user = realm().users().get(userId);
            UserRepresentation rep = user.toRepresentation();
            rep.setEnabled(true);
            Map<String, List<String>> attributes = new HashMap<>(
                    rep.getAttributes() == null ? Map.of() : rep.getAttributes());
            attributes.remove(DISABLED_BY);
            attributes.remove(DISABLED_BY_LEVEL);
            rep.setAttributes(attributes);
            user.update(rep);
            return null;
        });
    }

    private Set<String> roles(String userId) {
        Set<String> roles = new LinkedHashSet<>();
        for (RoleRepresentation role : realm().users().get(userId).roles().realmLevel().listEffective()) {
            if (PRODUCT_ROLES.contains(role.getName())) {
                roles.add(role.getName());
            }
        }
        return roles;
    }

    private static DirectoryUser toUser(UserRepresentation user, String groupPath, Set<String> roles) {
        String tenant = null;
        UUID contractor = null;
        if (groupPath != null) {
            String[] parts = groupPath.split("/");
            tenant = parts.length > 2 ? parts[2] : null;
            if (parts.length > 3 && parts[3].startsWith(CONTRACTOR_GROUP_PREFIX)) {
                contractor = UUID.fromString(parts[3].substring(CONTRACTOR_GROUP_PREFIX.length()));
            }
        }
        Map<String, List<String>> attributes = user.getAttributes() == null ? new HashMap<>() : user.getAttributes();
        String phone = first(attributes, "phone");
        return new DirectoryUser(user.getId(), user.getUsername(), user.getFirstName(), user.getLastName(),
                user.getEmail(), phone, Boolean.TRUE.equals(user.isEnabled()), roles, tenant, contractor,
                user.getCreatedTimestamp(), first(attributes, CREATED_BY),
                Authority.parse(first(attributes, DISABLED_BY_LEVEL))
                        .map(level -> new Disabler(first(attributes, DISABLED_BY), level)));
    }

    private static String first(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes.get(name);
        return values == null ? null : values.stream().findFirst().orElse(null);
    }

    private Optional<GroupRepresentation> groupByPath(String path) {
        try {
            return Optional.of(realm().getGroupByPath(path));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    static String tenantPath(TenantCode tenant) {
        return "/" + TENANTS_GROUP + "/" + tenant.value();
    }

    static String contractorPath(TenantCode tenant, UUID contractor) {
        return tenantPath(tenant) + "/" + CONTRACTOR_GROUP_PREFIX + contractor;
    }

    private static void expectCreated(Response response) {
        if (response.getStatus() != 201 && response.getStatus() != 409) {
            throw new WebApplicationException(response.getStatus());
        }
    }

    /** Keycloak unreachable or failing: 503 {@code identity-unavailable}; the details go to the log only. */
    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (ProblemException e) {
            throw e;
        } catch (ProcessingException | WebApplicationException e) {
            log.warn("Keycloak refused or did not answer", e);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "identity-unavailable");
        }
    }

    @Override
    public void destroy() {
        keycloak.close();
    }
}
