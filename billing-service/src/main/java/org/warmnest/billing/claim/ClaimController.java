package org.warmnest.billing.claim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.warmnest.billing.idempotency.MovesMoney;
import org.warmnest.billing.money.Yuan;
import org.warmnest.billing.report.ReportWorkbook;
import org.warmnest.billing.report.ReportWorkbook.Column;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Claims (结算申请): opened and submitted by the contractor's manager, decided by finance. Contractor staff see
 * their own contractor's claims only.
 */
@RestController
@RequestMapping("/api/billing/v1/tenants/{tenant}")
@Tag(name = "claims", description = "Claims priced from verified care, exclusions with reasons, approval and drawdown")
class ClaimController {

    private static final String CLAIMANTS = "hasRole('contractor-manager')";
    private static final String DECIDERS = "hasRole('finance-officer')";
    private static final String READERS = "hasAnyRole('bureau-admin','finance-officer','auditor','contractor-manager')";

    private final Claims claims;

    ClaimController(Claims claims) {
        this.claims = claims;
    }

    record OpenRequest(@NotNull LocalDate from, @NotNull LocalDate to) {
    }

    record RejectedLine(@NotNull UUID lineId, @NotBlank @Size(max = 500) String reason) {
    }

    record ApproveRequest(@Size(max = 1000) String note, @Size(max = 10_000) List<@NotNull @Valid RejectedLine> rejectedLines) {
    }

    record RejectRequest(@NotBlank @Size(max = 1000) String note) {
    }

    record PaymentRequest(@NotNull LocalDate paidOn, @NotBlank @Size(max = 100) String reference) {
    }

    /**
     * A claim as finance reads it. People are given by subject (the rules compare those) and by display name;
     * a rejected claim carries its {@code rejection}: who refused it, when, and why; {@code refusedApprovals} are the
     * approvals the service refused because the money could not move, each with who tried, when and why.
     */
    record ClaimView(UUID id, UUID contractId, UUID contractorId, LocalDate periodFrom, LocalDate periodTo,
            Claim.Status status, String statusName, String claimedAmount, int includedLines, int excludedLines,
            List<Claims.Summary> byExclusion, String openedBy, String openedByName, Instant openedAt,
            Instant pricedAt, String submittedBy, String submittedByName, Instant submittedAt, String decidedBy,
            String decidedByName, Instant decidedAt, String decisionNote, Rejection rejection, String approvedAmount,
            String holdbackAmount, String drawnAmount, String paidAmount, LocalDate paymentDueOn, LocalDate paidOn,
            String paymentReference, String paymentRecordedByName, boolean paymentLate,
            List<Claims.Refusal> refusedApprovals, long version) {
    }

    /** The record a refused claim keeps: who (subject and name), when, and the reason given. */
    record Rejection(String by, String byName, Instant at, String reason) {
    }

    record ClaimSummary(UUID id, UUID contractId, UUID contractorId, LocalDate periodFrom, LocalDate periodTo,
            Claim.Status status, String statusName, String claimedAmount, String approvedAmount, String drawnAmount,
            String paidAmount, LocalDate paymentDueOn) {

        static ClaimSummary of(Claim c) {
            return new ClaimSummary(c.id(), c.contractId(), c.contractorId(), c.periodFrom(), c.periodTo(),
                    c.status(), c.status().label, Yuan.format(c.claimedAmount()), money(c.approvedAmount()),
                    money(c.paidAmount()), money(treasuryPaid(c)), c.paymentDueOn());
        }
    }

    /**
     * 已支付: what the treasury paid on the claim, known once its transfer is recorded; before that nothing (and no
     * figure at all while undecided). {@code drawnAmount} (已拨付) is approved less holdback from the approval on.
     */
    static java.math.BigDecimal treasuryPaid(Claim c) {
        if (c.paidAmount() == null) {
            return null;
        }
        return c.paidOn() == null ? java.math.BigDecimal.ZERO.setScale(Yuan.SCALE) : c.paidAmount();
    }

    static String money(java.math.BigDecimal amount) {
        return amount == null ? null : Yuan.format(amount);
    }

