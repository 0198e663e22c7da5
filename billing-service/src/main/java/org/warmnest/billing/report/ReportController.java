package org.warmnest.billing.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.warmnest.billing.allocation.FundSource;
import org.warmnest.billing.claim.ClaimLabels;
import org.warmnest.billing.contract.ContractLabels;
import org.warmnest.billing.money.Yuan;
import org.warmnest.billing.report.ReportWorkbook.Column;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Finance's reports. Amounts are strings with two decimals; rates are fractions to four decimals (0.1234 is
 * 12.34 %). Every code comes with its Chinese name ({@code source} and {@code sourceName}, {@code status} and {@code statusName}), every district
 * code with the district's name, every person with a display name. The money terms are the README's (资金口径):
 * {@code committed} 已承诺, {@code drawn} 已拨付, {@code paid} 已支付, {@code encumbered} 已占用, {@code held} 质保金,
 * {@code available} 可用余额. The lottery fund's mark is given where lottery money is shown, and only there.
 */
@RestController
@RequestMapping("/api/billing/v1/tenants/{tenant}/reports")
@Tag(name = "reports", description = "Execution rate (执行率), drawdown, city roll-up, payments, cost per beneficiary")
class ReportController {

    private static final String READERS = "hasAnyRole('finance-officer','bureau-admin','auditor')";
    static final String MARK = Reports.MARK;

    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    record MoneyView(String allocated, String committed, String drawn, String paid, String encumbered, String held,
            String available, String executionRate) {

        static MoneyView of(Reports.Money m) {
            BigDecimal rate = m.rate();
            return new MoneyView(Yuan.format(m.allocated()), Yuan.format(m.committed()), Yuan.format(m.drawn()),
                    Yuan.format(m.paid()), Yuan.format(m.encumbered()), Yuan.format(m.held()),
                    Yuan.format(m.available()), rate == null ? null : rate.toPlainString());
        }
    }

    record AllocationView(UUID id, String documentNumber, String source, String sourceName, int fiscalYear,
            String purpose, String returned, String unbudgeted, MoneyView money) {
    }

    record LineView(UUID id, UUID allocationId, String documentNumber, String source, String sourceName,
            int fiscalYear, int phase, String districtCode, String districtName, String name, MoneyView money) {
    }

    record ContractView(UUID id, String number, String contractorName, String status, String statusName,
            MoneyView money) {
    }

    record DistrictView(String districtCode, String districtName, MoneyView money) {
    }

    /** A district's view of its city's money: the city's lines for it and the city contracts' money on them. */
    record CityShareView(String city, String cityName, String mark, MoneyView total, List<LineView> lines,
            List<ContractView> contracts) {
    }

    /**
     * {@code total} is the tenant's own allocations; a district also sees {@code fromCity} (its city's money set
     * aside and spent in it) and {@code combined}, both together.
     */
    record ExecutionView(String tenant, String tenantName, Integer fiscalYear, String mark, MoneyView total,
            List<AllocationView> allocations, List<LineView> lines, List<ContractView> contracts,
            List<DistrictView> districts, CityShareView fromCity, MoneyView combined) {
    }

    record RollupRowView(String districtCode, String districtName, MoneyView fromCity, MoneyView own,
            MoneyView total) {
    }

    record RollupView(String city, String cityName, Integer fiscalYear, MoneyView total,
            List<RollupRowView> districts) {
    }

    record PeriodView(LocalDate period, String drawn, String held, String paid, String cumulativeDrawn,
            String cumulativePaid) {
    }

    /** {@code drawn}: approved less holdback; {@code paid}: the same once the treasury's transfer is recorded. */
    record PaymentView(UUID claimId, UUID contractId, String contractNumber, LocalDate periodFrom, LocalDate periodTo,
            String status, String statusName, String approved, String holdback, String drawn, String paid,
            Instant decidedAt, String decidedByName, LocalDate dueOn, LocalDate paidOn, String reference,
            boolean late, String mark) {
    }

