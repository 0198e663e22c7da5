package org.warmnest.tenant.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.security.Roles;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.tenant.identity.IdentityDirectory.DirectoryUser;
import org.warmnest.tenant.identity.IdentityDirectory.Disabler;
import org.warmnest.tenant.identity.IdentityDirectory.NewDirectoryUser;

/**
 * Who may manage whose account. A bureau admin manages the users of its own tenant (a city's, those of its
 * districts too) and alone makes contractor managers; a contractor manager manages its own contractor's staff in
 * its own tenant and makes care workers only; the platform operator manages any tenant's. Nobody creates platform
 * operators or service accounts here. A user outside the caller's scope is "not found", so that ids do not leak.
 * Every password given here is temporary, every account names its creator, and an account disabled by one
 * authority is enabled again only by the same or a higher one ({@link Authority}).
 */
@Service
public class UserAdministration {

    /** The roles each administering role may give. */
    static final Set<String> BUREAU_GRANTS = Set.of(Roles.BUREAU_ADMIN, Roles.FINANCE_OFFICER, Roles.AUDITOR,
            Roles.VOLUNTEER, Roles.CONTRACTOR_MANAGER, Roles.CARE_WORKER);
    /** A manager makes care workers only: a second manager of its own making could verify its own visits. */
    static final Set<String> CONTRACTOR_GRANTS = Set.of(Roles.CARE_WORKER);
    static final Set<String> CONTRACTOR_ROLES = Set.of(Roles.CONTRACTOR_MANAGER, Roles.CARE_WORKER);
    /** Whose disabling nobody recorded (done before this was kept, or outside the product): a bureau's. */
    static final Authority UNKNOWN_DISABLER = Authority.DISTRICT_BUREAU;

    /** Added to the revocation instant: clock differences between this service and Keycloak. */
    static final java.time.Duration REVOCATION_MARGIN = java.time.Duration.ofSeconds(10);

    private static final String[] PASSWORD_CLASSES = { "ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz",
            "23456789", "-_.!#%+=@" };
    private static final String PASSWORD_ALPHABET = String.join("", PASSWORD_CLASSES);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityDirectory directory;
    private final IdentityEvents events;
    private final IdentityState state;
    private final JdbcClient jdbc;
    private final Clock clock;

