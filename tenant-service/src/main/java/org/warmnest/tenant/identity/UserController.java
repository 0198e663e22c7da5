package org.warmnest.tenant.identity;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.tenant.identity.IdentityDirectory.DirectoryUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The users of a tenant, kept in Keycloak: a bureau admin manages its tenant's, a contractor manager its own
 * contractor's staff. Disabling takes effect at the gateway at once.
 */
@RestController
@RequestMapping("/api/tenants/v1/tenants/{tenant}/users")
@Tag(name = "users", description = "The tenant's user accounts (Keycloak), by role and contractor")
class UserController {

    static final String ADMINISTRATORS = "hasAnyRole('platform-admin','bureau-admin','contractor-manager')";
    static final String READERS = "hasAnyRole('platform-admin','bureau-admin','contractor-manager','auditor')";

    private final UserAdministration administration;

    UserController(UserAdministration administration) {
        this.administration = administration;
    }

    record CreateUserRequest(
            @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{2,49}$") String username,
            @NotBlank @Size(max = 50) String firstName,
            @NotBlank @Size(max = 50) String lastName,
            @Email @Size(max = 100) String email,
            @Pattern(regexp = "^1[3-9][0-9]{9}$") String phone,
            @NotBlank @Pattern(regexp = "^(bureau-admin|finance-officer|auditor|volunteer|contractor-manager|care-worker)$") String role,
            UUID contractorId,
            @Size(min = 10, max = 128) String password) {
    }

    /**
     * @param disabledBy who disabled a disabled account and with which authority ({@code CONTRACTOR_MANAGER},
     *                   {@code DISTRICT_BUREAU}, {@code CITY_BUREAU}, {@code PLATFORM}): only the same or a higher
     *                   one may enable it again; null for an enabled account
     */
    record UserView(String id, String username, String firstName, String lastName, String email, String phone,
            boolean enabled, Set<String> roles, String tenant, UUID contractorId, Instant createdAt,
            DisabledBy disabledBy) {

        static UserView of(DirectoryUser u) {
            return new UserView(u.id(), u.username(), u.firstName(), u.lastName(), u.email(), u.phone(), u.enabled(),
                    u.roles(), u.tenant(), u.contractor(),
                    u.createdAt() == null ? null : Instant.ofEpochMilli(u.createdAt()),
                    u.enabled() ? null : u.disabledBy().map(d -> new DisabledBy(d.subject(), d.level().name()))
                            .orElse(null));
        }
    }

    record DisabledBy(String subject, String level) {
    }

    record CreatedView(UserView user, String generatedPassword) {
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "The tenant's users (a contractor manager sees its own contractor's staff only)")
    List<UserView> list(@PathVariable String tenant, @RequestParam(defaultValue = "0") @Min(0) int first,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int max) {
        return administration.list(CurrentUser.get(), TenantCode.of(tenant), first, max).stream().map(UserView::of)
                .toList();
    }

    @GetMapping("/{userId}")
    @PreAuthorize(READERS)
    @Operation(summary = "One user of the tenant")
    UserView get(@PathVariable String tenant, @PathVariable String userId) {
        return UserView.of(administration.get(CurrentUser.get(), TenantCode.of(tenant), userId));
    }

    @PostMapping
    @PreAuthorize(ADMINISTRATORS)
    @Operation(summary = "Create a user with one role",
            description = "Every password given here is temporary and must be changed at first sign-in; without "
                    + "one, one is generated and returned once. The realm's password policy applies (422 "
                    + "user-refused-by-directory otherwise). A contractor manager creates care workers only. Roles "
                    + "that require a one-time code set it up at first sign-in.")
    ResponseEntity<CreatedView> create(@PathVariable String tenant, @Valid @RequestBody CreateUserRequest request) {
        UserAdministration.Created created = administration.create(CurrentUser.get(), TenantCode.of(tenant),
                new UserAdministration.NewUser(request.username(), request.firstName().strip(),
                        request.lastName().strip(), request.email(), request.phone(), request.role(),
                        request.contractorId(), request.password()));
        return ResponseEntity
                .created(URI.create("/api/tenants/v1/tenants/" + tenant + "/users/" + created.user().id()))
                .body(new CreatedView(UserView.of(created.user()), created.generatedPassword()));
    }

    @PostMapping("/{userId}/disable")
    @PreAuthorize(ADMINISTRATORS)
    @Operation(summary = "Disable: sessions end and the gateway refuses the user's tokens at once")
    UserView disable(@PathVariable String tenant, @PathVariable String userId) {
        return UserView.of(administration.disable(CurrentUser.get(), TenantCode.of(tenant), userId));
    }

    @PostMapping("/{userId}/enable")
    @PreAuthorize(ADMINISTRATORS)
    @Operation(summary = "Enable again (tokens issued before the disabling stay refused)")
    UserView enable(@PathVariable String tenant, @PathVariable String userId) {
        return UserView.of(administration.enable(CurrentUser.get(), TenantCode.of(tenant), userId));
    }
}
