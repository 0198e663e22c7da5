package org.warmnest.care.visit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.care.elder.ElderFiles;
import org.warmnest.care.elder.ElderRoles;
import org.warmnest.care.plan.ContactMode;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.persistence.criteria.Predicate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contacts and visits (探访关爱): recorded by workers, verified or sent back by a supervisor (a contractor manager
 * or the bureau, never the person who recorded it), corrected by amendments that keep the original.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}")
@Tag(name = "visits", description = "Contacts and home visits with what was done, their review and amendments")
class VisitController {

    /** Who reviews visits: the contractor's managers (督导) and the bureau. */
    static final String REVIEWERS = "hasAnyRole('bureau-admin','contractor-manager')";
    private static final TypeReference<List<VisitRequest.Supply>> SUPPLIES = new TypeReference<>() {
    };

    private final Visits visits;
    private final VisitRepository repository;
    private final ElderFiles elders;
    private final JsonMapper json;

    VisitController(Visits visits, VisitRepository repository, ElderFiles elders, JsonMapper json) {
        this.visits = visits;
        this.repository = repository;
        this.elders = elders;
        this.json = json;
    }

    record ReviewRequest(@Size(max = 500) String note) {
    }

    record AmendRequest(@NotNull @Valid VisitRequest visit, @NotBlank @Size(max = 500) String reason) {
    }

    record RevealRequest(@NotBlank @Size(min = 2, max = 200) String reason) {
    }

    @PostMapping("/elders/{elderId}/visits")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    VisitView record(@PathVariable String tenant, @PathVariable UUID elderId,
            @Valid @RequestBody VisitRequest request) {
        return view(visits.record(elderId, request).id());
    }

    @GetMapping("/visits/{id}")
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    VisitView one(@PathVariable String tenant, @PathVariable UUID id) {
        return view(id);
    }

    /**
     * Visits by day performed, newest first: of one elder, in a period, by status (RECORDED is the review queue),
     * mode or performer, or only those whose place looks wrong.
     */
    @GetMapping("/visits")
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    PageView<VisitView> search(@PathVariable String tenant, @RequestParam(required = false) UUID elderId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Visit.Status status, @RequestParam(required = false) ContactMode mode,
            @RequestParam(required = false) String performedBy,
            @RequestParam(defaultValue = "false") boolean flagged,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        if (elderId != null) {
            elders.require(elderId);
        }
        java.util.Optional<UUID> contractor = CurrentUser.get().contractorScope();
        Specification<Visit> spec = (root, q, cb) -> {
            List<Predicate> p = new ArrayList<>();
            contractor.ifPresent(c -> p.add(cb.equal(root.get("contractorId"), c)));
            if (elderId != null) {
                p.add(cb.equal(root.get("elderId"), elderId));
            }
            if (from != null) {
                p.add(cb.greaterThanOrEqualTo(root.get("performedOn"), from));
            }
            if (to != null) {
                p.add(cb.lessThanOrEqualTo(root.get("performedOn"), to));
            }
            if (status != null) {
                p.add(cb.equal(root.get("status"), status));
            }
            if (mode != null) {
                p.add(cb.equal(root.get("mode"), mode));
            }
            if (performedBy != null && !performedBy.isBlank()) {
                p.add(cb.equal(root.get("performedBy"), performedBy));
            }
            if (flagged) {
                p.add(cb.greaterThan(cb.function("cardinality", Integer.class, root.get("locationFlags")), 0));
            }
            return cb.and(p.toArray(Predicate[]::new));
        };
        Page<Visit> found = repository.findAll(spec, PageRequest.of(page, size,
                Sort.by(Sort.Order.desc("performedOn"), Sort.Order.desc("startedAt"), Sort.Order.asc("id"))));
        return PageView.of(found.map(v -> VisitView.of(v, List.of(), List.of(), supplies(v))),
                java.util.function.Function.identity());
    }

    @PostMapping("/visits/{id}/verify")
    @PreAuthorize(REVIEWERS)
    @Operation(summary = "Verify a recorded visit; from then on it never changes")
    VisitView verify(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody(required = false) ReviewRequest request) {
        return view(visits.review(id, true, request == null ? null : request.note()).id());
    }

    @PostMapping("/visits/{id}/reject")
    @PreAuthorize(REVIEWERS)
    @Operation(summary = "Send a recorded visit back with the reason; the worker corrects it by an amendment")
    VisitView reject(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody ReviewRequest request) {
        return view(visits.review(id, false, request.note()).id());
    }

    @PostMapping("/visits/{id}/amendments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Correct a visit: a new visit that supersedes it (at once if it was not yet verified, "
            + "else when the amendment is verified); the original is kept")
    VisitView amend(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody AmendRequest request) {
        return view(visits.amend(id, request.visit(), request.reason()).id());
    }

    @PostMapping("/visits/{id}/sensitive-data")
    @PreAuthorize(ElderRoles.REVEALERS)
    @Operation(summary = "Readings and medicines in full, with the reason; every such read is audited")
    Visits.SensitiveData reveal(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody RevealRequest request) {
        return visits.reveal(id, request.reason());
    }

    private VisitView view(UUID id) {
        Visit v = visits.one(id);
        return VisitView.of(v, visits.lines(id), visits.concerns(id), supplies(v));
    }

    private List<VisitRequest.Supply> supplies(Visit v) {
        return json.readValue(v.suppliesJson(), SUPPLIES);
    }
}
