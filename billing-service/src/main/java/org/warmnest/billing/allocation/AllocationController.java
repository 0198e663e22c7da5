package org.warmnest.billing.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.billing.idempotency.MovesMoney;
import org.warmnest.billing.money.Yuan;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Fund allocations of a tenant (a city's municipal fund, or a district's). Amounts are JSON strings with two
 * decimals, see {@link Yuan}. Finance officers record and amend; bureau administrators and auditors read.
 */
@RestController
@RequestMapping("/api/billing/v1/tenants/{tenant}/allocations")
@Tag(name = "allocations", description = "Fund allocations (资金下达) and their amendments")
class AllocationController {

    private static final String WRITERS = "hasAnyRole('finance-officer','platform-admin')";
    private static final String READERS = "hasAnyRole('finance-officer','bureau-admin','auditor','platform-admin')";

    private final Allocations allocations;

    AllocationController(Allocations allocations) {
        this.allocations = allocations;
    }

    record AllocationRequest(@NotNull FundSource source,
            @NotNull @Min(2000) @Max(2100) Integer fiscalYear,
            @NotBlank @Size(max = 100) String documentNumber,
            @NotBlank @Size(max = 500) String purpose,
            @Schema(type = "string", example = "1200000.00")
            @NotNull @Positive @Digits(integer = Yuan.INTEGER_DIGITS, fraction = Yuan.SCALE) BigDecimal amount,
            @Schema(description = "unspent money at year end: CARRY_OVER (the default) or RETURN") YearEndRule yearEndRule) {
    }

    record AmendmentRequest(
            @Schema(type = "string", example = "1500000.00")
            @NotNull @Positive @Digits(integer = Yuan.INTEGER_DIGITS, fraction = Yuan.SCALE) BigDecimal newAmount,
            @NotBlank @Size(max = 500) String reason,
            @NotBlank @Size(max = 100) String documentNumber) {
    }

    record AllocationSummary(UUID id, String tenant, FundSource source, String sourceName, int fiscalYear,
            String documentNumber, String purpose, String originalAmount, String currentAmount, String createdBy,
            String createdByName, Instant createdAt) {

        static AllocationSummary of(Allocation a) {
            return new AllocationSummary(a.id(), TenantContext.require().value(), a.source(), a.source().label,
                    a.fiscalYear(), a.documentNumber(), a.purpose(), Yuan.format(a.originalAmount()),
                    Yuan.format(a.currentAmount()), a.createdBy(), a.createdByName(), a.createdAt());
        }
    }

    record AmendmentView(UUID id, int sequence, String previousAmount, String newAmount, String reason,
            String documentNumber, String createdBy, String createdByName, Instant createdAt) {

        static AmendmentView of(AllocationAmendment m) {
            return new AmendmentView(m.id(), m.sequence(), Yuan.format(m.previousAmount()),
                    Yuan.format(m.newAmount()), m.reason(), m.documentNumber(), m.createdBy(), m.createdByName(),
                    m.createdAt());
        }
    }

    record AllocationView(UUID id, String tenant, FundSource source, String sourceName, int fiscalYear,
            String documentNumber, String purpose, String originalAmount, String currentAmount,
            YearEndRule yearEndRule, String yearEndRuleName, String createdBy, String createdByName,
            Instant createdAt, List<AmendmentView> amendments) {

        static AllocationView of(Allocation a) {
            return new AllocationView(a.id(), TenantContext.require().value(), a.source(), a.source().label,
                    a.fiscalYear(), a.documentNumber(), a.purpose(), Yuan.format(a.originalAmount()),
                    Yuan.format(a.currentAmount()), a.yearEndRule(), a.yearEndRule().label, a.createdBy(),
                    a.createdByName(), a.createdAt(),
                    a.amendments().stream().map(AmendmentView::of).toList());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITERS)
    @Operation(summary = "Record a fund allocation")
    @MovesMoney
    AllocationView record(@PathVariable String tenant, @Valid @RequestBody AllocationRequest request) {
        var allocation = allocations.record(new Allocations.NewAllocation(request.source(), request.fiscalYear(),
                request.documentNumber().strip(), request.purpose().strip(), request.amount(), request.yearEndRule()),
                CurrentUser.get().subject());
        return AllocationView.of(allocation);
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "The tenant's allocations, newest fiscal year first")
    PageView<AllocationSummary> list(@PathVariable String tenant,
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer fiscalYear,
            @RequestParam(required = false) FundSource source,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        PageRequest request = PageRequest.of(page, size,
                Sort.by(Sort.Order.desc("fiscalYear"), Sort.Order.desc("createdAt"), Sort.Order.asc("id")));
        Page<Allocation> found = allocations.list(fiscalYear, source, request);
        return PageView.of(found, AllocationSummary::of);
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    @Operation(summary = "One allocation with its amendment history, oldest first")
    AllocationView get(@PathVariable String tenant, @PathVariable UUID id) {
        return AllocationView.of(allocations.get(id));
    }

    @PostMapping("/{id}/amendments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITERS)
    @Operation(summary = "Amend the allocation's amount; the previous amount stays on record")
    @MovesMoney
    AllocationView amend(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody AmendmentRequest request) {
        var allocation = allocations.amend(id, new Allocations.Amendment(request.newAmount(), request.reason().strip(),
                request.documentNumber().strip()), CurrentUser.get().subject());
        return AllocationView.of(allocation);
    }
}
