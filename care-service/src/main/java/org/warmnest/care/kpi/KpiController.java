package org.warmnest.care.kpi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.sheet.XlsxExport.Column;
import org.warmnest.platform.tenancy.DistrictReads;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The KPIs a bureau reports, as JSON a dashboard can draw from and as XLSX: for the tenant, a period and optionally
 * an area and a program; a city's districts side by side with their total. Read by the bureau and auditors.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/kpis")
@Tag(name = "kpis", description = "Outcome figures (五社联动 KPIs, coverage, compliance) per period, area and program")
class KpiController {

    private static final String READERS = "hasAnyRole('bureau-admin','auditor')";

    private final Kpis kpis;
    private final DistrictReads districts;

    KpiController(Kpis kpis, DistrictReads districts) {
        this.kpis = kpis;
        this.districts = districts;
    }

    /** What a KPI report is asked for, from the query string. */
    record KpiQuery(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, UUID programId,
            @Size(max = 32) String streetCode, @Size(max = 32) String communityCode, @Size(max = 32) String gridCode) {

        void check() {
            if (to.isBefore(from)) {
                throw ProblemException.invalid("to", "before-from");
            }
            if (to.toEpochDay() - from.toEpochDay() >= 366) {
                throw ProblemException.invalid("to", "period-too-long");
            }
        }
    }

    record ByDistrict(List<Kpis.Report> districts, Kpis.Report total) {
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "The KPIs of the tenant for the period (and area, program)")
    Kpis.Report report(@PathVariable String tenant, @Valid @ParameterObject KpiQuery q) {
        q.check();
        return kpis.report(TenantContext.require().value(), q.from(), q.to(), q.programId(), q.streetCode(),
                q.communityCode(), q.gridCode());
    }

    @GetMapping("/by-district")
    @PreAuthorize(READERS)
    @Operation(summary = "A city's districts side by side, each district's KPIs, and their total")
    ByDistrict byDistrict(@PathVariable String tenant, @Valid @ParameterObject KpiQuery q) {
        q.check();
        TenantCode city = TenantContext.require();
        if (!city.isCity()) {
            throw ProblemException.conflict("report-city-only", city.value());
        }
        Map<TenantCode, Kpis.Report> each = districts.forEachDistrict(city, d -> kpis.report(d.value(), q.from(),
                q.to(), q.programId(), null, null, null));
        List<Kpis.Report> rows = new ArrayList<>(each.values());
        Kpis.Report total = rows.stream().reduce((x, y) -> x.plus(y, city.value())).map(r -> r.as(city.value()))
                .orElse(null);
        return new ByDistrict(rows, total);
    }

    @GetMapping("/export")
    @PreAuthorize(READERS)
    @Operation(summary = "The KPIs as XLSX (工作成效指标): one row per figure; a city's districts in columns")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String tenant, @Valid @ParameterObject KpiQuery q) {
        q.check();
        TenantCode here = TenantContext.require();
        List<Kpis.Report> reports = new ArrayList<>();
        if (here.isCity()) {
            ByDistrict b = byDistrict(tenant, q);
            reports.addAll(b.districts());
            if (b.total() != null) {
                reports.add(b.total());
            }
        } else {
            reports.add(report(tenant, q));
        }
        List<Column<Figure>> columns = new ArrayList<>();
        columns.add(Column.of("指标", Figure::name));
        for (int i = 0; i < reports.size(); i++) {
            int at = i;
            String header = here.isCity() && i == reports.size() - 1 ? "合计" : reports.get(i).tenant();
            columns.add(Column.of(header, f -> f.value().apply(reports.get(at))));
        }
        return XlsxExport.response("工作成效指标_" + here.value() + "_" + q.from() + "_" + q.to(),
                List.of(XlsxExport.Sheet.of("工作成效指标", columns, FIGURES)));
    }

    record Figure(String name, Function<Kpis.Report, Object> value) {
    }

    static final List<Figure> FIGURES = List.of(
            new Figure("个案服务（期内新开）", Kpis.Report::caseServicesOpened),
            new Figure("个案服务（期末在案）", Kpis.Report::caseServicesOpen),
            new Figure("支持小组", Kpis.Report::supportGroups),
            new Figure("小组成员", Kpis.Report::groupMembers),
            new Figure("社区活动", Kpis.Report::activities),
            new Figure("活动参与人次", Kpis.Report::activityPersonTimes),
            new Figure("义诊次数", Kpis.Report::healthClinics),
            new Figure("义诊服务人数", Kpis.Report::clinicPeopleServed),
            new Figure("物资捐赠批次", Kpis.Report::donationBatches),
            new Figure("受赠户数", Kpis.Report::donationHouseholds),
            new Figure("受赠老人", Kpis.Report::donationElders),
            new Figure("链接慈善资源", Kpis.Report::resourcesLinked),
            new Figure("探访联系次数", Kpis.Report::visits),
            new Figure("探访老人数", Kpis.Report::eldersVisited),
            new Figure("志愿服务人次", Kpis.Report::volunteerPersonTimes),
            new Figure("志愿服务时长（小时）", r -> r.volunteerHours().toPlainString()),
            new Figure("时间银行存入时长（小时）", r -> r.timeBankHoursEarned().toPlainString()),
            new Figure("直接受益人数（按老人去重）", Kpis.Report::directBeneficiaries),
            new Figure("间接受益人数", Kpis.Report::indirectBeneficiaries),
            new Figure("底数（老人数）", Kpis.Report::elders),
            new Figure("已包保", Kpis.Report::paired),
            new Figure("包保覆盖率", r -> r.pairingCoverage() == null ? "—"
                    : String.format("%.2f%%", r.pairingCoverage() * 100)),
            new Figure("探访频次落实率", r -> r.cadenceCompliance() == null ? "—"
                    : String.format("%.2f%%", r.cadenceCompliance() * 100)));
}
