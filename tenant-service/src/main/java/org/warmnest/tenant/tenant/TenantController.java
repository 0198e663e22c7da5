package org.warmnest.tenant.tenant;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.security.TenantAccessPolicy;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantRegistry.RegisteredTenant;
import org.warmnest.platform.tenancy.TenantStatus;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The tenant directory: cities and districts, their onboarding and their status. */
@RestController
@RequestMapping("/api/tenants/v1/tenants")
@Tag(name = "tenants", description = "Cities and districts (GB/T 2260), onboarding and status")
class TenantController {

    private static final String MANAGERS = "hasAnyRole('platform-admin','bureau-admin')";
    // Care workers and volunteers have no part in tenant administration, not even to read it.
    private static final String READERS =
            "hasAnyRole('platform-admin','bureau-admin','contractor-manager','finance-officer','auditor')";

    private final TenantLifecycle lifecycle;
    private final ProvisioningSteps steps;
    private final ProvisioningSaga saga;
    private final TenantAccessPolicy access;

    TenantController(TenantLifecycle lifecycle, ProvisioningSteps steps, ProvisioningSaga saga,
            TenantAccessPolicy access) {
        this.lifecycle = lifecycle;
        this.steps = steps;
        this.saga = saga;
        this.access = access;
    }

    record OnboardRequest(@NotBlank @Pattern(regexp = "^[0-9]{6}$") String code,
            @NotBlank @Size(max = 100) String name) {
    }

    record ServiceState(String service, boolean schemaReady, TenantStatus confirmedStatus, int attempts,
            Instant nextAttemptAt, String lastError) {
    }

    record TenantView(String code, String name, String level, String parentCode, String schema, TenantStatus status,
            Instant createdAt, Instant updatedAt, List<ServiceState> services) {
    }

    @PostMapping
    @PreAuthorize(MANAGERS)
    @Operation(summary = "Onboard a city (platform operator) or a district (its city's bureau)",
            description = "202 while provisioning runs; repeating the request returns the same tenant (200).")
    ResponseEntity<TenantView> onboard(@Valid @RequestBody OnboardRequest request) {
        TenantLifecycle.Onboarded result = lifecycle.onboard(CurrentUser.get(), TenantCode.of(request.code()),
                request.name().strip());
        if (result.created()) {
            saga.wake();
        }
        TenantView view = view(result.tenant(), true);
        return result.created()
                ? ResponseEntity.accepted().location(URI.create("/api/tenants/v1/tenants/" + view.code())).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "The tenants in the caller's scope")
    List<TenantView> list() {
        return lifecycle.visibleTo(CurrentUser.get()).stream().map(t -> view(t, false)).toList();
    }

    @GetMapping("/{code}")
    @PreAuthorize(READERS)
    @Operation(summary = "A tenant, with its provisioning state in every service")
    TenantView get(@PathVariable String code) {
        TenantCode tenant = TenantCode.of(code);
        access.authorize(CurrentUser.get(), tenant);
        return lifecycle.visibleTo(CurrentUser.get()).stream().filter(t -> t.code().equals(tenant)).findFirst()
                .map(t -> view(t, true)).orElseThrow(() -> ProblemException.notFound("tenant-not-found", code));
    }

    @PostMapping("/{code}/suspend")
    @PreAuthorize(MANAGERS)
    @Operation(summary = "Suspend: every service refuses the tenant's traffic; data is kept")
    TenantView suspend(@PathVariable String code) {
        return change(code, TenantStatus.SUSPENDED);
    }

    @PostMapping("/{code}/activate")
    @PreAuthorize(MANAGERS)
    @Operation(summary = "Lift a suspension")
    TenantView activate(@PathVariable String code) {
        return change(code, TenantStatus.ACTIVE);
    }

    @PostMapping("/{code}/archive")
    @PreAuthorize(MANAGERS)
    @Operation(summary = "Archive: no longer served, data kept")
    TenantView archive(@PathVariable String code) {
        return change(code, TenantStatus.ARCHIVED);
    }

    private TenantView change(String code, TenantStatus to) {
        RegisteredTenant tenant = lifecycle.changeStatus(CurrentUser.get(), TenantCode.of(code), to);
        saga.wake();
        return view(tenant, true);
    }

    private TenantView view(RegisteredTenant t, boolean withServices) {
        List<ServiceState> services = withServices ? steps.of(t.code()).stream()
                .map(s -> new ServiceState(s.service(), s.schemaReady(), s.confirmedStatus(), s.attempts(),
                        s.nextAttemptAt(), s.lastError()))
                .toList() : List.of();
        return new TenantView(t.code().value(), t.name(), t.code().isCity() ? "CITY" : "DISTRICT",
                t.parent() == null ? null : t.parent().value(), t.code().schema(), t.status(), t.createdAt(),
                t.updatedAt(), services);
    }
}
