package org.warmnest.tenant.contractor;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
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
import org.warmnest.platform.web.PageView;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantCode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The platform-wide contractor registry (no tenant in the path): a contractor registered once by its unified
 * social credit code is engaged in as many tenants as hire it. Bureau administrators of any tenant register
 * contractors; an entry is changed only by the tenant that registered it, that tenant's city, or the platform
 * operator, from the version it read, and every registration and change is kept in the entry's history. Bureau,
 * finance and audit staff read them all, contractor staff their own only.
 */
@RestController
@RequestMapping("/api/tenants/v1/contractors")
@Validated
@Tag(name = "contractors", description = "Contractors registered by unified social credit code")
class ContractorController {

    private static final String REGISTRARS = "hasAnyRole('platform-admin','bureau-admin')";
    private static final String HISTORY_READERS = "hasAnyRole('platform-admin','bureau-admin','auditor')";
    private static final String READERS = "hasAnyRole('platform-admin','bureau-admin','contractor-manager',"
            + "'care-worker','finance-officer','auditor')";
    /** billing-service reads the contractor a contract names. */
    private static final String ONE_READERS = "hasAnyRole('platform-admin','bureau-admin','contractor-manager',"
            + "'care-worker','finance-officer','auditor','service')";

    private final ContractorRepository contractors;
    private final ContractorChanges changes;
    private final Clock clock;

    ContractorController(ContractorRepository contractors, ContractorChanges changes, Clock clock) {
        this.contractors = contractors;
        this.changes = changes;
        this.clock = clock;
    }

    record ContactRequest(@NotBlank @Size(max = 50) String name, @Size(max = 50) String role,
            @Pattern(regexp = "^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$") String phone,
            @Email @Size(max = 100) String email) {
    }

    record QualificationRequest(@NotBlank @Size(max = 100) String name, @Size(max = 64) String number,
            @Size(max = 100) String issuer, LocalDate validUntil) {
    }

