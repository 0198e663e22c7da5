package org.warmnest.care.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.care.elder.ElderFiles;
import org.warmnest.care.elder.ElderRoles;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;

import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The programs an elder is served under (e.g. the 500 households of 温暖玉溪·呵护夕阳's first phase). Billing pays
 * for a program's services only to elders enrolled in it on the day of the service.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/elders/{elderId}/programs")
@io.swagger.v3.oas.annotations.tags.Tag(name = "care plans")
class EnrollmentController {

    private final ElderFiles elders;
    private final EntityManager em;
    private final java.time.Clock clock;

    EnrollmentController(ElderFiles elders, EntityManager em, java.time.Clock clock) {
        this.elders = elders;
        this.em = em;
        this.clock = clock;
    }

    record EnrollmentView(UUID programId, LocalDate enrolledOn, LocalDate leftOn) {
    }

    record EnrollRequest(@NotNull UUID programId, @NotNull LocalDate enrolledOn) {
    }

    record LeaveRequest(@NotNull LocalDate leftOn) {
    }

    @GetMapping
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    List<EnrollmentView> list(@PathVariable String tenant, @PathVariable UUID elderId) {
        elders.require(elderId);
        List<?> rows = em.createNativeQuery("select program_id, enrolled_on, left_on from program_enrollment"
                + " where elder_id = :e order by enrolled_on desc, program_id").setParameter("e", elderId)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new EnrollmentView((UUID) r[0], localDate(r[1]),
                localDate(r[2]))).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    @Transactional
    EnrollmentView enroll(@PathVariable String tenant, @PathVariable UUID elderId,
            @Valid @RequestBody EnrollRequest request) {
        elders.require(elderId);
        try {
            em.createNativeQuery("insert into program_enrollment (id, elder_id, program_id, enrolled_on, created_by,"
                    + " created_at, version) values (:id, :e, :p, :on, :by, :at, 0)")
                    .setParameter("id", UUID.randomUUID()).setParameter("e", elderId)
                    .setParameter("p", request.programId()).setParameter("on", request.enrolledOn())
                    .setParameter("by", CurrentUser.get().subject()).setParameter("at", clock.instant())
                    .executeUpdate();
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                throw ProblemException.conflict("already-enrolled", elderId, request.programId());
            }
            throw e;
        }
        return new EnrollmentView(request.programId(), request.enrolledOn(), null);
    }

    @PostMapping("/{programId}/leave")
    @PreAuthorize(ElderRoles.WRITERS)
    @Transactional
    EnrollmentView leave(@PathVariable String tenant, @PathVariable UUID elderId, @PathVariable UUID programId,
            @Valid @RequestBody LeaveRequest request) {
        elders.require(elderId);
        List<?> open = em.createNativeQuery("select enrolled_on from program_enrollment where elder_id = :e"
                + " and program_id = :p and left_on is null for update").setParameter("e", elderId)
                .setParameter("p", programId).getResultList();
        if (open.isEmpty()) {
            throw ProblemException.notFound("enrollment-not-found", elderId, programId);
        }
        LocalDate enrolledOn = localDate(open.get(0));
        if (request.leftOn().isBefore(enrolledOn)) {
            throw ProblemException.invalid("leftOn", "before-enrolment");
        }
        em.createNativeQuery("update program_enrollment set left_on = :l, version = version + 1 where elder_id = :e"
                + " and program_id = :p and left_on is null").setParameter("l", request.leftOn())
                .setParameter("e", elderId).setParameter("p", programId).executeUpdate();
        return new EnrollmentView(programId, enrolledOn, request.leftOn());
    }

    static LocalDate localDate(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