    record BeneficiariesView(UUID contractId, String contractNumber, String districtCode, String districtName,
            String approved, long elders, long services, String costPerElder) {
    }

    static LineView view(Reports.LineRow l) {
        return new LineView(l.id(), l.allocationId(), l.documentNumber(), l.source(), FundSource.labelOf(l.source()),
                l.fiscalYear(), l.phase(), l.districtCode(), l.districtName(), l.name(), MoneyView.of(l.money()));
    }

    static ContractView view(Reports.ContractRow c) {
        return new ContractView(c.id(), c.number(), c.contractorName(), c.status(),
                ContractLabels.status(c.status()), MoneyView.of(c.money()));
    }

    ExecutionView view(Reports.Execution e, Optional<Reports.CityShare> share) {
        TenantCode here = TenantContext.require();
        boolean lottery = e.lottery() || share.map(Reports.CityShare::lottery).orElse(false);
        CityShareView city = share.map(c -> new CityShareView(c.city(), c.cityName(), c.lottery() ? MARK : null,
                MoneyView.of(c.total()), c.lines().stream().map(ReportController::view).toList(),
                c.contracts().stream().map(ReportController::view).toList())).orElse(null);
        return new ExecutionView(here.value(), reports.names().of(here.value()), e.fiscalYear(),
                lottery ? MARK : null, MoneyView.of(e.total()),
                e.allocations().stream().map(a -> new AllocationView(a.id(), a.documentNumber(), a.source(),
                        FundSource.labelOf(a.source()), a.fiscalYear(), a.purpose(), Yuan.format(a.returned()),
                        Yuan.format(a.unbudgeted()), MoneyView.of(a.money()))).toList(),
                e.lines().stream().map(ReportController::view).toList(),
                e.contracts().stream().map(ReportController::view).toList(),
                e.districts().stream().map(d -> new DistrictView(d.districtCode(), d.districtName(),
                        MoneyView.of(d.money()))).toList(),
                city, share.map(c -> MoneyView.of(e.total().plus(c.total()))).orElse(null));
    }

    @GetMapping("/execution")
    @PreAuthorize(READERS)
    @Operation(summary = "Execution (执行率 = 已拨付 ÷ 下达) per allocation, budget line, contract (against its "
            + "value) and district, of one fiscal year or all; a district also sees its city's money spent in it")
    ExecutionView execution(@PathVariable String tenant,
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer fiscalYear) {
        return view(reports.execution(fiscalYear), reports.fromCity(fiscalYear));
    }

