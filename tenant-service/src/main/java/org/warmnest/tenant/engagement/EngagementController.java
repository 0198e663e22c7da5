package org.warmnest.tenant.engagement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
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
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.tenant.contractor.ContractorRegistry;
import org.warmnest.tenant.program.ProgramCatalog;
import org.warmnest.tenant.program.ProgramCatalog.ProgramInfo;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Contractors engaged in the tenant for a program of the tenant or of its city. Contractor staff see only
 * their own contractor's engagements.
 */
@RestController
@RequestMapping("/api/tenants/v1/tenants/{tenant}/engagements")
@Tag(name = "engagements", description = "Contractors engaged in a tenant for a program")
class EngagementController {

    private static final String WRITERS = "hasAnyRole('platform-admin','bureau-admin')";
    private static final String READERS = "hasAnyRole('platform-admin','bureau-admin','contractor-manager',"
            + "'care-worker','finance-officer','auditor')";
    /** billing-service checks that a contract's contractor is engaged for its program in each district. */
    private static final String LIST_READERS = "hasAnyRole('platform-admin','bureau-admin','contractor-manager',"
            + "'care-worker','finance-officer','auditor','service')";

    private final EngagementRepository engagements;
    private final ContractorRegistry contractors;
    private final ProgramCatalog programs;
    private final EngagementChanges changes;
    private final Clock clock;

    EngagementController(EngagementRepository engagements, ContractorRegistry contractors, ProgramCatalog programs,
            EngagementChanges changes, Clock clock) {
        this.engagements = engagements;
        this.contractors = contractors;
        this.programs = programs;
        this.changes = changes;
        this.clock = clock;
    }

    record EngageContractor(@NotNull UUID contractorId, @NotNull @Pattern(regexp = "^[0-9]{6}$") String programOwner,
            @NotNull UUID programId, @NotNull LocalDate startDate, LocalDate endDate) {
    }

    record ScheduleEngagement(@NotNull LocalDate startDate, LocalDate endDate, @NotNull Engagement.Status status) {
    }

    record EngagementView(UUID id, UUID contractorId, String programOwner, UUID programId, LocalDate startDate,
            LocalDate endDate, Engagement.Status status, Instant createdAt, Instant updatedAt, long version) {

        static EngagementView of(Engagement e) {
            return new EngagementView(e.id(), e.contractorId(), e.programOwner(), e.programId(), e.startDate(),
                    e.endDate(), e.status(), e.createdAt(), e.updatedAt(), e.version());
        }
    }

    /** The services ask for one contractor's engagements ({@code contractorId}) before its staff act here. */
    @GetMapping
    @PreAuthorize(LIST_READERS)
    @Transactional(readOnly = true)
    List<EngagementView> list(@PathVariable String tenant, @RequestParam(required = false) UUID contractorId) {
        Sort sort = Sort.by(Sort.Order.desc("startDate"), Sort.Order.asc("id"));
        Optional<UUID> own = contractor();
        if (own.isPresent() && contractorId != null && !own.get().equals(contractorId)) {
            return List.of();
        }
        Optional<UUID> only = own.or(() -> Optional.ofNullable(contractorId));
        return only.map(c -> engagements.findByContractorId(c, sort)).orElseGet(() -> engagements.findAll(sort))
                .stream().map(EngagementView::of).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    EngagementView get(@PathVariable String tenant, @PathVariable UUID id) {
        return EngagementView.of(find(id));
    }

    // No transaction around the whole request: the program is read as its owner in a transaction of its own,
    // and holding this tenant's connection while waiting for a second one could exhaust the pool.
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITERS)
    EngagementView engage(@PathVariable String tenant, @Valid @RequestBody EngageContractor request) {
        TenantCode here = TenantContext.require();
        checkDates(request.startDate(), request.endDate(), Engagement.Status.ACTIVE);
        if (!TenantCode.isValid(request.programOwner())) {
            throw ProblemException.invalid("programOwner", "tenant-code-invalid");
        }
        TenantCode owner = TenantCode.of(request.programOwner());
        if (!owner.equals(here) && !owner.equals(here.city())) {
            throw unprocessable("engagement-program-out-of-scope", owner.value());
        }
        if (!contractors.isRegistered(request.contractorId())) {
            throw unprocessable("engagement-contractor-unknown", request.contractorId());
        }
        ProgramInfo program = programs.find(owner, request.programId())
                .orElseThrow(() -> unprocessable("engagement-program-unknown", request.programId(), owner.value()));
        if (!program.covers(here)) {
            throw unprocessable("engagement-program-not-covering", program.name(), here.value());
        }
        if (engagements.existsByContractorIdAndProgramOwnerAndProgramIdAndStatus(request.contractorId(),
                owner.value(), program.id(), Engagement.Status.ACTIVE)) {
            throw ProblemException.conflict("engagement-duplicate");
        }
        Instant now = clock.instant();
        Engagement e = new Engagement(UUID.randomUUID(), request.contractorId(), owner.value(), program.id(), now);
        e.schedule(request.startDate(), request.endDate(), Engagement.Status.ACTIVE, now);
        EngagementView engaged = EngagementView.of(engagements.saveAndFlush(e));
        changes.changed(here, e.contractorId());
        return engaged;
    }

    /** Dates and status only: another contractor or program is another engagement. */
    @PutMapping("/{id}")
    @PreAuthorize(WRITERS)
    @Transactional
    EngagementView schedule(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody ScheduleEngagement request) {
        Engagement e = find(id);
        checkDates(request.startDate(), request.endDate(), request.status());
        if (request.status() == Engagement.Status.ACTIVE && e.status() == Engagement.Status.ENDED
                && engagements.existsByContractorIdAndProgramOwnerAndProgramIdAndStatus(e.contractorId(),
                        e.programOwner(), e.programId(), Engagement.Status.ACTIVE)) {
            throw ProblemException.conflict("engagement-duplicate");
        }
        e.schedule(request.startDate(), request.endDate(), request.status(), clock.instant());
        changes.changed(TenantContext.require(), e.contractorId());
        return EngagementView.of(engagements.saveAndFlush(e));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(WRITERS)
    @Transactional
    void remove(@PathVariable String tenant, @PathVariable UUID id) {
        Engagement e = find(id);
        engagements.delete(e);
        changes.changed(TenantContext.require(), e.contractorId());
    }

    private static void checkDates(LocalDate start, LocalDate end, Engagement.Status status) {
        if (end != null && end.isBefore(start)) {
            throw ProblemException.invalid("endDate", "date-order");
        }
        if (status == Engagement.Status.ENDED && end == null) {
            throw ProblemException.invalid("endDate", "end-date-required");
        }
    }

    private Engagement find(UUID id) {
        Optional<Engagement> found = contractor().map(c -> engagements.findByIdAndContractorId(id, c))
                .orElseGet(() -> engagements.findById(id));
        return found.orElseThrow(() -> ProblemException.notFound("engagement-not-found", id));
    }

    private static Optional<UUID> contractor() {
        return CurrentUser.get().contractorId();
    }

    private static ProblemException unprocessable(String code, Object... args) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, code, args);
    }
}
