package org.warmnest.care.visit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.platform.catalogue.ServiceItem;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.sql.SqlValues;
import org.warmnest.platform.tenancy.TenantContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What billing-service may price and pay: the services of verified visits, for one contractor in this district
 * (the path's tenant), optionally one program, in a period. Each line carries its billing key, which stays the
 * same through amendments: billing pays a key at most once (its own unique constraint), so a corrected visit is
 * never paid twice. Only the visit that stands is listed: an original until its amendment is verified, then the
 * amendment. Services only (client credentials); users never reach {@code /internal}.
 */
@RestController
@RequestMapping("/internal/v1/tenants/{tenant}/billable-records")
@Tag(name = "internal", description = "Service-to-service APIs")
class BillableRecords {

    private final EntityManager em;

    BillableRecords(EntityManager em) {
        this.em = em;
    }

    /**
     * One service delivered. {@code status}: VERIFIED, or RECORDED (awaiting review, listed only when asked, so
     * that billing can show what it could not pay yet). {@code elderEnrolled}: whether the elder was enrolled in
     * the visit's program on the day (billing excludes those who were not).
     */
    record BillableRecord(UUID billingKey, UUID recordId, UUID visitId, UUID amends, UUID elderId,
            UUID contractorId, UUID programId, String district, ServiceItem serviceItem, int quantity,
            LocalDate performedOn, String status, Instant verifiedAt, String verifiedBy, boolean elderEnrolled) {
    }

    /** A page of lines in billing-key order; pass the last key as {@code after} for the next. */
    record Page(List<BillableRecord> records, UUID nextAfter) {
    }

    @GetMapping
    @PreAuthorize("hasRole('service')")
    @Transactional(readOnly = true)
    @Operation(summary = "Verified services of a contractor (and program) in a period, for billing; with "
            + "includeUnverified, those awaiting review too")
    Page list(@PathVariable String tenant, @RequestParam UUID contractorId,
            @RequestParam(required = false) UUID programId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) UUID after,
            @RequestParam(defaultValue = "false") boolean includeUnverified,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(5000) int limit) {
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "before-from");
        }
        String district = TenantContext.require().value();
        List<?> rows = em.createNativeQuery("select s.billing_key, s.id, v.id, v.amends_id, v.elder_id,"
                + " v.contractor_id, v.program_id, s.service_item, s.quantity, v.performed_on, v.reviewed_at,"
                + " v.reviewed_by, v.status, exists (select 1 from program_enrollment e where e.elder_id = v.elder_id"
                + "   and e.program_id = v.program_id and e.enrolled_on <= v.performed_on"
                + "   and (e.left_on is null or e.left_on >= v.performed_on))"
                + " from visit v join visit_service s on s.visit_id = v.id"
                + " where v.status in (:statuses) and v.contractor_id = :c"
                + " and (cast(:p as uuid) is null or v.program_id = :p)"
                + " and v.performed_on between :from and :to"
                + " and (cast(:after as uuid) is null or s.billing_key > :after)"
                // a verified record before an amendment awaiting review with the same key: a page never ends
                // between them with the verified one left for the next page (which starts after the key)
                + " order by s.billing_key, (v.status = 'VERIFIED') desc limit :limit")
                .setParameter("c", contractorId).setParameter("p", programId).setParameter("from", from)
                .setParameter("to", to).setParameter("after", after).setParameter("limit", limit)
                .setParameter("statuses", includeUnverified ? List.of("VERIFIED", "RECORDED") : List.of("VERIFIED"))
                .getResultList();
        List<BillableRecord> records = rows.stream().map(r -> (Object[]) r).map(r -> new BillableRecord(
                (UUID) r[0], (UUID) r[1], (UUID) r[2], (UUID) r[3], (UUID) r[4], (UUID) r[5], (UUID) r[6], district,
                ServiceItem.valueOf((String) r[7]), ((Number) r[8]).intValue(), date(r[9]), (String) r[12],
                SqlValues.instant(r[10]), (String) r[11], (Boolean) r[13])).toList();
        return new Page(records, records.size() < limit ? null : records.get(records.size() - 1).billingKey());
    }

    private static LocalDate date(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

}
