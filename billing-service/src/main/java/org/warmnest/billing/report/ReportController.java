package org.warmnest.billing.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.warmnest.billing.money.Yuan;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.sheet.XlsxExport.Column;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Finance's reports. Amounts are strings with two decimals; rates are fractions to four decimals (0.1234 is
 * 12.34 %). Funded figures carry the fund's mark on exports.
 */
@RestController
@RequestMapping("/api/billing/v1/tenants/{tenant}/reports")
@Tag(name = "reports", description = "Execution rate (执行率), drawdown, city roll-up, payments, cost per beneficiary")
class ReportController {

    private static final String READERS = "hasAnyRole('finance-officer','bureau-admin','auditor')";
    static final String MARK = "彩票公益金资助—中国福利彩票";

    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    record MoneyView(String allocated, String committed, String drawn, String held, String available,
            String executionRate) {

        static MoneyView of(Reports.Money m) {
            BigDecimal rate = m.rate();
            return new MoneyView(Yuan.format(m.allocated()), Yuan.format(m.committed()), Yuan.format(m.drawn()),
                    Yuan.format(m.held()), Yuan.format(m.available()), rate == null ? null : rate.toPlainString());
        }
    }

    record AllocationView(UUID id, String documentNumber, String source, int fiscalYear, String purpose,
            String returned, String unbudgeted, MoneyView money) {
    }

    record LineView(UUID id, UUID allocationId, String documentNumber, int fiscalYear, int phase, String districtCode,
            String name, MoneyView money) {
    }

    record ContractView(UUID id, String number, String contractorName, String status, MoneyView money) {
    }

    record DistrictView(String districtCode, MoneyView money) {
    }

    record ExecutionView(String tenant, Integer fiscalYear, String mark, MoneyView total,
            List<AllocationView> allocations, List<LineView> lines, List<ContractView> contracts,
            List<DistrictView> districts) {
    }

    record RollupRowView(String districtCode, MoneyView fromCity, MoneyView own, MoneyView total) {
    }

    record RollupView(String city, Integer fiscalYear, MoneyView total, List<RollupRowView> districts) {
    }

    record PeriodView(LocalDate period, String paid, String held, String cumulativePaid) {
    }

    record PaymentView(UUID claimId, UUID contractId, String contractNumber, LocalDate periodFrom, LocalDate periodTo,
            String status, String approved, String holdback, String paid, Instant decidedAt, LocalDate dueOn,
            LocalDate paidOn, String reference, boolean late) {
    }

    record BeneficiariesView(UUID contractId, String contractNumber, String districtCode, String paid, long elders,
            long services, String costPerElder) {
    }

    ExecutionView view(Reports.Execution e) {
        return new ExecutionView(TenantContext.require().value(), e.fiscalYear(), MARK, MoneyView.of(e.total()),
                e.allocations().stream().map(a -> new AllocationView(a.id(), a.documentNumber(), a.source(),
                        a.fiscalYear(), a.purpose(), Yuan.format(a.returned()), Yuan.format(a.unbudgeted()),
                        MoneyView.of(a.money()))).toList(),
                e.lines().stream().map(l -> new LineView(l.id(), l.allocationId(), l.documentNumber(), l.fiscalYear(),
                        l.phase(), l.districtCode(), l.name(), MoneyView.of(l.money()))).toList(),
                e.contracts().stream().map(c -> new ContractView(c.id(), c.number(), c.contractorName(), c.status(),
                        MoneyView.of(c.money()))).toList(),
                e.districts().stream().map(d -> new DistrictView(d.districtCode(), MoneyView.of(d.money()))).toList());
    }

    @GetMapping("/execution")
    @PreAuthorize(READERS)
    @Operation(summary = "Execution (执行率 = drawn ÷ allocated) per allocation, budget line, contract (against its "
            + "value) and district, of one fiscal year or all")
    ExecutionView execution(@PathVariable String tenant,
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer fiscalYear) {
        return view(reports.execution(fiscalYear));
    }

    @GetMapping("/execution/export")
    @PreAuthorize(READERS)
    @Operation(summary = "Execution as XLSX (资金执行情况): allocations, budget lines, contracts and districts")
    ResponseEntity<StreamingResponseBody> exportExecution(@PathVariable String tenant,
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer fiscalYear) {
        Reports.Execution e = reports.execution(fiscalYear);
        String name = "资金执行情况_" + TenantContext.require().value() + (fiscalYear == null ? "" : "_" + fiscalYear);
        return XlsxExport.response(name, List.of(
                XlsxExport.Sheet.of("资金下达", money(List.of(
                        Column.<Reports.AllocationRow>of("文号", Reports.AllocationRow::documentNumber),
                        Column.<Reports.AllocationRow>of("资金来源", Reports.AllocationRow::source),
                        Column.<Reports.AllocationRow>of("年度", Reports.AllocationRow::fiscalYear),
                        Column.<Reports.AllocationRow>of("用途", Reports.AllocationRow::purpose),
                        Column.<Reports.AllocationRow>of("已收回", r -> Yuan.format(r.returned()))),
                        Reports.AllocationRow::money, "下达金额"), e.allocations()),
                XlsxExport.Sheet.of("预算指标", money(List.of(
                        Column.<Reports.LineRow>of("文号", Reports.LineRow::documentNumber),
                        Column.<Reports.LineRow>of("年度", Reports.LineRow::fiscalYear),
                        Column.<Reports.LineRow>of("期次", Reports.LineRow::phase),
                        Column.<Reports.LineRow>of("区县", Reports.LineRow::districtCode),
                        Column.<Reports.LineRow>of("指标名称", Reports.LineRow::name)),
                        Reports.LineRow::money, "指标金额"), e.lines()),
                XlsxExport.Sheet.of("合同", money(List.of(
                        Column.<Reports.ContractRow>of("合同编号", Reports.ContractRow::number),
                        Column.<Reports.ContractRow>of("服务机构", Reports.ContractRow::contractorName),
                        Column.<Reports.ContractRow>of("状态", Reports.ContractRow::status)),
                        Reports.ContractRow::money, "合同金额"), e.contracts()),
                XlsxExport.Sheet.of("区县", money(List.of(
                        Column.<Reports.DistrictRow>of("区县", Reports.DistrictRow::districtCode)),
                        Reports.DistrictRow::money, "指标金额"), e.districts()),
                XlsxExport.Sheet.of("说明", List.of(Column.<String>of("说明", s -> s)), List.of(MARK,
                        "执行率 = 已支付 ÷ 下达（合同为 ÷ 合同金额）；质保金在绩效评价后支付前不计入已支付。"))));
    }

