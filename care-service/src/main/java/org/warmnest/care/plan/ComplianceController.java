package org.warmnest.care.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.warmnest.care.elder.ElderFiles;
import org.warmnest.care.elder.ElderRoles;
import org.warmnest.platform.catalogue.ServiceItem;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.sql.SqlValues;
import org.warmnest.platform.tenancy.DistrictReads;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.persistence.EntityManager;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Cadence compliance (what was due, done and overdue), the overdue list and supervision findings. Contractor
 * staff see their contractor's elders only; a city's bureau sees its districts side by side.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}")
@Tag(name = "compliance", description = "Cadence compliance, overdue contacts and supervision findings (督查)")
class ComplianceController {

    private static final String REVIEWERS = "hasAnyRole('bureau-admin','contractor-manager')";
    private static final String CITY_READERS = "hasAnyRole('bureau-admin','auditor')";

    private final Compliance compliance;
    private final ElderFiles elders;
    private final DistrictReads districts;
    private final EntityManager em;
    private final java.time.Clock clock;

    ComplianceController(Compliance compliance, ElderFiles elders, DistrictReads districts, EntityManager em,
            java.time.Clock clock) {
        this.compliance = compliance;
        this.elders = elders;
        this.districts = districts;
        this.em = em;
        this.clock = clock;
    }

    record WindowView(UUID planItemId, ServiceItem serviceItem, String serviceItemLabel, String cadenceLabel,
            LocalDate from, LocalDate to, int due, int done, CadenceEngine.State state) {

        static WindowView of(CadenceEngine.Result r) {
            return new WindowView(r.item().id(), r.item().serviceItem(), r.item().serviceItem().label,
                    CadenceSpec.describe(r.item().cadence()), r.from(), r.to(), r.due(), r.done(), r.state());
        }
    }

    record OverdueView(UUID elderId, String elderName, UUID planItemId, ServiceItem serviceItem,
            String serviceItemLabel, LocalDate from, LocalDate to, int due, int done, String responsibleName,
            String gridCode, UUID contractorId) {

        static OverdueView of(CadenceEngine.Result r) {
            CadenceEngine.Item i = r.item();
            return new OverdueView(i.elderId(), i.elderName(), i.id(), i.serviceItem(), i.serviceItem().label,
                    r.from(), r.to(), r.due(), r.done(), i.responsibleName(), i.gridCode(), i.contractorId());
        }
    }

    record DistrictRows(String district, List<Compliance.Row> rows) {
    }

    record FindingView(UUID id, UUID planItemId, UUID elderId, UUID contractorId, LocalDate windowFrom,
            LocalDate windowTo, int due, int done, String status, String explanation, String resolvedBy,
            Instant resolvedAt, Instant foundAt, long version) {
    }

    record ScanRequest(@NotNull LocalDate from, @NotNull LocalDate to) {
    }

    record ScanResult(int newFindings) {
    }

    record ExplainRequest(@NotBlank @Size(max = 1000) String explanation, @NotNull Long version) {
    }

    /** Each window of each of the elder's plan items ending in the period, with what was done. */
    @GetMapping("/elders/{elderId}/plan/status")
    @PreAuthorize(ElderRoles.READERS)
    List<WindowView> elderStatus(@PathVariable String tenant, @PathVariable UUID elderId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        elders.require(elderId);
        return compliance.status(elderId, from, to).stream().map(WindowView::of).toList();
    }

