package org.warmnest.billing.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.billing.idempotency.MovesMoney;
import org.warmnest.billing.money.Yuan;
import org.warmnest.platform.catalogue.ServiceItem;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Service contracts (政府购买服务合同) with their procurement record. The bureau or finance drafts; finance signs,
 * which commits the value on budget lines, and closes. Contractor managers read their own contractor's contracts.
 */
@RestController
@RequestMapping("/api/billing/v1/tenants/{tenant}/contracts")
@Tag(name = "contracts", description = "Procurement records, contracts, unit prices and payment terms")
class ContractController {

    private static final String DRAFTERS = "hasAnyRole('bureau-admin','finance-officer')";
    private static final String SIGNERS = "hasRole('finance-officer')";
    private static final String READERS = "hasAnyRole('bureau-admin','finance-officer','auditor','contractor-manager')";

    private final Contracts contracts;

    ContractController(Contracts contracts) {
        this.contracts = contracts;
    }

    record QuoteRequest(@NotBlank @Size(max = 200) String supplier,
            @Pattern(regexp = "[0-9A-HJ-NPQRTUWXY]{18}") String uscc,
            @Schema(type = "string", example = "598000.00")
            @NotNull @Positive @Digits(integer = Yuan.INTEGER_DIGITS, fraction = Yuan.SCALE) BigDecimal amount,
            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal score,
            boolean winner) {
    }

    record MilestoneRequest(@NotBlank @Size(max = 100) String name,
            @NotNull @DecimalMin("0.01") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal percent,
            @Size(max = 500) String condition) {
    }

    record PriceRequest(@NotNull ServiceItem serviceItem,
            @Schema(type = "string", example = "300.00")
            @NotNull @Positive @Digits(integer = Yuan.INTEGER_DIGITS, fraction = Yuan.SCALE) BigDecimal unitPrice,
            @Positive Integer quantityCap) {
    }