    /** The money columns after a report's own. */
    private static <T> List<Column<T>> money(List<Column<T>> first, Function<T, Reports.Money> money,
            String allocatedHeader) {
        List<Column<T>> all = new java.util.ArrayList<>(first);
        all.add(Column.of(allocatedHeader, r -> Yuan.format(money.apply(r).allocated())));
        all.add(Column.of("已占用", r -> Yuan.format(money.apply(r).committed())));
        all.add(Column.of("已支付", r -> Yuan.format(money.apply(r).drawn())));
        all.add(Column.of("质保金", r -> Yuan.format(money.apply(r).held())));
        all.add(Column.of("可用余额", r -> Yuan.format(money.apply(r).available())));
        all.add(Column.of("执行率", r -> {
            BigDecimal rate = money.apply(r).rate();
            return rate == null ? "—" : rate.movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP) + "%";
        }));
        return all;
    }

    @GetMapping("/city-rollup")
    @PreAuthorize("hasAnyRole('finance-officer','bureau-admin','auditor')")
    @Operation(summary = "A city's districts side by side: the city's money set aside for each, each district's own "
            + "allocations, and both")
    RollupView rollup(@PathVariable String tenant,
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer fiscalYear) {
        TenantCode here = TenantContext.require();
        if (!here.isCity()) {
            throw ProblemException.conflict("report-city-only", here.value());
        }
        Reports.Rollup r = reports.rollup(here, fiscalYear);
        return new RollupView(r.city(), r.fiscalYear(), MoneyView.of(r.total()), r.districts().stream()
                .map(d -> new RollupRowView(d.districtCode(), MoneyView.of(d.fromCity()), MoneyView.of(d.own()),
                        MoneyView.of(d.total()))).toList());
    }

    @GetMapping("/drawdown")
    @PreAuthorize(READERS)
    @Operation(summary = "What was paid out and held back per day or month, with the running total")
    List<PeriodView> drawdown(@PathVariable String tenant,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "true") boolean monthly) {
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "before-from");
        }
        if (to.toEpochDay() - from.toEpochDay() > 3 * 366) {
            throw ProblemException.invalid("to", "period-too-long");
        }
        return reports.drawdown(from, to, monthly).stream().map(p -> new PeriodView(p.period(), Yuan.format(p.paid()),
                Yuan.format(p.held()), Yuan.format(p.cumulativePaid()))).toList();
    }

    @GetMapping("/contractors/{contractorId}/payments")
    @PreAuthorize("hasAnyRole('finance-officer','bureau-admin','auditor','contractor-manager')")
    @Operation(summary = "A contractor's decided claims, newest first: approved, held back, paid, due and late")
    List<PaymentView> payments(@PathVariable String tenant, @PathVariable UUID contractorId) {
        Optional<UUID> scope = CurrentUser.get().contractorScope();
        if (scope.isPresent() && !scope.get().equals(contractorId)) {
            throw ProblemException.notFound("contractor-not-found", contractorId);
        }
        return reports.payments(contractorId).stream().map(p -> new PaymentView(p.claimId(), p.contractId(),
                p.contractNumber(), p.periodFrom(), p.periodTo(), p.status(), Yuan.format(p.approved()),
                Yuan.format(p.holdback()), Yuan.format(p.paid()), p.decidedAt(), p.dueOn(), p.paidOn(),
                p.reference(), p.late())).toList();
    }

    @GetMapping("/beneficiaries")
    @PreAuthorize(READERS)
    @Operation(summary = "Cost per beneficiary: per contract and district, what approved claims paid for, the "
            + "distinct elders served and the cost per elder")
    List<BeneficiariesView> beneficiaries(@PathVariable String tenant) {
        return reports.beneficiaries().stream().map(b -> new BeneficiariesView(b.contractId(), b.contractNumber(),
                b.districtCode(), Yuan.format(b.paid()), b.elders(), b.services(),
                b.costPerElder() == null ? null : Yuan.format(b.costPerElder()))).toList();
    }
}