    /** Compliance in the period, grouped; the least compliant first. */
    @GetMapping("/compliance")
    @PreAuthorize(ElderRoles.READERS)
    List<Compliance.Row> compliance(@PathVariable String tenant,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "WORKER") Compliance.By by) {
        return compliance.compliance(from, to, by, CurrentUser.get().contractorScope());
    }

    @GetMapping("/compliance/export")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Compliance as XLSX (探访频次落实情况)")
    ResponseEntity<StreamingResponseBody> exportCompliance(@PathVariable String tenant,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "WORKER") Compliance.By by) {
        List<Compliance.Row> rows = compliance.compliance(from, to, by, CurrentUser.get().contractorScope());
        return XlsxExport.response("服务频次落实情况_" + from + "_" + to, "落实情况", List.of(
                XlsxExport.Column.<Compliance.Row>of(GROUP_HEADERS.get(by), Compliance.Row::name),
                XlsxExport.Column.<Compliance.Row>of("代码", Compliance.Row::key),
                XlsxExport.Column.<Compliance.Row>of("服务老人数", Compliance.Row::elders),
                XlsxExport.Column.<Compliance.Row>of("应服务次数", Compliance.Row::due),
                XlsxExport.Column.<Compliance.Row>of("已服务次数", Compliance.Row::done),
                XlsxExport.Column.<Compliance.Row>of("逾期项数", Compliance.Row::overdueWindows),
                XlsxExport.Column.<Compliance.Row>of("缺失次数", Compliance.Row::missed),
                XlsxExport.Column.<Compliance.Row>of("落实率", r -> r.rate() == null ? "—"
                        : String.format("%.2f%%", r.rate() * 100))), rows);
    }

    private static final Map<Compliance.By, String> GROUP_HEADERS = Map.of(Compliance.By.WORKER, "责任人",
            Compliance.By.GRID, "网格", Compliance.By.COMMUNITY, "社区", Compliance.By.STREET, "街道",
            Compliance.By.CONTRACTOR, "服务机构", Compliance.By.DISTRICT, "区县");

    /** A city's districts side by side, each district's compliance grouped as asked (by district if not). */
    @GetMapping("/compliance/by-district")
    @PreAuthorize(CITY_READERS)
    List<DistrictRows> byDistrict(@PathVariable String tenant,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "DISTRICT") Compliance.By by) {
        Compliance.checkPeriod(from, to);
        TenantCode city = TenantContext.require();
        return districts.forEachDistrict(city, d -> compliance.compliance(from, to, by, Optional.empty()))
                .entrySet().stream().map(e -> new DistrictRows(e.getKey().value(), e.getValue())).toList();
    }

    /** The windows that ended unmet, elder by elder. */
    @GetMapping("/compliance/overdue")
    @PreAuthorize(ElderRoles.READERS)
    PageView<OverdueView> overdue(@PathVariable String tenant,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Compliance.Overdue found = compliance.overdue(from, to, CurrentUser.get().contractorScope(), page * size,
                size);
        return new PageView<>(found.results().stream().map(OverdueView::of).toList(), page, size, found.total());
    }

    @GetMapping("/compliance/overdue/export")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "The overdue list as XLSX (at most 50,000 rows)")
    ResponseEntity<StreamingResponseBody> exportOverdue(@PathVariable String tenant,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        List<OverdueView> rows = compliance.overdue(from, to, CurrentUser.get().contractorScope(), 0, 50_000)
                .results().stream().map(OverdueView::of).toList();
        return XlsxExport.response("逾期未完成服务_" + from + "_" + to, "逾期清单", List.of(
                XlsxExport.Column.<OverdueView>of("老人", OverdueView::elderName),
                XlsxExport.Column.<OverdueView>of("网格", OverdueView::gridCode),
                XlsxExport.Column.<OverdueView>of("服务项目", OverdueView::serviceItemLabel),
                XlsxExport.Column.<OverdueView>of("起", OverdueView::from),
                XlsxExport.Column.<OverdueView>of("止", OverdueView::to),
                XlsxExport.Column.<OverdueView>of("应服务", OverdueView::due),
                XlsxExport.Column.<OverdueView>of("已服务", OverdueView::done),
                XlsxExport.Column.<OverdueView>of("责任人", OverdueView::responsibleName),
                XlsxExport.Column.<OverdueView>of("老人档案", OverdueView::elderId)), rows);
    }

    @GetMapping("/supervision-findings")
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    PageView<FindingView> findings(@PathVariable String tenant, @RequestParam(required = false) String status,
            @RequestParam(required = false) UUID elderId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Optional<UUID> contractor = CurrentUser.get().contractorScope();
        String where = " where (cast(:s as text) is null or status = :s)"
                + " and (cast(:c as uuid) is null or contractor_id = :c)"
                + " and (cast(:e as uuid) is null or elder_id = :e)";
        long total = ((Number) bind(em.createNativeQuery("select count(*) from supervision_finding" + where),
                status, contractor.orElse(null), elderId).getSingleResult()).longValue();
        List<?> rows = bind(em.createNativeQuery("select id, plan_item_id, elder_id, contractor_id, window_from,"
                + " window_to, due, done, status, explanation, resolved_by, resolved_at, found_at, version"
                + " from supervision_finding" + where + " order by window_to desc, id limit :l offset :o"),
                status, contractor.orElse(null), elderId).setParameter("l", size).setParameter("o", page * size)
                .getResultList();
        return new PageView<>(rows.stream().map(r -> finding((Object[]) r)).toList(), page, size, total);
    }

    /** Overdue windows ending in the period become findings (each once); run nightly for yesterday too. */
    @PostMapping("/supervision-findings/scan")
    @PreAuthorize(REVIEWERS)
    ScanResult scan(@PathVariable String tenant, @Valid @RequestBody ScanRequest request) {
        Compliance.checkPeriod(request.from(), request.to());
        return new ScanResult(compliance.scan(request.from(), request.to()));
    }

    /** The contractor's (or bureau's) explanation of a finding. */
    @PostMapping("/supervision-findings/{id}/explain")
    @PreAuthorize(ElderRoles.WRITERS)
    @Transactional
    FindingView explain(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody ExplainRequest request) {
        return transition(id, request.version(), "OPEN", "EXPLAINED", request.explanation());
    }

    /** The bureau (or the contractor's manager) closes a finding, explained or not, with a note. */
    @PostMapping("/supervision-findings/{id}/close")
    @PreAuthorize(REVIEWERS)
    @Transactional
    FindingView close(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody ExplainRequest request) {
        return transition(id, request.version(), null, "CLOSED", request.explanation());
    }

    private FindingView transition(UUID id, long version, String fromStatus, String toStatus, String text) {
        FindingView current = one(id);
        if ("CLOSED".equals(current.status()) || (fromStatus != null && !fromStatus.equals(current.status()))) {
            throw ProblemException.conflict("finding-transition-invalid", id, current.status());
        }
        int updated = em.createNativeQuery("update supervision_finding set status = :to, explanation = :x,"
                + " resolved_by = :by, resolved_at = :at, version = version + 1 where id = :id and version = :v")
                .setParameter("to", toStatus).setParameter("x", text.strip())
                .setParameter("by", CurrentUser.get().subject()).setParameter("at", clock.instant())
                .setParameter("id", id).setParameter("v", version).executeUpdate();
        if (updated == 0) {
            throw ProblemException.conflict("finding-modified", id, current.version());
        }
        return one(id);
    }

    private FindingView one(UUID id) {
        Optional<UUID> contractor = CurrentUser.get().contractorScope();
        List<?> rows = em.createNativeQuery("select id, plan_item_id, elder_id, contractor_id, window_from,"
                + " window_to, due, done, status, explanation, resolved_by, resolved_at, found_at, version"
                + " from supervision_finding where id = :id and (cast(:c as uuid) is null or contractor_id = :c)")
                .setParameter("id", id).setParameter("c", contractor.orElse(null)).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("finding-not-found", id);
        }
        return finding((Object[]) rows.get(0));
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query q, String status, UUID contractor,
            UUID elder) {
        return q.setParameter("s", status).setParameter("c", contractor).setParameter("e", elder);
    }

    private static FindingView finding(Object[] r) {
        return new FindingView((UUID) r[0], (UUID) r[1], (UUID) r[2], (UUID) r[3], EnrollmentController.localDate(r[4]),
                EnrollmentController.localDate(r[5]), ((Number) r[6]).intValue(), ((Number) r[7]).intValue(),
                (String) r[8], (String) r[9], (String) r[10], SqlValues.instant(r[11]), SqlValues.instant(r[12]),
                ((Number) r[13]).longValue());
    }

}