    record ContractRequest(@NotBlank @Size(max = 60) String number, @NotBlank @Size(max = 200) String name,
            @NotNull UUID contractorId, @NotNull UUID programId,
            @NotNull @Pattern(regexp = "[1-9][0-9]{5}") String programOwner,
            @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = "[1-9][0-9]{5}") String> districts,
            @Schema(type = "string", example = "598000.00")
            @NotNull @Positive @Digits(integer = Yuan.INTEGER_DIGITS, fraction = Yuan.SCALE) BigDecimal value,
            @NotNull LocalDate startDate, @NotNull LocalDate endDate, @Size(max = 500) String multiYearReason,
            @NotNull ProcurementMethod procurementMethod, @NotBlank @Size(max = 200) String procurementName,
            @Schema(type = "string", example = "600000.00")
            @NotNull @Positive @Digits(integer = Yuan.INTEGER_DIGITS, fraction = Yuan.SCALE) BigDecimal procurementBudget,
            @NotNull LocalDate awardedOn, @Size(max = 1000) String nonOpenReason,
            @NotBlank @Size(max = 1000) String invitation, @NotBlank @Size(max = 2000) String criteria,
            @NotBlank @Size(max = 2000) String winnerReason,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid QuoteRequest> quotes,
            @Schema(type = "string", example = "10.00")
            @NotNull @DecimalMin("0") @DecimalMax("50") @Digits(integer = 2, fraction = 2) BigDecimal holdbackPercent,
            @Schema(type = "string", example = "80.00")
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal evaluationThreshold,
            @Min(1) @Max(365) Integer paymentDueDays,
            @Size(max = 20) List<@NotNull @Valid MilestoneRequest> milestones,
            @NotEmpty @Size(max = 30) List<@NotNull @Valid PriceRequest> prices) {
    }

    record CommitmentRequest(@NotNull UUID lineId,
            @Schema(type = "string", example = "149500.00")
            @NotNull @Positive @Digits(integer = Yuan.INTEGER_DIGITS, fraction = Yuan.SCALE) BigDecimal amount) {
    }

    record SignRequest(@NotNull LocalDate signedOn,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid CommitmentRequest> commitments) {
    }

    record EvaluationRequest(
            @Schema(type = "string", example = "86.50")
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal score,
            @NotNull LocalDate evaluatedOn, @Size(max = 1000) String note) {
    }

    record PriceView(ServiceItem serviceItem, String serviceItemLabel, String unitPrice, Integer quantityCap) {
    }

    record QuoteView(String supplier, String uscc, String amount, String score, boolean winner) {
    }

    record MilestoneView(String name, String percent, String condition) {
    }

    /**
     * The contract's money on one line, in the README's terms (资金口径): committed 已承诺 (undrawn + held + drawn),
     * undrawn 未拨付承诺, held 质保金, drawn 已拨付, paid 已支付, encumbered 已占用 (drawn less paid).
     */
    record LineMoneyView(UUID lineId, String districtCode, String districtName, String committed, String undrawn,
            String held, String drawn, String paid, String encumbered) {

        static LineMoneyView of(Contracts.LineMoney m, String districtName) {
            return new LineMoneyView(m.lineId(), m.districtCode(), districtName,
                    Yuan.format(m.committed().add(m.held()).add(m.drawn())), Yuan.format(m.committed()),
                    Yuan.format(m.held()), Yuan.format(m.drawn()), Yuan.format(m.paid()),
                    Yuan.format(m.drawn().subtract(m.paid())));
        }
    }

    record ContractSummary(UUID id, String number, String name, UUID contractorId, String contractorName,
            List<String> districts, String value, LocalDate startDate, LocalDate endDate,
            ProcurementMethod procurementMethod, String procurementMethodLabel, Contract.Status status,
            String statusName, LocalDate signedOn) {

        static ContractSummary of(Contract c) {
            return new ContractSummary(c.id(), c.number(), c.name(), c.contractorId(), c.contractorName(),
                    c.districts(), Yuan.format(c.value()), c.startDate(), c.endDate(), c.procurementMethod(),
                    c.procurementMethod().label, c.status(), c.status().label, c.signedOn());
        }
    }

    record ContractView(UUID id, String number, String name, UUID contractorId, String contractorName,
            UUID programId, String programOwner, List<String> districts, List<String> districtNames, String value,
            LocalDate startDate, LocalDate endDate, String multiYearReason, ProcurementMethod procurementMethod,
            String procurementMethodLabel, String procurementName, String procurementBudget, LocalDate awardedOn,
            String nonOpenReason, String invitation, String criteria, String winnerReason, List<QuoteView> quotes,
            String holdbackPercent, String evaluationThreshold, int paymentDueDays, List<MilestoneView> milestones,
            List<PriceView> prices, Contract.Status status, String statusName, LocalDate signedOn, String signedBy,
            String signedByName, Instant signedAt, Instant closedAt, String evaluationScore, String evaluationGrade,
            LocalDate evaluatedOn, String evaluatedByName, String closedByName, List<LineMoneyView> money,
            String createdBy, String createdByName, Instant createdAt, long version) {
    }

    ContractView view(Contract c) {
        return new ContractView(c.id(), c.number(), c.name(), c.contractorId(), c.contractorName(), c.programId(),
                c.programOwner(), c.districts(), contracts.districtNames(c.districts()), Yuan.format(c.value()), c.startDate(), c.endDate(),
                c.multiYearReason(), c.procurementMethod(), c.procurementMethod().label, c.procurementName(),
                Yuan.format(c.procurementBudget()), c.awardedOn(), c.nonOpenReason(), c.invitation(), c.criteria(),
                c.winnerReason(), contracts.quotes(c).stream().map(q -> new QuoteView(q.supplier(), q.uscc(),
                        Yuan.format(q.amount()), q.score() == null ? null : q.score().toPlainString(), q.winner()))
                        .toList(),
                c.holdbackPercent().toPlainString(), c.evaluationThreshold().toPlainString(), c.paymentDueDays(),
                contracts.milestones(c).stream().map(m -> new MilestoneView(m.name(), m.percent().toPlainString(),
                        m.condition())).toList(),
                c.prices().stream().map(p -> new PriceView(p.serviceItem(), p.serviceItem().label,
                        Yuan.format(p.unitPrice()), p.quantityCap())).toList(),
                c.status(), c.status().label, c.signedOn(), c.signedBy(), c.signedByName(), c.signedAt(),
                c.closedAt(),
                c.evaluationScore() == null ? null : c.evaluationScore().toPlainString(), c.evaluationGrade(),
                c.evaluatedOn(), c.evaluatedByName(), c.closedByName(),
                contracts.money(c.id()).stream().map(m -> LineMoneyView.of(m,
                        contracts.districtNames(List.of(m.districtCode())).get(0))).toList(),
                c.createdBy(), c.createdByName(), c.createdAt(), c.version());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(DRAFTERS)
    @Operation(summary = "Record a contract as a draft, with its procurement record, unit prices and terms")
    ContractView draft(@PathVariable String tenant, @Valid @RequestBody ContractRequest r) {
        Contract c = contracts.draft(new Contracts.Draft(r.number().strip(), r.name().strip(), r.contractorId(),
                r.programId(), r.programOwner(), r.districts(), r.value(), r.startDate(), r.endDate(),
                r.multiYearReason(), r.procurementMethod(), r.procurementName().strip(), r.procurementBudget(),
                r.awardedOn(), r.nonOpenReason(), r.invitation().strip(), r.criteria().strip(),
                r.winnerReason().strip(), r.quotes().stream().map(q -> new Contracts.Quote(q.supplier().strip(),
                        q.uscc(), q.amount(), q.score(), q.winner())).toList(),
                r.holdbackPercent(), r.evaluationThreshold(), r.paymentDueDays(),
                r.milestones() == null ? List.of() : r.milestones().stream().map(m -> new Contracts.Milestone(
                        m.name().strip(), m.percent(), m.condition())).toList(),
                r.prices().stream().map(p -> new Contracts.PriceTerm(p.serviceItem(), p.unitPrice(),
                        p.quantityCap())).toList()));
        return view(contracts.get(c.id()));
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "Contracts, newest first; contractor managers see their own contractor's")
    PageView<ContractSummary> list(@PathVariable String tenant,
            @RequestParam(required = false) Contract.Status status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return PageView.of(contracts.list(status, PageRequest.of(page, size,
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id")))), ContractSummary::of);
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    @Operation(summary = "One contract with its procurement record and the money it holds on each budget line")
    ContractView get(@PathVariable String tenant, @PathVariable UUID id) {
        return view(contracts.get(id));
    }

    @PostMapping("/{id}/sign")
    @PreAuthorize(SIGNERS)
    @Operation(summary = "Sign the draft: its value is committed on the budget lines given (never more than a "
            + "line has available), and its terms never change again")
    @MovesMoney
    ContractView sign(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody SignRequest r) {
        contracts.sign(id, r.signedOn(), r.commitments().stream()
                .map(m -> new Contracts.Commitment(m.lineId(), m.amount())).toList());
        return view(contracts.get(id));
    }

    @PostMapping("/{id}/evaluation")
    @PreAuthorize(SIGNERS)
    @MovesMoney
    @Operation(summary = "Record the closed contract's performance evaluation (绩效评价), once: at or above its "
            + "threshold the holdback is paid out, below it the holdback goes back to the budget lines")
    ContractView evaluate(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody EvaluationRequest r) {
        contracts.evaluate(id, r.score(), r.evaluatedOn(), r.note());
        return view(contracts.get(id));
    }

    @PostMapping("/{id}/close")
    @PreAuthorize(SIGNERS)
    @Operation(summary = "Close a signed contract: what it committed and did not draw goes back to the lines")
    @MovesMoney
    ContractView close(@PathVariable String tenant, @PathVariable UUID id) {
        contracts.close(id);
        return view(contracts.get(id));
    }
}