    ClaimView view(Claim c) {
        Rejection rejection = c.status() == Claim.Status.REJECTED
                ? new Rejection(c.decidedBy(), c.decidedByName(), c.decidedAt(), c.decisionNote()) : null;
        return new ClaimView(c.id(), c.contractId(), c.contractorId(), c.periodFrom(), c.periodTo(), c.status(),
                c.status().label, Yuan.format(c.claimedAmount()), c.includedLines(), c.excludedLines(),
                claims.summary(c.id()), c.openedBy(), c.openedByName(), c.openedAt(), c.pricedAt(), c.submittedBy(),
                c.submittedByName(), c.submittedAt(), c.decidedBy(), c.decidedByName(), c.decidedAt(),
                c.decisionNote(), rejection, money(c.approvedAmount()), money(c.holdbackAmount()),
                money(c.paidAmount()), money(treasuryPaid(c)), c.paymentDueOn(), c.paidOn(), c.paymentReference(), c.paymentRecordedByName(),
                c.late(claims.today()), claims.refusals(c.id()), c.version());
    }

    @PostMapping("/contracts/{contractId}/claims")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(CLAIMANTS)
    @Operation(summary = "Open a claim for the period: care-service's records are fetched and priced by the "
            + "contract, with what is excluded and why")
    ClaimView open(@PathVariable String tenant, @PathVariable UUID contractId,
            @Valid @RequestBody OpenRequest request) {
        return view(claims.get(claims.open(contractId, request.from(), request.to()).id()));
    }

    @GetMapping("/claims")
    @PreAuthorize(READERS)
    PageView<ClaimSummary> list(@PathVariable String tenant, @RequestParam(required = false) UUID contractId,
            @RequestParam(required = false) Claim.Status status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return PageView.of(claims.list(contractId, status, PageRequest.of(page, size,
                Sort.by(Sort.Order.desc("openedAt"), Sort.Order.asc("id")))), ClaimSummary::of);
    }

    @GetMapping("/claims/{id}")
    @PreAuthorize(READERS)
    ClaimView get(@PathVariable String tenant, @PathVariable UUID id) {
        return view(claims.get(id));
    }

    @GetMapping("/claims/{id}/lines")
    @PreAuthorize(READERS)
    @Operation(summary = "The claim's lines in the order delivered: all, those included, or those excluded for "
            + "one reason")
    PageView<Claims.LineView> lines(@PathVariable String tenant, @PathVariable UUID id,
            @RequestParam(required = false) Pricing.Exclusion exclusion,
            @RequestParam(defaultValue = "false") boolean included,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        Claim c = claims.get(id);
        List<Claims.LineView> items = claims.lines(id, exclusion == null ? null : exclusion.name(), included,
                page * size, size);
        long total = included ? c.includedLines() : exclusion == null ? c.includedLines() + c.excludedLines()
                : claims.summary(id).stream().filter(s -> s.exclusion().equals(exclusion.name()))
                        .mapToLong(Claims.Summary::lines).sum();
        return new PageView<>(items, page, size, total);
    }

