package org.warmnest.platform.tenancy;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.platform.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The internal endpoints tenant-service's provisioning saga calls in every service (service accounts only).
 * Both are idempotent PUTs: repeating one changes nothing.
 */
@RestController
@RequestMapping("/internal/v1/provisioning/tenants")
@Tag(name = "internal: provisioning", description = "Called by tenant-service only")
public class ProvisioningController {

    /** Also enforced for all of {@code /internal/**} by the security filter chain. */
    private static final String SERVICES = "hasRole('service')";

    private final TenantProvisioner provisioner;

    public ProvisioningController(TenantProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    public record ProvisionRequest(@NotBlank @Size(max = 100) String name,
            @Pattern(regexp = "^[0-9]{6}$") String parentCode) {
    }

    public record StatusRequest(@NotNull TenantStatus status) {
    }

    public record ProvisionedTenant(String code, String schema, TenantStatus status, List<String> tables) {
    }

    @PutMapping("/{code}")
    @PreAuthorize(SERVICES)
    @Operation(summary = "Register the tenant here and create, migrate and verify its schema")
    public ProvisionedTenant provision(@PathVariable String code, @Valid @RequestBody ProvisionRequest request) {
        TenantCode tenant = TenantCode.of(code);
        TenantCode parent = request.parentCode() == null ? null : TenantCode.of(request.parentCode());
        var registered = provisioner.provision(tenant, parent, request.name());
        return view(registered);
    }

    @PutMapping("/{code}/status")
    @PreAuthorize(SERVICES)
    @Operation(summary = "Set the tenant's status here (only an active tenant is served)")
    public ProvisionedTenant status(@PathVariable String code, @Valid @RequestBody StatusRequest request) {
        TenantCode tenant = TenantCode.of(code);
        var registry = provisioner.registry();
        registry.find(tenant).orElseThrow(() -> ProblemException.notFound("tenant-not-found", code));
        if (request.status() == TenantStatus.PROVISIONING) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation-failed");
        }
        registry.setStatus(tenant, request.status());
        return view(registry.find(tenant).orElseThrow());
    }

    @GetMapping("/{code}")
    @PreAuthorize(SERVICES)
    @Operation(summary = "The tenant as this service knows it")
    public ProvisionedTenant get(@PathVariable String code) {
        TenantCode tenant = TenantCode.of(code);
        return view(provisioner.registry().find(tenant)
                .orElseThrow(() -> ProblemException.notFound("tenant-not-found", code)));
    }

    private ProvisionedTenant view(TenantRegistry.RegisteredTenant tenant) {
        return new ProvisionedTenant(tenant.code().value(), tenant.code().schema(), tenant.status(),
                List.copyOf(provisioner.migrator().expectedTables()));
    }
}
