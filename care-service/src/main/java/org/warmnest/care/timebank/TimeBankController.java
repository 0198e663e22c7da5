package org.warmnest.care.timebank;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.sheet.XlsxExport.Column;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The time bank (时间银行): a volunteer's minutes, earned from verified service only; redemptions, donations and
 * transfers; the elder's evaluation of a service; rankings and a certificate of hours. Hours are shown with two
 * decimals (one hour of service is one unit); requests are in whole minutes.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/time-bank")
@Tag(name = "time bank", description = "Time bank (时间银行): hours earned from verified service, redeemed, donated")
class TimeBankController {

    private static final String READERS = "hasAnyRole('bureau-admin','contractor-manager','care-worker','auditor')";
    private static final String WRITERS = "hasAnyRole('bureau-admin','contractor-manager','care-worker')";

    private final TimeBank bank;

    TimeBankController(TimeBank bank) {
        this.bank = bank;
    }

    record RedemptionRequest(@NotNull @Min(1) @Max(100_000) Integer minutes, @NotNull TimeBank.Beneficiary beneficiary,
            @Size(max = 50) String familyName, @Size(max = 20) String relation, LocalDate familyBirthDate,
            UUID elderId, @Size(max = 500) String service) {
    }

    record DonationRequest(@NotNull @Min(1) @Max(100_000) Integer minutes, UUID elderId, @Size(max = 500) String note) {
    }

    record TransferRequest(@NotNull @Min(1) @Max(100_000) Integer minutes, UUID toVolunteerId, UUID toElderId,
            @Size(max = 20) String relation) {
    }

    record EvaluationRequest(@NotNull @Min(1) @Max(5) Integer stars, @Size(max = 500) String comment) {
    }

    record EntryView(UUID id, long seq, String kind, int minutes, String hours, String balanceHours, UUID visitId,
            String beneficiary, String note, Integer stars, Instant at) {
    }

    record StatementView(UUID volunteerId, String name, String balanceHours, String earnedHours,
            String redeemedHours, String givenHours, String expiredHours, Double averageStars, int balanceMinutes,
            List<EntryView> entries) {
    }

    record RankView(int rank, UUID volunteerId, String name, String earnedHours, long services, Double averageStars) {
    }

    static StatementView view(TimeBank.Statement s) {
        return new StatementView(s.volunteerId(), s.name(), TimeLedger.hours(s.balanceMinutes()),
                TimeLedger.hours(s.earnedMinutes()), TimeLedger.hours(s.redeemedMinutes()),
                TimeLedger.hours(s.donatedMinutes()), TimeLedger.hours(s.expiredMinutes()), s.averageStars(),
                s.balanceMinutes(), s.entries().stream().map(e -> new EntryView(e.id(), e.seq(), e.kind(), e.minutes(),
                        TimeLedger.hours(e.minutes()), TimeLedger.hours(e.balanceAfter()), e.visitId(), e.beneficiary(),
                        e.note(), e.stars(), e.at())).toList());
    }

    @GetMapping("/volunteers/{volunteerId}")
    @PreAuthorize(READERS)
    @Operation(summary = "A volunteer's hours: balance, earned, redeemed, given, expired, and the entries, newest first")
    StatementView statement(@PathVariable String tenant, @PathVariable UUID volunteerId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return view(bank.statement(volunteerId, page * size, size));
    }

    @PostMapping("/volunteers/{volunteerId}/redemptions")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Redeem minutes for a service to the volunteer, a family member or an elder of age")
    StatementView redeem(@PathVariable String tenant, @PathVariable UUID volunteerId,
            @Valid @RequestBody RedemptionRequest r) {
        bank.redeem(volunteerId, new TimeBank.Redemption(r.minutes(), r.beneficiary(), r.familyName(), r.relation(),
                r.familyBirthDate(), r.elderId(), r.service()));
        return view(bank.statement(volunteerId, 0, 20));
    }

    @PostMapping("/volunteers/{volunteerId}/donations")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Give minutes to the pool, or to an elder in difficulty")
    StatementView donate(@PathVariable String tenant, @PathVariable UUID volunteerId,
            @Valid @RequestBody DonationRequest r) {
        bank.donate(volunteerId, r.minutes(), r.elderId(), r.note());
        return view(bank.statement(volunteerId, 0, 20));
    }

    @PostMapping("/volunteers/{volunteerId}/transfers")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Transfer minutes to a family member: another volunteer here, or an elder here")
    StatementView transfer(@PathVariable String tenant, @PathVariable UUID volunteerId,
            @Valid @RequestBody TransferRequest r) {
        bank.transfer(volunteerId, r.minutes(), r.toVolunteerId(), r.toElderId(), r.relation());
        return view(bank.statement(volunteerId, 0, 20));
    }

