package org.warmnest.care.activity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.care.elder.ElderRoles;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Donated goods (物资捐赠批次) and charity resources linked (链接慈善资源); money in yuan, a string with two
 * decimals in responses. Contractor staff see and write their contractor's rows only; auditors read.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}")
@Tag(name = "donations", description = "Donation batches and charity resources linked (五社联动)")
class DonationController {

    private final Donations donations;
    private final CharityResources resources;

    DonationController(Donations donations, CharityResources resources) {
        this.donations = donations;
        this.resources = resources;
    }

    record BatchRequest(@NotNull LocalDate receivedOn, @NotBlank @Size(max = 100) String donor,
            @NotBlank @Size(max = 500) String goods,
            @DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal value,
            @NotNull @Min(0) @Max(1_000_000) Integer households, @Size(max = 32) String streetCode,
            @Size(max = 32) String communityCode, @Size(max = 32) String gridCode, UUID contractorId,
            @Size(max = 2_000) List<@NotNull UUID> elderIds) {
    }

    record RecipientsRequest(@NotNull @Size(min = 1, max = 2_000) List<@NotNull UUID> elderIds) {
    }

    record ResourceRequest(@NotBlank @Size(max = 100) String name, @NotNull CharityResources.Kind kind,
            @NotBlank @Size(max = 100) String provider,
            @DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal value, LocalDate linkedOn,
            @Size(max = 32) String streetCode, @Size(max = 32) String communityCode, @Size(max = 32) String gridCode,
            UUID contractorId, @Size(max = 2_000) List<@NotNull UUID> elderIds) {
    }

    // 物资捐赠

    @PostMapping("/donations")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Record a batch of donated goods: donor, goods, value, households and the elders reached")
    Donations.Batch receive(@PathVariable String tenant, @Valid @RequestBody BatchRequest r) {
        return donations.create(new Donations.NewBatch(r.receivedOn(), r.donor(), r.goods(), r.value(),
                r.households(), r.streetCode(), r.communityCode(), r.gridCode(), r.contractorId(), r.elderIds()));
    }

    @GetMapping("/donations")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Donation batches received in the period (either end open) of the area, the latest first")
    PageView<Donations.Batch> batches(@PathVariable String tenant, @Valid @ParameterObject ActivityQuery q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return donations.page(q.scope(), page, size);
    }

    @GetMapping("/donations/{id}")
    @PreAuthorize(ElderRoles.READERS)
    Donations.Batch batch(@PathVariable String tenant, @PathVariable UUID id) {
        return donations.get(id);
    }

    @PostMapping("/donations/{id}/recipients")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "More elders the batch reached (each counted once per batch)")
    Donations.Batch addRecipients(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody RecipientsRequest r) {
        return donations.addRecipients(id, r.elderIds());
    }

    @DeleteMapping("/donations/{id}/recipients/{elderId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(ElderRoles.WRITERS)
    void removeRecipient(@PathVariable String tenant, @PathVariable UUID id, @PathVariable UUID elderId) {
        donations.removeRecipient(id, elderId);
    }

    // 链接慈善资源

    @PostMapping("/charity-resources")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Record a charity resource linked (today if no day is given), for the elders named if any")
    CharityResources.Resource link(@PathVariable String tenant, @Valid @RequestBody ResourceRequest r) {
        return resources.link(new CharityResources.NewResource(r.name(), r.kind(), r.provider(), r.value(),
                r.linkedOn(), r.streetCode(), r.communityCode(), r.gridCode(), r.contractorId(), r.elderIds()));
    }

    @GetMapping("/charity-resources")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Charity resources linked in the period (either end open) of the area, the latest first")
    PageView<CharityResources.Resource> resources(@PathVariable String tenant,
            @Valid @ParameterObject ActivityQuery q, @RequestParam(required = false) CharityResources.Kind kind,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return resources.page(q.scope(), kind, page, size);
    }

    @GetMapping("/charity-resources/{id}")
    @PreAuthorize(ElderRoles.READERS)
    CharityResources.Resource resource(@PathVariable String tenant, @PathVariable UUID id) {
        return resources.get(id);
    }
}
