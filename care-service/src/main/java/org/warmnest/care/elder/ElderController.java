package org.warmnest.care.elder;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One person, one file (一人一档): the elders of a tenant. Contractor staff see and change only their
 * contractor's elders. Platform operators have no access: elders' files are the bureau's, processed by its
 * contractors, and the platform is neither.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/elders")
@Tag(name = "elders", description = "Elders' files, their status, and the audited read of sensitive data")
class ElderController {

    private final ElderRegistry registry;
    private final ElderSearch search;
    private final IdNumberSearches idSearches;

    ElderController(ElderRegistry registry, ElderSearch search, IdNumberSearches idSearches) {
        this.registry = registry;
        this.search = search;
        this.idSearches = idSearches;
    }

    @GetMapping
    @PreAuthorize(ElderRoles.READERS)
    @Transactional // an exact-ID search writes its record to the trail
    @Operation(summary = "Search elders: name (part of it), category, area, risk, responsible person, status, "
            + "overdue work, or an exact ID number (bureau-admin, contractor-manager, care-worker only, with a "
            + "reason; recorded like a full read and limited per user: 429 id-search-rate-limited); paged and sorted")
    PageView<ElderView> list(@PathVariable String tenant, @Valid @ModelAttribute Criteria criteria,
            @RequestParam(defaultValue = "NAME") ElderSearch.Sort sort,
            @RequestParam(defaultValue = "false") boolean descending,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        PageView<Elder> found = search.search(filter(criteria), CurrentUser.get().contractorScope(), registry.today(),
                sort, descending, page, size);
        return new PageView<>(found.items().stream().map(registry::view).toList(), found.page(), found.size(),
                found.total());
    }

    /** The search filters, as query parameters; every one optional. */
    record Criteria(@Size(max = 50) String name, Category category, @Size(max = 32) String gridCode,
            @Size(max = 12) String communityCode, @Size(max = 9) String streetCode, RiskTier riskTier,
            @Size(max = 64) String responsible, Elder.Status status, Boolean anyStatus, Boolean overdue,
            @Size(max = 25) String idNumber, @Size(max = 200) String reason) {
    }

    /** The search's filter; an exact ID number is admitted, limited and recorded first (in the caller's transaction). */
    ElderSearch.Filter filter(Criteria c) {
        byte[] hash = null;
        if (c.idNumber() != null && !c.idNumber().isBlank()) {
            idSearches.checkAllowed(c.reason()); // before the number is even parsed: no answer tells an auditor anything
            hash = idNumberHash(c.idNumber());
            idSearches.admitAndRecord(hash, c.reason());
        }
        return new ElderSearch.Filter(c.name(), c.category(), c.gridCode(), c.communityCode(), c.streetCode(),
                c.riskTier(), c.responsible(), c.status(), Boolean.TRUE.equals(c.anyStatus()),
                Boolean.TRUE.equals(c.overdue()), hash);
    }

    @GetMapping("/{id}")
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    ElderView get(@PathVariable String tenant, @PathVariable UUID id) {
        return registry.view(registry.find(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Register an elder; contractor staff register for their contractor")
    ElderView register(@PathVariable String tenant, @Valid @RequestBody ElderRequest request) {
        return registry.view(registry.register(request));
    }

    @PutMapping("/{id}")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Change a file; the request carries the version read, and a stale one gets 409 elder-modified")
    ElderView update(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody ElderRequest request) {
        return registry.view(registry.update(id, request));
    }

    record StatusRequest(@NotNull Elder.Status status, LocalDate effectiveOn, @NotBlank @Size(max = 200) String reason,
            @NotNull Long version) {
    }

    @PostMapping("/{id}/status")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Moved, deceased, withdrawn or active again; kept in the status history")
    ElderView changeStatus(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody StatusRequest request) {
        return registry.view(registry.changeStatus(id, new ElderRegistry.StatusChange(request.status(),
                request.effectiveOn(), request.reason().strip(), request.version())));
    }

    @GetMapping("/{id}/status-history")
    @PreAuthorize(ElderRoles.READERS)
    List<ElderRegistry.StatusHistoryEntry> statusHistory(@PathVariable String tenant, @PathVariable UUID id) {
        return registry.statusHistory(id);
    }

    record RevealRequest(@NotBlank @Size(min = 2, max = 200) String reason) {
    }

    @PostMapping("/{id}/sensitive-data")
    @PreAuthorize(ElderRoles.REVEALERS)
    @Operation(summary = "The ID number and health details in full, with the reason; every such read is audited")
    ElderRegistry.SensitiveData reveal(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody RevealRequest request) {
        return registry.reveal(id, request.reason());
    }

    byte[] idNumberHash(String idNumber) {
        if (idNumber == null || idNumber.isBlank()) {
            return null;
        }
        try {
            return registry.hashOf(ResidentId.parse(idNumber, registry.today()));
        } catch (ResidentId.Invalid e) {
            throw ProblemException.invalid("idNumber", e.defect.code);
        }
    }
}
