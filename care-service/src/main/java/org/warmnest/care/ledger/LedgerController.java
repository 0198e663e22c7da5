package org.warmnest.care.ledger;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.warmnest.care.elder.Category;
import org.warmnest.care.elder.ElderRoles;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.web.PageView;

import org.springdoc.core.annotations.ParameterObject;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The ledgers (台账) a civil-affairs bureau prints and files, for a period (inclusive days, China time) and
 * optionally a street, community or grid: each as pages of JSON, its figures, and an XLSX workbook with Chinese
 * headers (the ledger, and its figures on a second sheet; at most 50,000 rows). Contractor staff see their
 * contractor's rows only; the bureau and auditors the tenant's whole area.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/ledgers")
@Tag(name = "ledgers", description = "Ledgers (台账): visits, difficulties, hazards, supplies, alerts, follow-up lists")
class LedgerController {

    private final VisitsLedger visits;
    private final ConcernsLedger concerns;
    private final SuppliesLedger supplies;
    private final AlertsLedger alerts;
    private final FollowUpLedger followUps;

    LedgerController(VisitsLedger visits, ConcernsLedger concerns, SuppliesLedger supplies, AlertsLedger alerts,
            FollowUpLedger followUps) {
        this.visits = visits;
        this.concerns = concerns;
        this.supplies = supplies;
        this.alerts = alerts;
        this.followUps = followUps;
    }

    // 探访台账

    @GetMapping("/visits")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Visits ledger (探访台账): the visits that stand in the period, amendments in place of originals")
    PageView<VisitsLedger.Row> visits(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query, @RequestParam(required = false) UUID programId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        LedgerScope scope = query.scope();
        return view(visits.page(scope, programId, page * size, size), page, size);
    }

    @GetMapping("/visits/summary")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Visits ledger figures: visits by mode, elders visited, minutes")
    VisitsLedger.Summary visitsSummary(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query, @RequestParam(required = false) UUID programId) {
        return visits.summary(query.scope(), programId);
    }

    @GetMapping("/visits/export")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Visits ledger as XLSX (探访台账, with a summary sheet)")
    ResponseEntity<StreamingResponseBody> exportVisits(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query, @RequestParam(required = false) UUID programId) {
        LedgerScope scope = query.scope();
        List<VisitsLedger.Row> rows = visits.page(scope, programId, 0, LedgerSql.EXPORT_LIMIT).rows();
        return XlsxExport.response(fileName("探访台账", scope), VisitsLedger.sheets(rows,
                visits.summary(scope, programId)));
    }

    // 困难诉求台账

    @GetMapping("/difficulties")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Difficulties ledger (困难诉求台账): difficulties found in the period and how they were handled")
    PageView<ConcernsLedger.Row> difficulties(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        LedgerScope scope = query.scope();
        return view(concerns.page(ConcernsLedger.Kind.DIFFICULTY, scope, page * size, size), page, size);
    }

    @GetMapping("/difficulties/summary")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Difficulties ledger figures: found, closed, open at the period's end, by category")
    ConcernsLedger.Summary difficultiesSummary(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query) {
        return concerns.summary(ConcernsLedger.Kind.DIFFICULTY,
                query.scope());
    }

    @GetMapping("/difficulties/export")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Difficulties ledger as XLSX (困难诉求台账, with a summary sheet)")
    ResponseEntity<StreamingResponseBody> exportDifficulties(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query) {
        return exportConcerns(ConcernsLedger.Kind.DIFFICULTY, "困难诉求台账",
                query.scope());
    }

    // 安全隐患台账

    @GetMapping("/hazards")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Hazards ledger (安全隐患台账): hazards found in the period and their rectification")
    PageView<ConcernsLedger.Row> hazards(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        LedgerScope scope = query.scope();
        return view(concerns.page(ConcernsLedger.Kind.HAZARD, scope, page * size, size), page, size);
    }

    @GetMapping("/hazards/summary")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Hazards ledger figures: found, rectified, open at the period's end, by category")
    ConcernsLedger.Summary hazardsSummary(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query) {
        return concerns.summary(ConcernsLedger.Kind.HAZARD,
                query.scope());
    }