    UserAdministration(IdentityDirectory directory, IdentityEvents events, IdentityState state, JdbcClient jdbc,
            Clock clock) {
        this.directory = directory;
        this.events = events;
        this.state = state;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** {@code password}: temporary, whatever the caller wishes; without one, one is generated. */
    public record NewUser(String username, String firstName, String lastName, String email, String phone, String role,
            UUID contractorId, String password) {
    }

    /** The created user, and the password when it was generated here (shown this once). */
    public record Created(DirectoryUser user, String generatedPassword) {
    }

    public List<DirectoryUser> list(CurrentUser caller, TenantCode tenant, int first, int max) {
        mayRead(caller, tenant);
        Optional<UUID> onlyContractor = contractorScope(caller);
        return directory.members(tenant, onlyContractor, first, max);
    }

    public DirectoryUser get(CurrentUser caller, TenantCode tenant, String userId) {
        mayRead(caller, tenant);
        return inScope(caller, tenant, userId);
    }

    @Transactional
    public Created create(CurrentUser caller, TenantCode tenant, NewUser request) {
        mayAdminister(caller, tenant);
        String role = request.role();
        Set<String> grantable = isContractorManagerOnly(caller) ? CONTRACTOR_GRANTS : BUREAU_GRANTS;
        if (!grantable.contains(role)) {
            throw ProblemException.forbidden("role-not-grantable", role);
        }
        UUID contractor = request.contractorId();
        if (CONTRACTOR_ROLES.contains(role)) {
            if (isContractorManagerOnly(caller)) {
                UUID own = caller.contractorId()
                        .orElseThrow(() -> ProblemException.forbidden("contractor-claim-missing"));
                if (contractor != null && !contractor.equals(own)) {
                    throw ProblemException.forbidden("contractor-scope-denied", contractor);
                }
                contractor = own;
            }
            if (contractor == null) {
                throw ProblemException.invalid("contractorId", "contractor-required", role);
            }
            String name = contractorName(contractor);
            if (!engagedIn(tenant, contractor)) {
                throw ProblemException.invalid("contractorId", "contractor-not-engaged", contractor);
            }
            directory.ensureContractorGroup(tenant, contractor, name);
        } else if (contractor != null) {
            throw ProblemException.invalid("contractorId", "contractor-not-expected", role);
        }
        String password = request.password();
        String generated = null;
        if (password == null || password.isBlank()) {
            password = generated = generatePassword();
        }
        DirectoryUser created = directory.create(new NewDirectoryUser(tenant, contractor, request.username(),
                request.firstName(), request.lastName(), blankToNull(request.email()), blankToNull(request.phone()),
                role, password, caller.subject()));
        try {
            events.record(clock.instant(), tenant, IdentityEvents.Action.CREATED, created.id(), created.username(),
                    role, contractor, caller, Authority.of(caller));
        } catch (RuntimeException e) {
            directory.delete(created.id()); // no account without its record
            throw e;
        }
        return new Created(created, generated);
    }

    /**
     * Disables the user: its sessions end in Keycloak, and the gateway refuses its tokens from this moment (the
     * revocation is written before anything else, so a failure further on leaves it refused, never the reverse).
     */
    @Transactional
    public DirectoryUser disable(CurrentUser caller, TenantCode tenant, String userId) {
        mayAdminister(caller, tenant);
        DirectoryUser user = inScope(caller, tenant, userId);
        if (user.id().equals(caller.subject())) {
            throw ProblemException.conflict("user-self-disable");
        }
        Instant now = clock.instant();
        Authority authority = Authority.of(caller);
        Disabler disabler = new Disabler(caller.subject(), authority);
        // disabling an account that is already disabled never lowers who disabled it
        Optional<Disabler> earlier = user.enabled() ? Optional.empty() : disabler(user);
        if (earlier.isPresent() && !authority.atLeast(earlier.get().level())) {
            disabler = earlier.get();
        }
        // Tokens are stamped by Keycloak's clock, the revocation by this one: a margin covers the difference, and
        // the revocation is written again once Keycloak has disabled the user, so that a token refreshed while the
        // call ran is refused too.
        state.userRevoked(user.id(), now.plus(REVOCATION_MARGIN));
        directory.disable(user.id(), disabler);
        state.userRevoked(user.id(), clock.instant().plus(REVOCATION_MARGIN));
        events.record(now, tenant, IdentityEvents.Action.DISABLED, user.id(), user.username(), null,
                user.contractor(), caller, authority);
        return directory.find(user.id()).orElseThrow();
    }

    /**
     * Enables a disabled account again: only an authority at least as high as the one that disabled it (a
     * contractor manager does not undo the bureau's decision); {@code 403 user-disabled-by-higher-authority}.
     */
    @Transactional
    public DirectoryUser enable(CurrentUser caller, TenantCode tenant, String userId) {
        mayAdminister(caller, tenant);
        DirectoryUser user = inScope(caller, tenant, userId);
        Authority authority = Authority.of(caller);
        if (!user.enabled()) {
            Authority disabledBy = disabler(user).map(Disabler::level).orElse(UNKNOWN_DISABLER);
            if (!authority.atLeast(disabledBy)) {
                throw ProblemException.forbidden("user-disabled-by-higher-authority", user.username(),
                        disabledBy.name());
            }
        }
        directory.enable(user.id());
        events.record(clock.instant(), tenant, IdentityEvents.Action.ENABLED, user.id(), user.username(), null,
                user.contractor(), caller, authority);
        return directory.find(user.id()).orElseThrow();
    }

    /** Who disabled the account: as Keycloak keeps it, else the trail's last disabling that names its authority. */
    private Optional<Disabler> disabler(DirectoryUser user) {
        return user.disabledBy().or(() -> events.lastDisabling(user.id()));
    }

    private DirectoryUser inScope(CurrentUser caller, TenantCode tenant, String userId) {
        DirectoryUser user;
        try {
            user = directory.find(userId).orElse(null);
        } catch (IllegalArgumentException e) {
            user = null;
        }
        if (user == null || !tenant.value().equals(user.tenant())) {
            throw ProblemException.notFound("user-not-found", userId);
        }
        Optional<UUID> onlyContractor = contractorScope(caller);
        if (onlyContractor.isPresent() && !onlyContractor.get().equals(user.contractor())) {
            throw ProblemException.notFound("user-not-found", userId);
        }
        if (user.roles().contains(Roles.PLATFORM_ADMIN)) {
            throw ProblemException.notFound("user-not-found", userId);
        }
        return user;
    }

    private static void mayRead(CurrentUser caller, TenantCode tenant) {
        if (caller.isPlatformAdmin()) {
            return;
        }
        if (caller.hasAnyRole(Roles.BUREAU_ADMIN, Roles.AUDITOR) && withinHome(caller, tenant)) {
            return;
        }
        if (caller.hasRole(Roles.CONTRACTOR_MANAGER) && isHome(caller, tenant)) {
            return;
        }
        throw ProblemException.forbidden("user-admin-denied", tenant.value());
    }

    private static void mayAdminister(CurrentUser caller, TenantCode tenant) {
        if (caller.isPlatformAdmin()) {
            return;
        }
        if (caller.hasRole(Roles.BUREAU_ADMIN) && withinHome(caller, tenant)) {
            return;
        }
        if (caller.hasRole(Roles.CONTRACTOR_MANAGER) && isHome(caller, tenant)) {
            return;
        }
        throw ProblemException.forbidden("user-admin-denied", tenant.value());
    }

    /** A contractor manager (without a bureau or platform role) sees only its own contractor's staff. */
    private static Optional<UUID> contractorScope(CurrentUser caller) {
        if (isContractorManagerOnly(caller)) {
            return Optional.of(caller.contractorId()
                    .orElseThrow(() -> ProblemException.forbidden("contractor-claim-missing")));
        }
        return Optional.empty();
    }

    /**
     * A contractor manager without a bureau or platform role: held to its own contractor's staff, whatever other
     * role it also has (an auditor's reading rights do not widen what it may administer).
     */
    private static boolean isContractorManagerOnly(CurrentUser caller) {
        return !caller.isPlatformAdmin() && !caller.hasRole(Roles.BUREAU_ADMIN)
                && caller.hasRole(Roles.CONTRACTOR_MANAGER);
    }

    private static boolean withinHome(CurrentUser caller, TenantCode tenant) {
        return caller.tenant().map(tenant::isWithin).orElse(false);
    }

    private static boolean isHome(CurrentUser caller, TenantCode tenant) {
        return caller.tenant().map(tenant::equals).orElse(false);
    }

    private String contractorName(UUID contractor) {
        return jdbc.sql("select name from registry.contractor where id = ?").param(contractor)
                .query(String.class).optional()
                .orElseThrow(() -> ProblemException.invalid("contractorId", "contractor-not-found", contractor));
    }

    /** Whether the tenant has engaged the contractor (an engagement, active or ended, in the tenant's schema). */
    private boolean engagedIn(TenantCode tenant, UUID contractor) {
        return jdbc.sql("select exists (select 1 from " + tenant.schema() + ".engagement where contractor_id = ?)")
                .param(contractor).query(Boolean.class).single();
    }

    /** 16 characters, at least one of each class the realm's password policy asks for. */
    static String generatePassword() {
        List<Character> chars = new java.util.ArrayList<>();
        for (String characterClass : PASSWORD_CLASSES) {
            chars.add(characterClass.charAt(RANDOM.nextInt(characterClass.length())));
        }
        while (chars.size() < 16) {
            chars.add(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        java.util.Collections.shuffle(chars, RANDOM);
        StringBuilder password = new StringBuilder();
        chars.forEach(password::append);
        return password.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