    record RegisterContractor(@NotNull @ValidUscc String uscc, @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 50) String legalRepresentative,
            @Size(max = 20) List<@NotNull @Valid ContactRequest> contacts,
            @Size(max = 50) List<@NotNull @Valid QualificationRequest> qualifications) {
    }

    /** {@code version}: the entry's version as read; a change made meanwhile is {@code 409 contractor-modified}. */
    record DescribeContractor(@NotNull @Min(0) Long version, @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 50) String legalRepresentative,
            @Size(max = 20) List<@NotNull @Valid ContactRequest> contacts,
            @Size(max = 50) List<@NotNull @Valid QualificationRequest> qualifications) {
    }

    record ContactView(String name, String role, String phone, String email) {
    }

    record QualificationView(String name, String number, String issuer, LocalDate validUntil) {
    }

    record ContractorView(UUID id, String uscc, String name, String legalRepresentative,
            List<ContactView> contacts, List<QualificationView> qualifications, String registeredByTenant,
            Instant createdAt, Instant updatedAt, long version) {

        static ContractorView of(Contractor c) {
            return new ContractorView(c.id(), c.uscc(), c.name(), c.legalRepresentative(),
                    c.contacts().stream().map(k -> new ContactView(k.name(), k.role(), k.phone(), k.email())).toList(),
                    c.qualifications().stream()
                            .map(q -> new QualificationView(q.name(), q.number(), q.issuer(), q.validUntil())).toList(),
                    c.registeredByTenant(), c.createdAt(), c.updatedAt(), c.version());
        }
    }

    record ContractorSummary(UUID id, String uscc, String name, String legalRepresentative) {

        static ContractorSummary of(Contractor c) {
            return new ContractorSummary(c.id(), c.uscc(), c.name(), c.legalRepresentative());
        }
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    @Operation(summary = "Find contractors by unified social credit code or by part of the name")
    PageView<ContractorSummary> list(@RequestParam(required = false) @Size(max = 18) String uscc,
            @RequestParam(required = false) @Size(max = 100) String name,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by("name", "id"));
        Optional<UUID> own = CurrentUser.get().contractorId();
        Page<Contractor> found;
        if (own.isPresent()) {
            List<Contractor> mine = contractors.findById(own.get())
                    .filter(c -> uscc == null || uscc.isBlank() || c.uscc().equals(uscc.strip()))
                    .filter(c -> name == null || name.isBlank() || c.name().contains(name.strip()))
                    .map(List::of).orElse(List.of());
            found = new PageImpl<>(page == 0 ? mine : List.of(), request, mine.size());
        } else if (uscc != null && !uscc.isBlank()) {
            found = contractors.findByUscc(uscc.strip(), request);
        } else if (name != null && !name.isBlank()) {
            found = contractors.findByNameContaining(name.strip(), request);
        } else {
            found = contractors.findAll(request);
        }
        return PageView.of(found, ContractorSummary::of);
    }

    @GetMapping("/{id}")
    @PreAuthorize(ONE_READERS)
    @Transactional(readOnly = true)
    ContractorView get(@PathVariable UUID id) {
        return ContractorView.of(find(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(REGISTRARS)
    @Transactional
    @Operation(summary = "Register a contractor (platform or bureau administrators)")
    ContractorView register(@Valid @RequestBody RegisterContractor request) {
        if (contractors.existsByUscc(request.uscc())) {
            throw ProblemException.conflict("contractor-uscc-taken", request.uscc());
        }
        CurrentUser user = CurrentUser.get();
        Instant now = clock.instant();
        Contractor c = new Contractor(UUID.randomUUID(), new Uscc(request.uscc()),
                user.tenant().map(TenantCode::value).orElse(null), user.username(), now);
        c.describe(request.name().strip(), request.legalRepresentative().strip(), contacts(request.contacts()),
                qualifications(request.qualifications()), now);
        Contractor saved = contractors.saveAndFlush(c);
        changes.record(saved.id(), saved.version(), ContractorChanges.Action.REGISTERED, now, user, null,
                ContractorChanges.Description.of(saved));
        return ContractorView.of(saved);
    }

    /** The code is the contractor's identity for life (终身不变), so only its description changes. */
    @PutMapping("/{id}")
    @PreAuthorize(REGISTRARS)
    @Transactional
    @Operation(summary = "Change a contractor's description (the registering tenant, its city or the platform)")
    ContractorView describe(@PathVariable UUID id, @Valid @RequestBody DescribeContractor request) {
        CurrentUser user = CurrentUser.get();
        Contractor c = find(id);
        mayDescribe(user, c);
        if (request.version() != c.version()) {
            throw ProblemException.conflict("contractor-modified", id, c.version());
        }
        ContractorChanges.Description before = ContractorChanges.Description.of(c);
        Instant now = clock.instant();
        c.describe(request.name().strip(), request.legalRepresentative().strip(), contacts(request.contacts()),
                qualifications(request.qualifications()), now);
        // a change made between the read above and this write fails on the row's version (409 as well)
        Contractor saved = contractors.saveAndFlush(c);
        // every saved change is a new version, and every version has its record
        changes.record(saved.id(), saved.version(), ContractorChanges.Action.CHANGED, now, user, before,
                ContractorChanges.Description.of(saved));
        return ContractorView.of(saved);
    }

    @GetMapping("/{id}/changes")
    @PreAuthorize(HISTORY_READERS)
    @Transactional(readOnly = true)
    @Operation(summary = "The entry's history: every registration and change, who, when, before and after")
    List<ContractorChanges.Change> changes(@PathVariable UUID id) {
        return changes.of(find(id).id());
    }

    /**
     * The platform-wide entry belongs to the tenant that registered it: that tenant's bureau changes it, and so
     * does its city's (a city's bureau administers its districts); a sibling district or another city only reads
     * it. An entry the platform registered is the platform's.
     */
    private static void mayDescribe(CurrentUser user, Contractor c) {
        if (user.isPlatformAdmin()) {
            return;
        }
        boolean registeredWithin = c.registeredByTenant() != null && user.tenant()
                .map(home -> TenantCode.of(c.registeredByTenant()).isWithin(home)).orElse(false);
        if (!registeredWithin) {
            throw ProblemException.forbidden("contractor-edit-denied", c.id());
        }
    }

    /** Contractor staff read their own contractor's entry only; another's is not found, so ids do not leak. */
    private Contractor find(UUID id) {
        Optional<UUID> own = CurrentUser.get().contractorId();
        return contractors.findById(id).filter(c -> own.map(c.id()::equals).orElse(true))
                .orElseThrow(() -> ProblemException.notFound("contractor-not-found", id));
    }

    private static List<Contact> contacts(List<ContactRequest> requests) {
        return requests == null ? List.of()
                : requests.stream().map(r -> new Contact(r.name().strip(), r.role(), r.phone(), r.email())).toList();
    }

    private static List<Qualification> qualifications(List<QualificationRequest> requests) {
        return requests == null ? List.of()
                : requests.stream()
                        .map(r -> new Qualification(r.name().strip(), r.number(), r.issuer(), r.validUntil())).toList();
    }
}