    @GetMapping("/hazards/export")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Hazards ledger as XLSX (安全隐患台账, with a summary sheet)")
    ResponseEntity<StreamingResponseBody> exportHazards(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query) {
        return exportConcerns(ConcernsLedger.Kind.HAZARD, "安全隐患台账",
                query.scope());
    }

    // 物资发放台账

    @GetMapping("/supplies")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Supplies ledger (物资发放台账): each item handed over, with who signed for it")
    PageView<SuppliesLedger.Row> supplies(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        LedgerScope scope = query.scope();
        return view(supplies.page(scope, page * size, size), page, size);
    }

    @GetMapping("/supplies/summary")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Supplies ledger totals per item")
    SuppliesLedger.Summary suppliesSummary(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query) {
        return supplies.summary(query.scope());
    }

    @GetMapping("/supplies/export")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Supplies ledger as XLSX (物资发放台账, with the totals per item)")
    ResponseEntity<StreamingResponseBody> exportSupplies(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query) {
        LedgerScope scope = query.scope();
        List<SuppliesLedger.Row> rows = supplies.page(scope, 0, LedgerSql.EXPORT_LIMIT).rows();
        return XlsxExport.response(fileName("物资发放台账", scope), SuppliesLedger.sheets(rows,
                supplies.summary(scope)));
    }

    // 紧急情况台账

    @GetMapping("/alerts")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Alerts ledger (紧急情况台账): alerts raised in the period and the response times")
    PageView<AlertsLedger.Row> alerts(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        LedgerScope scope = query.scope();
        return view(alerts.page(scope, page * size, size), page, size);
    }

    @GetMapping("/alerts/summary")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Alerts ledger figures: by kind, minutes to acknowledge and to resolve, escalations")
    AlertsLedger.Summary alertsSummary(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query) {
        return alerts.summary(query.scope());
    }

    @GetMapping("/alerts/export")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Alerts ledger as XLSX (紧急情况台账, with a summary sheet)")
    ResponseEntity<StreamingResponseBody> exportAlerts(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query) {
        LedgerScope scope = query.scope();
        List<AlertsLedger.Row> rows = alerts.page(scope, 0, LedgerSql.EXPORT_LIMIT).rows();
        return XlsxExport.response(fileName("紧急情况台账", scope), AlertsLedger.sheets(rows, alerts.summary(scope)));
    }

    // 跟踪回访名单

    @GetMapping("/follow-ups")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Follow-up lists (跟踪回访名单) by elder category, the longest unvisited first")
    PageView<FollowUpLedger.Row> followUps(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query, @RequestParam(required = false) Category category,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        LedgerScope scope = query.scope();
        return view(followUps.page(scope, category, page * size, size), page, size);
    }

    @GetMapping("/follow-ups/summary")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Follow-up list figures per category: elders, visited in the period, not visited")
    List<FollowUpLedger.CategoryFigures> followUpsSummary(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query, @RequestParam(required = false) Category category) {
        return followUps.summary(query.scope(), category);
    }

    @GetMapping("/follow-ups/export")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Follow-up lists as XLSX (跟踪回访名单, with the figures per category)")
    ResponseEntity<StreamingResponseBody> exportFollowUps(@PathVariable String tenant,
            @Valid @ParameterObject LedgerQuery query, @RequestParam(required = false) Category category) {
        LedgerScope scope = query.scope();
        List<FollowUpLedger.Row> rows = followUps.page(scope, category, 0, LedgerSql.EXPORT_LIMIT).rows();
        return XlsxExport.response(fileName("跟踪回访名单", scope), FollowUpLedger.sheets(rows,
                followUps.summary(scope, category)));
    }

    private ResponseEntity<StreamingResponseBody> exportConcerns(ConcernsLedger.Kind kind, String name,
            LedgerScope scope) {
        List<ConcernsLedger.Row> rows = concerns.page(kind, scope, 0, LedgerSql.EXPORT_LIMIT).rows();
        return XlsxExport.response(fileName(name, scope), ConcernsLedger.sheets(kind, rows,
                concerns.summary(kind, scope)));
    }

    private static <T> PageView<T> view(Page<T> found, int page, int size) {
        return new PageView<>(found.rows(), page, size, found.total());
    }

    private static String fileName(String ledger, LedgerScope scope) {
        return ledger + "_" + scope.from() + "_" + scope.to();
    }
}