    record ElderRedemptionRequest(@NotNull @Min(1) @Max(100_000) Integer minutes, @Size(max = 500) String service) {
    }

    record ElderHoursView(UUID elderId, String balanceHours, int balanceMinutes) {
    }

    @GetMapping("/elders/{elderId}")
    @PreAuthorize(READERS)
    @Operation(summary = "The minutes an elder in difficulty holds, given by volunteers")
    ElderHoursView elderHours(@PathVariable String tenant, @PathVariable UUID elderId) {
        int minutes = bank.elderBalance(elderId);
        return new ElderHoursView(elderId, TimeLedger.hours(minutes), minutes);
    }

    @PostMapping("/elders/{elderId}/redemptions")
    @PreAuthorize(WRITERS)
    @Operation(summary = "Spend minutes an elder was given on a service to the elder")
    ElderHoursView redeemForElder(@PathVariable String tenant, @PathVariable UUID elderId,
            @Valid @RequestBody ElderRedemptionRequest r) {
        bank.redeemForElder(elderId, r.minutes(), r.service());
        return elderHours(tenant, elderId);
    }

    @PostMapping("/entries/{entryId}/evaluation")
    @PreAuthorize(WRITERS)
    @Operation(summary = "The served elder's evaluation (1–5 stars) of a service that earned minutes, once")
    void evaluate(@PathVariable String tenant, @PathVariable UUID entryId, @Valid @RequestBody EvaluationRequest r) {
        bank.evaluate(entryId, r.stars(), r.comment());
    }

    @GetMapping("/rankings")
    @PreAuthorize(READERS)
    @Operation(summary = "Volunteers by hours earned in the period, the most first (incentives, recognition)")
    List<RankView> rankings(@PathVariable String tenant,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int limit) {
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "before-from");
        }
        return bank.rankings(from, to, limit).stream().map(r -> new RankView(r.rank(), r.volunteerId(), r.name(),
                TimeLedger.hours(r.earnedMinutes()), r.services(), r.averageStars())).toList();
    }

    record PoolView(String balanceHours, int balanceMinutes) {
    }

    @GetMapping("/pool")
    @PreAuthorize(READERS)
    PoolView pool(@PathVariable String tenant) {
        int minutes = bank.poolBalance();
        return new PoolView(TimeLedger.hours(minutes), minutes);
    }

    record ExpiryView(String expiredHours) {
    }

    @PostMapping("/expiry")
    @PreAuthorize("hasRole('bureau-admin')")
    @Operation(summary = "Expire now what was received before the expiry period and not spent since (oldest first)")
    ExpiryView expire(@PathVariable String tenant) {
        return new ExpiryView(TimeLedger.hours(bank.expire()));
    }

    @GetMapping("/volunteers/{volunteerId}/certificate")
    @PreAuthorize(READERS)
    @Operation(summary = "A certificate of hours (志愿服务时长证明) as XLSX: totals and every service that earned")
    ResponseEntity<StreamingResponseBody> certificate(@PathVariable String tenant, @PathVariable UUID volunteerId) {
        TimeBank.Statement s = bank.statement(volunteerId, 0, 10_000);
        List<TimeBank.Entry> earned = s.entries().stream().filter(e -> e.kind().equals("EARN")).toList();
        return XlsxExport.response("志愿服务时长证明_" + s.name(), List.of(
                XlsxExport.Sheet.of("时长证明", List.of(Column.<String[]>of("项目", r -> r[0]),
                        Column.<String[]>of("内容", r -> r[1])), List.of(new String[] { "志愿者", s.name() },
                                new String[] { "累计服务时长（小时）", TimeLedger.hours(s.earnedMinutes()) },
                                new String[] { "当前余额（小时）", TimeLedger.hours(s.balanceMinutes()) },
                                new String[] { "服务评价（平均星级）",
                                        s.averageStars() == null ? "—" : String.format("%.1f", s.averageStars()) })),
                XlsxExport.Sheet.of("服务记录", List.of(Column.<TimeBank.Entry>of("日期", TimeBank.Entry::at),
                        Column.<TimeBank.Entry>of("时长（小时）", e -> TimeLedger.hours(e.minutes())),
                        Column.<TimeBank.Entry>of("评价", e -> e.stars() == null ? "" : e.stars() + "星"),
                        Column.<TimeBank.Entry>of("服务记录号", TimeBank.Entry::visitId)), earned)));
    }
}