    @GetMapping("/execution/export")
    @PreAuthorize(READERS)
    @Operation(summary = "Execution as XLSX (资金执行情况): allocations, budget lines, contracts and districts (a "
            + "district: also its city's lines and contracts in it), amounts in 元 and rates in %, with 合计 rows")
    ResponseEntity<StreamingResponseBody> exportExecution(@PathVariable String tenant,
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer fiscalYear) {
        Reports.Execution e = reports.execution(fiscalYear);
        Optional<Reports.CityShare> share = reports.fromCity(fiscalYear);
        String name = "资金执行情况_" + TenantContext.require().value() + (fiscalYear == null ? "" : "_" + fiscalYear);
        List<ReportWorkbook.Sheet<?>> sheets = new ArrayList<>();
        sheets.add(ReportWorkbook.Sheet.of("资金下达", e.allocations().stream().anyMatch(Reports.AllocationRow::lottery),
                money(List.of(
                        Column.<Reports.AllocationRow>text("文号", Reports.AllocationRow::documentNumber),
                        Column.<Reports.AllocationRow>text("资金来源", r -> FundSource.labelOf(r.source())),
                        Column.<Reports.AllocationRow>number("年度", Reports.AllocationRow::fiscalYear),
                        Column.<Reports.AllocationRow>text("用途", Reports.AllocationRow::purpose),
                        Column.<Reports.AllocationRow>money("已收回", Reports.AllocationRow::returned),
                        Column.<Reports.AllocationRow>money("未分配", Reports.AllocationRow::unbudgeted)),
                        Reports.AllocationRow::money, "下达金额", "可用余额"), e.allocations()));
        sheets.add(lineSheet("预算指标", e.lines()));
        sheets.add(contractSheet("合同", e.contracts()));
        sheets.add(ReportWorkbook.Sheet.of("区县", e.districts().stream().anyMatch(Reports.DistrictRow::lottery),
                money(List.of(
                        Column.<Reports.DistrictRow>text("区县代码", Reports.DistrictRow::districtCode),
                        Column.<Reports.DistrictRow>text("区县名称", Reports.DistrictRow::districtName)),
                        Reports.DistrictRow::money, "指标金额", "可用余额"), e.districts()));
        share.ifPresent(c -> {
            sheets.add(lineSheet("市级指标（本区县）", c.lines()));
            sheets.add(contractSheet("市级合同（本区县）", c.contracts()));
        });
        boolean lottery = e.lottery() || share.map(Reports.CityShare::lottery).orElse(false);
        List<String> notes = new ArrayList<>(GLOSSARY);
        if (lottery) {
            notes.add(0, MARK);
        }
        sheets.add(ReportWorkbook.Sheet.of("说明", false, List.of(Column.<String>text("说明", s -> s)), notes));
        return ReportWorkbook.response(name, sheets);
    }

    /** The glossary the README gives (资金口径), on the workbook's last sheet. */
    static final List<String> GLOSSARY = List.of(
            "下达：资金下达文件的金额（预算指标为指标金额，合同为合同金额）。",
            "已承诺：已签订合同在预算指标上承诺的金额（含已拨付和质保金，合同关闭时未拨付部分退回指标）。",
            "已拨付：结算申请批准后拨付给服务机构的金额（批准金额扣除质保金），及绩效评价后释放的质保金。",
            "已支付：已拨付中国库已付款（已登记支付日期和凭证号）的金额。",
            "已占用：已拨付但尚未登记国库付款的金额（已拨付 − 已支付）。",
            "质保金：批准时按合同比例扣留、绩效评价前不拨付的金额。",
            "可用余额：预算指标上尚未被合同承诺的金额（资金下达另含未分配到指标的金额）；合同为未拨付的承诺。",
            "执行率 = 已拨付 ÷ 下达（合同为 ÷ 合同金额）。");

    private static ReportWorkbook.Sheet<Reports.LineRow> lineSheet(String name, List<Reports.LineRow> lines) {
        return ReportWorkbook.Sheet.of(name, lines.stream().anyMatch(Reports.LineRow::lottery), money(List.of(
                Column.<Reports.LineRow>text("文号", Reports.LineRow::documentNumber),
                Column.<Reports.LineRow>text("资金来源", r -> FundSource.labelOf(r.source())),
                Column.<Reports.LineRow>number("年度", Reports.LineRow::fiscalYear),
                Column.<Reports.LineRow>number("期次", Reports.LineRow::phase),
                Column.<Reports.LineRow>text("区县代码", Reports.LineRow::districtCode),
                Column.<Reports.LineRow>text("区县名称", Reports.LineRow::districtName),
                Column.<Reports.LineRow>text("指标名称", Reports.LineRow::name)),
                Reports.LineRow::money, "指标金额", "可用余额"), lines);
    }

    private static ReportWorkbook.Sheet<Reports.ContractRow> contractSheet(String name,
            List<Reports.ContractRow> contracts) {
        return ReportWorkbook.Sheet.of(name, contracts.stream().anyMatch(Reports.ContractRow::lottery), money(List.of(
                Column.<Reports.ContractRow>text("合同编号", Reports.ContractRow::number),
                Column.<Reports.ContractRow>text("服务机构", Reports.ContractRow::contractorName),
                Column.<Reports.ContractRow>text("状态", r -> ContractLabels.status(r.status()))),
                Reports.ContractRow::money, "合同金额", "未拨付承诺"), contracts);
    }

