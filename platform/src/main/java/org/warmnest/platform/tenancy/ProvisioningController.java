package org.warmnest.platform.tenancy;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
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
 * The internal endpoints tenant-service's provisioning saga calls in every service: its service account only (the
 * token's {@code azp}, or {@code client_id}, must be {@code warmnest.provisioning.caller}); any other service
 * account is {@code 403 provisioning-caller-denied}. Both are idempotent PUTs: repeating one changes nothing.
 */
@RestController
@RequestMapping("/internal/v1/provisioning/tenants")
@Tag(name = "internal: provisioning", description = "Called by tenant-service only")
public class ProvisioningController {

    /** Also enforced for all of {@code /internal/**} by the security filter chain. */
    private static final String SERVICES = "hasRole('service')";

    private final TenantProvisioner provisioner;
    private final String caller;

    public ProvisioningController(TenantProvisioner provisioner,
            @Value("${warmnest.provisioning.caller:tenant-service}") String caller) {
        this.provisioner = provisioner;
        this.caller = caller;
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
        requireCaller();
        TenantCode tenant = TenantCode.of(code);
        TenantCode parent = request.parentCode() == null ? null : TenantCode.of(request.parentCode());
        var registered = provisioner.provision(tenant, parent, request.name());
        return view(registered);
    }

    @PutMapping("/{code}/status")
    @PreAuthorize(SERVICES)
    @Operation(summary = "Set the tenant's status here (only an active tenant is served)")
    public ProvisionedTenant status(@PathVariable String code, @Valid @RequestBody StatusRequest request) {
        requireCaller();
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
        requireCaller();
        TenantCode tenant = TenantCode.of(code);
        return view(provisioner.registry().find(tenant)
                .orElseThrow(() -> ProblemException.notFound("tenant-not-found", code)));
    }

    /** The role says "a service"; only one service provisions: the client the token was issued to must be it. */
    private void requireCaller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String client = null;
        if (auth instanceof JwtAuthenticationToken token) {
            client = token.getToken().getClaimAsString("azp");
            if (client == null) {
                client = token.getToken().getClaimAsString("client_id");
            }
        }
        if (client == null || !client.equals(caller)) {
            throw ProblemException.forbidden("provisioning-caller-denied");
        }
    }

    private ProvisionedTenant view(TenantRegistry.RegisteredTenant tenant) {
        return new ProvisionedTenant(tenant.code().value(), tenant.code().schema(), tenant.status(),
                List.copyOf(provisioner.migrator().expectedTables()));
    }
}