    @GetMapping("/claims/{id}/export")
    @PreAuthorize(READERS)
    @Operation(summary = "The claim as XLSX (结算申请): its amounts, its lines with what was excluded and decided, "
            + "and who did what (the rejection and refused approvals included)")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String tenant, @PathVariable UUID id) {
        Claims.Export e = claims.export(id);
        Claim c = e.claim();
        BigDecimal paid = treasuryPaid(c);
        // in the order they happen: refused approvals come between the submission and the decision
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(c.openedAt(), "发起", c.openedByName(), null));
        if (c.submittedAt() != null) {
            steps.add(new Step(c.submittedAt(), "提交", c.submittedByName(), null));
        }
        e.refusals().forEach(r -> steps.add(new Step(r.at(), "批准未成功", r.byName(), r.reason())));
        if (c.decidedAt() != null) {
            steps.add(new Step(c.decidedAt(), c.status() == Claim.Status.REJECTED ? "驳回" : "批准",
                    c.decidedByName(), c.decisionNote()));
        }
        if (c.paidOn() != null) {
            // the transfer is known by its date only
            steps.add(new Step(null, "登记国库支付", c.paymentRecordedByName(),
                    "支付日期 " + c.paidOn() + "，支付凭证号 " + c.paymentReference()));
        }
        return ReportWorkbook.response("结算申请_" + (e.contractNumber() == null ? "" : e.contractNumber() + "_")
                + c.periodFrom() + "_" + c.periodTo(), List.of(
                ReportWorkbook.Sheet.of("结算申请", e.lottery(), List.of(
                        Column.<Claim>text("合同编号", x -> e.contractNumber()),
                        Column.<Claim>date("结算期起", Claim::periodFrom),
                        Column.<Claim>date("结算期止", Claim::periodTo),
                        Column.<Claim>text("状态", x -> x.status().label),
                        Column.<Claim>money("申请金额", Claim::claimedAmount),
                        Column.<Claim>money("批准金额", Claim::approvedAmount),
                        Column.<Claim>money("质保金", Claim::holdbackAmount),
                        Column.<Claim>money("已拨付", Claim::paidAmount),
                        Column.<Claim>money("已支付", x -> paid),
                        Column.<Claim>date("应付日期", Claim::paymentDueOn),
                        Column.<Claim>date("支付日期", Claim::paidOn),
                        Column.<Claim>text("支付凭证号", Claim::paymentReference)), List.of(c)),
                ReportWorkbook.Sheet.of("结算明细", e.lottery(), List.of(
                        Column.<Claims.LineView>date("服务日期", Claims.LineView::performedOn),
                        Column.<Claims.LineView>text("区县代码", Claims.LineView::district),
                        Column.<Claims.LineView>text("区县名称", Claims.LineView::districtName),
                        Column.<Claims.LineView>text("服务项目", Claims.LineView::serviceItemName),
                        Column.<Claims.LineView>count("数量", Claims.LineView::quantity),
                        Column.<Claims.LineView>money("单价", l -> amount(l.unitPrice())),
                        Column.<Claims.LineView>money("计入金额", l -> l.exclusion() == null ? amount(l.amount()) : null),
                        Column.<Claims.LineView>text("计入情况", l -> l.exclusion() == null ? "计入结算"
                                : l.exclusionName()),
                        Column.<Claims.LineView>text("审核结论", Claims.LineView::decisionName),
                        Column.<Claims.LineView>text("驳回理由", Claims.LineView::rejectionReason)), e.lines()),
                ReportWorkbook.Sheet.of("审批记录", false, List.of(
                        Column.<Step>time("时间", Step::at),
                        Column.<Step>text("事项", Step::action),
                        Column.<Step>text("人员", Step::who),
                        Column.<Step>text("说明", Step::note)), steps)));
    }

    /** One step of a claim's record: when, what, who (by name) and the reason or note. */
    record Step(Instant at, String action, String who, String note) {
    }

    private static BigDecimal amount(String yuan) {
        return yuan == null ? null : new BigDecimal(yuan);
    }

    @PostMapping("/claims/{id}/reprice")
    @PreAuthorize(CLAIMANTS)
    @Operation(summary = "Price the draft again from the records as they are now")
    ClaimView reprice(@PathVariable String tenant, @PathVariable UUID id) {
        return view(claims.reprice(id));
    }

    @PostMapping("/claims/{id}/submit")
    @PreAuthorize(CLAIMANTS)
    @Operation(summary = "Submit the draft to finance; its records are held against any other claim")
    ClaimView submit(@PathVariable String tenant, @PathVariable UUID id) {
        return view(claims.submit(id));
    }

    @PostMapping("/claims/{id}/approve")
    @PreAuthorize(DECIDERS)
    @Operation(summary = "Approve the claim, or part of it (the lines rejected with their reasons): the contract's "
            + "commitment is drawn down, the holdback kept, and each record entered as paid, in one transaction")
    @MovesMoney
    ClaimView approve(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody(required = false) ApproveRequest request) {
        Map<UUID, String> rejected = new LinkedHashMap<>();
        if (request != null && request.rejectedLines() != null) {
            for (RejectedLine r : request.rejectedLines()) {
                if (rejected.put(r.lineId(), r.reason().strip()) != null) {
                    throw ProblemException.invalid("rejectedLines", "line-twice");
                }
            }
        }
        try {
            return view(claims.decide(id, new Claims.Decision(true, rejected, request == null ? null : request.note())));
        } catch (ProblemException refused) {
            claims.refused(id, refused);
            throw refused;
        }
    }

    @PostMapping("/claims/{id}/payment")
    @PreAuthorize(DECIDERS)
    @Operation(summary = "Record the treasury's payment of the approved claim (date and transfer reference); a "
            + "payment after the due date is flagged late")
    ClaimView payment(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody PaymentRequest r) {
        return view(claims.recordPayment(id, r.paidOn(), r.reference().strip()));
    }

    @PostMapping("/claims/{id}/reject")
    @PreAuthorize(DECIDERS)
    @Operation(summary = "Reject the whole claim with the reason; its records may be claimed again")
    @MovesMoney
    ClaimView reject(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody RejectRequest request) {
        return view(claims.decide(id, new Claims.Decision(false, Map.of(), request.note().strip())));
    }
}