    /** The money columns after a report's own, in the glossary's terms. */
    private static <T> List<Column<T>> money(List<Column<T>> first, Function<T, Reports.Money> money,
            String allocatedHeader, String availableHeader) {
        List<Column<T>> all = new ArrayList<>(first);
        all.add(Column.money(allocatedHeader, r -> money.apply(r).allocated()));
        all.add(Column.money("已承诺", r -> money.apply(r).committed()));
        all.add(Column.money("已拨付", r -> money.apply(r).drawn()));
        all.add(Column.money("已支付", r -> money.apply(r).paid()));
        all.add(Column.money("已占用", r -> money.apply(r).encumbered()));
        all.add(Column.money("质保金", r -> money.apply(r).held()));
        all.add(Column.money(availableHeader, r -> money.apply(r).available()));
        all.add(Column.rate("执行率", r -> money.apply(r).rate(),
                rows -> Reports.Money.sum(rows.stream().map(money).toList()).rate()));
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
        return new RollupView(r.city(), reports.names().of(r.city()), r.fiscalYear(), MoneyView.of(r.total()),
                r.districts().stream().map(d -> new RollupRowView(d.districtCode(), d.districtName(),
                        MoneyView.of(d.fromCity()), MoneyView.of(d.own()), MoneyView.of(d.total()))).toList());
    }

    @GetMapping("/city-rollup/export")
    @PreAuthorize(READERS)
    @Operation(summary = "The city roll-up as XLSX (区县资金汇总): the city's money per district, each district's own, "
            + "and both, amounts in 元 and rates in %, with 合计 rows")
    ResponseEntity<StreamingResponseBody> exportRollup(@PathVariable String tenant,
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer fiscalYear) {
        TenantCode here = TenantContext.require();
        if (!here.isCity()) {
            throw ProblemException.conflict("report-city-only", here.value());
        }
        List<Reports.RollupRow> rows = reports.rollup(here, fiscalYear).districts();
        boolean cityLottery = rows.stream().anyMatch(Reports.RollupRow::fromCityLottery);
        boolean ownLottery = rows.stream().anyMatch(Reports.RollupRow::ownLottery);
        return ReportWorkbook.response("区县资金汇总_" + here.value() + (fiscalYear == null ? "" : "_" + fiscalYear),
                List.of(rollupSheet("市级资金", cityLottery, rows, Reports.RollupRow::fromCity),
                        rollupSheet("区县自有资金", ownLottery, rows, Reports.RollupRow::own),
                        rollupSheet("合计", cityLottery || ownLottery, rows, Reports.RollupRow::total)));
    }

    private static ReportWorkbook.Sheet<Reports.RollupRow> rollupSheet(String name, boolean lottery,
            List<Reports.RollupRow> rows, Function<Reports.RollupRow, Reports.Money> money) {
        return ReportWorkbook.Sheet.of(name, lottery, money(List.of(
                Column.<Reports.RollupRow>text("区县代码", Reports.RollupRow::districtCode),
                Column.<Reports.RollupRow>text("区县名称", Reports.RollupRow::districtName)),
                money, "下达金额", "可用余额"), rows);
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
        return reports.drawdown(from, to, monthly).stream().map(p -> new PeriodView(p.period(), Yuan.format(p.drawn()),
                Yuan.format(p.held()), Yuan.format(p.paid()), Yuan.format(p.cumulativeDrawn()),
                Yuan.format(p.cumulativePaid()))).toList();
    }

