package org.warmnest.care.visit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
import org.warmnest.care.elder.ElderRoles;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.Predicate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Hazards found in homes and difficulties elders raised, followed until closed (隐患整改, 诉求办理): each step is
 * kept and never changed. Contractor staff reach only their contractor's.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/concerns")
@Tag(name = "visits")
class ConcernController {

    private final ConcernRepository concerns;
    private final Visits visits;
    private final EntityManager em;
    private final java.time.Clock clock;

    ConcernController(ConcernRepository concerns, Visits visits, EntityManager em, java.time.Clock clock) {
        this.concerns = concerns;
        this.visits = visits;
        this.em = em;
        this.clock = clock;
    }

    record FollowUpRequest(UUID visitId, @NotNull LocalDate followedOn, @NotBlank @Size(max = 1000) String note,
            @NotNull Concern.Status status, @Size(max = 1000) String outcome) {
    }

    record FollowUpView(UUID id, UUID visitId, LocalDate followedOn, String note, Concern.Status statusAfter,
            String createdBy, Instant createdAt) {
    }

    record ConcernDetail(VisitView.ConcernView concern, UUID elderId, UUID visitId, List<FollowUpView> followUps) {
    }

    @GetMapping
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    PageView<VisitView.ConcernView> search(@PathVariable String tenant,
            @RequestParam(required = false) Concern.Kind kind, @RequestParam(required = false) Concern.Status status,
            @RequestParam(required = false) UUID elderId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        Optional<UUID> contractor = CurrentUser.get().contractorScope();
        Specification<Concern> spec = (root, q, cb) -> {
            List<Predicate> p = new ArrayList<>();
            contractor.ifPresent(c -> p.add(cb.equal(root.get("contractorId"), c)));
            if (kind != null) {
                p.add(cb.equal(root.get("kind"), kind));
            }
            if (status != null) {
                p.add(cb.equal(root.get("status"), status));
            }
            if (elderId != null) {
                p.add(cb.equal(root.get("elderId"), elderId));
            }
            if (from != null) {
                p.add(cb.greaterThanOrEqualTo(root.get("foundOn"), from));
            }
            if (to != null) {
                p.add(cb.lessThanOrEqualTo(root.get("foundOn"), to));
            }
            return cb.and(p.toArray(Predicate[]::new));
        };
        return PageView.of(concerns.findAll(spec, PageRequest.of(page, size,
                Sort.by(Sort.Order.desc("foundOn"), Sort.Order.asc("id")))), VisitView.ConcernView::of);
    }

    @GetMapping("/{id}")
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    ConcernDetail one(@PathVariable String tenant, @PathVariable UUID id) {
        return detail(find(id));
    }

    /** A step on the concern: in hand, or closed with the outcome (整改完成 / 已办结). Closed concerns stay closed. */
    @PostMapping("/{id}/follow-ups")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    @Transactional
    ConcernDetail followUp(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody FollowUpRequest request) {
        Concern c = find(id);
        em.refresh(c, LockModeType.PESSIMISTIC_WRITE);
        if (c.status() == Concern.Status.CLOSED) {
            throw ProblemException.conflict("concern-closed", id, c.closedOn());
        }
        if (request.status() == Concern.Status.OPEN) {
            throw ProblemException.invalid("status", "follow-up-status");
        }
        if (request.status() == Concern.Status.CLOSED
                && (request.outcome() == null || request.outcome().isBlank())) {
            throw ProblemException.invalid("outcome", "required");
        }
        if (request.followedOn().isBefore(c.foundOn())
                || request.followedOn().isAfter(LocalDate.now(clock.withZone(Visits.CHINA)))) {
            throw ProblemException.invalid("followedOn", "follow-up-date");
        }
        if (request.visitId() != null) {
            Visit v = visits.findInScope(request.visitId());
            if (!v.elderId().equals(c.elderId())) {
                throw ProblemException.invalid("visitId", "visit-of-another-elder");
            }
        }
        String by = CurrentUser.get().subject();
        c.progress(request.status(), request.followedOn(), by,
                request.outcome() == null ? null : request.outcome().strip());
        em.createNativeQuery("insert into concern_follow_up (id, concern_id, visit_id, followed_on, note,"
                + " status_after, created_by, created_at) values (:id, :c, :v, :on, :note, :s, :by, :at)")
                .setParameter("id", UUID.randomUUID()).setParameter("c", id)
                .setParameter("v", request.visitId()).setParameter("on", request.followedOn())
                .setParameter("note", request.note().strip()).setParameter("s", request.status().name())
                .setParameter("by", by).setParameter("at", clock.instant()).executeUpdate();
        concerns.flush();
        return detail(c);
    }

    private Concern find(UUID id) {
        Optional<UUID> contractor = CurrentUser.get().contractorScope();
        return concerns.findById(id).filter(c -> contractor.map(x -> x.equals(c.contractorId())).orElse(true))
                .orElseThrow(() -> ProblemException.notFound("concern-not-found", id));
    }

    private ConcernDetail detail(Concern c) {
        List<?> rows = em.createNativeQuery("select id, visit_id, followed_on, note, status_after, created_by,"
                + " created_at from concern_follow_up where concern_id = :c order by created_at, id")
                .setParameter("c", c.id()).getResultList();
        List<FollowUpView> steps = rows.stream().map(r -> (Object[]) r).map(r -> new FollowUpView((UUID) r[0],
                (UUID) r[1], r[2] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[2], (String) r[3],
                Concern.Status.valueOf((String) r[4]), (String) r[5],
                r[6] instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) r[6])).toList();
        return new ConcernDetail(VisitView.ConcernView.of(c), c.elderId(), c.visitId(), steps);
    }
}
