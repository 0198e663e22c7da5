package org.warmnest.billing.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.billing.idempotency.MovesMoney;
import org.warmnest.billing.money.Yuan;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Budget lines (预算指标) of an allocation, by phase and district, with the money each holds. */
@RestController
@RequestMapping("/api/billing/v1/tenants/{tenant}")
@Tag(name = "budget lines", description = "An allocation split by phase and district, and each line's balances")
class BudgetLineController {

    private static final String WRITERS = "hasAnyRole('finance-officer','platform-admin')";
    private static final String READERS = "hasAnyRole('finance-officer','bureau-admin','auditor','platform-admin')";

    private final BudgetLines lines;

    BudgetLineController(BudgetLines lines) {
        this.lines = lines;
    }

    record LineRequest(@NotNull @Min(1) @Max(20) Integer phase,
            @NotNull @Pattern(regexp = "[1-9][0-9]{5}") String districtCode,
            @NotBlank @Size(max = 200) String name,
            @Schema(type = "string", example = "300000.00")
            @NotNull @Positive @Digits(integer = Yuan.INTEGER_DIGITS, fraction = Yuan.SCALE) BigDecimal amount) {
    }

    record AdjustmentRequest(
            @Schema(type = "string", example = "-20000.00", description = "more (positive) or less (negative)")
            @NotNull @Digits(integer = Yuan.INTEGER_DIGITS, fraction = Yuan.SCALE) BigDecimal change,
            @NotBlank @Size(max = 500) String reason) {
    }

    /** A line's money in the README's terms (资金口径). */
    record LineView(UUID id, UUID allocationId, int phase, String districtCode, String districtName, String name,
            int fiscalYear, UUID carriedFromId, Instant closedAt, String allocated, String committed, String drawn,
            String paid, String encumbered, String held, String available, String executionRate,
            @io.swagger.v3.oas.annotations.media.Schema(description = "money carried over from last year: what is "
                    + "still uncommitted when this year closes is recalled (结转资金，年末未用将收回)")
            boolean recalledIfUnspent) {

        static LineView of(BudgetLines.LineBalance b) {
            BigDecimal rate = b.executionRate();
            return new LineView(b.id(), b.allocationId(), b.phase(), b.districtCode(), b.districtName(), b.name(),
                    b.fiscalYear(), b.carriedFromId(), b.closedAt(), Yuan.format(b.allocated()),
                    Yuan.format(b.committed()), Yuan.format(b.drawn()), Yuan.format(b.paid()),
                    Yuan.format(b.drawn().subtract(b.paid())), Yuan.format(b.held()), Yuan.format(b.available()),
                    rate == null ? null : rate.toPlainString(), b.carriedFromId() != null && b.closedAt() == null);
        }
    }

    record BudgetView(UUID allocationId, String amount, String unbudgeted, List<LineView> lines) {
    }

    @GetMapping("/allocations/{id}/lines")
    @PreAuthorize(READERS)
    @Operation(summary = "The allocation's budget lines with what each has allocated, committed, drawn, held "
            + "back and available, and what is not yet set aside")
    BudgetView budget(@PathVariable String tenant, @PathVariable UUID id) {
        BudgetLines.Budget b = lines.budget(id);
        return new BudgetView(id, Yuan.format(b.allocationAmount()), Yuan.format(b.unbudgeted()),
                b.lines().stream().map(LineView::of).toList());
    }

    @PostMapping("/allocations/{id}/lines")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITERS)
    @Operation(summary = "Set money of the allocation aside for a phase and a district")
    @MovesMoney
    LineView create(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody LineRequest request) {
        return LineView.of(lines.create(id, new BudgetLines.NewLine(request.phase(), request.districtCode(),
                request.name().strip(), request.amount()), CurrentUser.get().subject()));
    }

    @GetMapping("/budget-lines/{lineId}")
    @PreAuthorize(READERS)
    LineView line(@PathVariable String tenant, @PathVariable UUID lineId) {
        return LineView.of(lines.balance(lineId));
    }

    @PostMapping("/budget-lines/{lineId}/adjustments")
    @PreAuthorize(WRITERS)
    @Operation(summary = "More money for the line from its allocation, or uncommitted money given back")
    @MovesMoney
    LineView adjust(@PathVariable String tenant, @PathVariable UUID lineId,
            @Valid @RequestBody AdjustmentRequest request) {
        if (request.change().signum() == 0) {
            throw ProblemException.invalid("change", "change-zero");
        }
        return LineView.of(lines.adjust(lineId, request.change(), request.reason().strip(),
                CurrentUser.get().subject()));
    }
}