    @GetMapping("/contractors/{contractorId}/payments")
    @PreAuthorize("hasAnyRole('finance-officer','bureau-admin','auditor','contractor-manager')")
    @Operation(summary = "A contractor's decided claims, newest first: approved, held back, drawn, paid by the "
            + "treasury, due and late")
    List<PaymentView> payments(@PathVariable String tenant, @PathVariable UUID contractorId) {
        return payments(contractorId).stream().map(p -> new PaymentView(p.claimId(), p.contractId(),
                p.contractNumber(), p.periodFrom(), p.periodTo(), p.status(), ClaimLabels.status(p.status()),
                Yuan.format(p.approved()), Yuan.format(p.holdback()), Yuan.format(p.drawn()),
                Yuan.format(paid(p)), p.decidedAt(), p.decidedByName(), p.dueOn(), p.paidOn(), p.reference(),
                p.late(), p.lottery() ? MARK : null)).toList();
    }

    @GetMapping("/contractors/{contractorId}/payments/export")
    @PreAuthorize("hasAnyRole('finance-officer','bureau-admin','auditor','contractor-manager')")
    @Operation(summary = "A contractor's decided claims as XLSX (结算支付情况), amounts in 元 with a 合计 row")
    ResponseEntity<StreamingResponseBody> exportPayments(@PathVariable String tenant,
            @PathVariable UUID contractorId) {
        List<Reports.Payment> rows = payments(contractorId);
        return ReportWorkbook.response("结算支付情况_" + TenantContext.require().value(), List.of(
                ReportWorkbook.Sheet.of("结算支付", rows.stream().anyMatch(Reports.Payment::lottery), List.of(
                        Column.<Reports.Payment>text("合同编号", Reports.Payment::contractNumber),
                        Column.<Reports.Payment>date("结算期起", Reports.Payment::periodFrom),
                        Column.<Reports.Payment>date("结算期止", Reports.Payment::periodTo),
                        Column.<Reports.Payment>text("状态", p -> ClaimLabels.status(p.status())),
                        Column.<Reports.Payment>money("批准金额", Reports.Payment::approved),
                        Column.<Reports.Payment>money("质保金", Reports.Payment::holdback),
                        Column.<Reports.Payment>money("已拨付", Reports.Payment::drawn),
                        Column.<Reports.Payment>money("已支付", ReportController::paid),
                        Column.<Reports.Payment>time("审批时间", Reports.Payment::decidedAt),
                        Column.<Reports.Payment>text("审批人", Reports.Payment::decidedByName),
                        Column.<Reports.Payment>date("应付日期", Reports.Payment::dueOn),
                        Column.<Reports.Payment>date("支付日期", Reports.Payment::paidOn),
                        Column.<Reports.Payment>text("支付凭证号", Reports.Payment::reference),
                        Column.<Reports.Payment>text("逾期", Reports.Payment::late)), rows)));
    }

    private List<Reports.Payment> payments(UUID contractorId) {
        Optional<UUID> scope = CurrentUser.get().contractorScope();
        if (scope.isPresent() && !scope.get().equals(contractorId)) {
            throw ProblemException.notFound("contractor-not-found", contractorId);
        }
        return reports.payments(contractorId);
    }

    /** 已支付: what the treasury paid, known once its transfer is recorded on the claim. */
    private static BigDecimal paid(Reports.Payment p) {
        return p.paidOn() == null ? BigDecimal.ZERO.setScale(Yuan.SCALE) : p.drawn();
    }

    @GetMapping("/beneficiaries")
    @PreAuthorize(READERS)
    @Operation(summary = "Cost per beneficiary: per contract and district, what approved claims approved, the "
            + "distinct elders served and the cost per elder")
    List<BeneficiariesView> beneficiaries(@PathVariable String tenant) {
        return reports.beneficiaries().stream().map(b -> new BeneficiariesView(b.contractId(), b.contractNumber(),
                b.districtCode(), b.districtName(), Yuan.format(b.approved()), b.elders(), b.services(),
                b.costPerElder() == null ? null : Yuan.format(b.costPerElder()))).toList();
    }
}
