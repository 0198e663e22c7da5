package org.warmnest.tenant.tenant;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantRegistry.RegisteredTenant;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.tenant.identity.IdentityDirectory;
import org.warmnest.tenant.identity.IdentityState;

/**
 * Onboarding and the life of a tenant. The platform operator onboards cities; a city bureau onboards the
 * districts of its own city. A suspended tenant is refused everywhere; an archived one keeps its data.
 */
@Service
class TenantLifecycle {

    private final TenantRegistry registry;
    private final ProvisioningSteps steps;
    private final IdentityDirectory directory;
    private final IdentityState identityState;
    private final Clock clock;

    TenantLifecycle(TenantRegistry registry, ProvisioningSteps steps, IdentityDirectory directory,
            IdentityState identityState, Clock clock) {
        this.registry = registry;
        this.steps = steps;
        this.directory = directory;
        this.identityState = identityState;
        this.clock = clock;
    }

    record Onboarded(RegisteredTenant tenant, boolean created) {
    }

    /** Onboards a tenant; repeating the same request returns the same tenant and creates nothing. */
    @Transactional
    Onboarded onboard(CurrentUser user, TenantCode code, String name) {
        mayOnboard(user, code);
        TenantCode parent = null;
        if (code.isDistrict()) {
            parent = code.city();
            RegisteredTenant city = registry.find(parent)
                    .orElseThrow(() -> new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "city-not-onboarded",
                            code.value(), code.city().value()));
            if (city.status() == TenantStatus.ARCHIVED || city.status() == TenantStatus.SUSPENDED) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "city-not-active", city.code().value(),
                        city.status());
            }
        }
        Optional<RegisteredTenant> existing = registry.find(code);
        if (existing.isPresent()) {
            if (!existing.get().name().equals(name)) {
                throw ProblemException.conflict("tenant-exists", code.value(), existing.get().name());
            }
            directory.ensureTenantGroup(code, name); // heals a group removed by hand
            return new Onboarded(existing.get(), false);
        }
        // The group first: if Keycloak does not answer, nothing is registered and the request can be repeated.
        directory.ensureTenantGroup(code, name);
        RegisteredTenant created = registry.register(code, parent, name, TenantStatus.PROVISIONING);
        steps.open(code, clock.instant());
        identityState.tenantChanged(code, TenantStatus.PROVISIONING);
        return new Onboarded(created, true);
    }

    @Transactional
    RegisteredTenant changeStatus(CurrentUser user, TenantCode code, TenantStatus to) {
        mayManage(user, code);
        RegisteredTenant tenant = registry.find(code)
                .orElseThrow(() -> ProblemException.notFound("tenant-not-found", code.value()));
        TenantStatus from = tenant.status();
        boolean allowed = switch (to) {
            case SUSPENDED -> from == TenantStatus.ACTIVE || from == TenantStatus.SUSPENDED;
            case ACTIVE -> from == TenantStatus.SUSPENDED || from == TenantStatus.ACTIVE;
            case ARCHIVED -> from != TenantStatus.PROVISIONING;
            case PROVISIONING -> false;
        };
        if (!allowed) {
            throw ProblemException.conflict("tenant-status-change-refused", code.value(), from, to);
        }
        if (code.isCity() && to != TenantStatus.ACTIVE) {
            // A city's districts go with it: suspending or archiving a city stops the whole city.
            for (TenantCode district : registry.districtsOf(code)) {
                registry.find(district).filter(d -> d.status() != TenantStatus.ARCHIVED
                        && d.status() != TenantStatus.PROVISIONING && d.status() != to).ifPresent(d -> {
                            registry.setStatus(district, to);
                            steps.dueNow(district, clock.instant());
                            identityState.tenantChanged(district, to);
                        });
            }
        }
        if (registry.setStatus(code, to)) {
            steps.dueNow(code, clock.instant());
        }
        identityState.tenantChanged(code, to); // the gateway refuses a suspended tenant's tokens from now on
        return registry.find(code).orElseThrow();
    }

    List<RegisteredTenant> visibleTo(CurrentUser user) {
        if (user.isPlatformAdmin() || user.isService()) {
            return registry.all();
        }
        TenantCode home = user.tenant().orElseThrow(() -> ProblemException.forbidden("tenant-claim-missing"));
        return registry.all().stream().filter(t -> t.code().isWithin(home)).toList();
    }

    private static void mayOnboard(CurrentUser user, TenantCode code) {
        if (user.isPlatformAdmin()) {
            return;
        }
        boolean cityBureau = user.hasRole(org.warmnest.platform.security.Roles.BUREAU_ADMIN)
                && user.tenant().filter(TenantCode::isCity).isPresent();
        if (cityBureau && code.isDistrict() && code.city().equals(user.tenant().get())) {
            return;
        }
        throw ProblemException.forbidden("tenant-onboarding-denied", code.value());
    }

    /** A city bureau manages its districts' status; only the platform operator manages a city's. */
    private static void mayManage(CurrentUser user, TenantCode code) {
        mayOnboard(user, code);
    }
}
