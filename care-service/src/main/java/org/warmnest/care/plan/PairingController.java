package org.warmnest.care.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

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
import org.warmnest.care.elder.ElderRoles;
import org.warmnest.platform.catalogue.ServiceItem;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.sheet.XlsxExport.Column;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Pairings (包保 / 结对) with their hand-overs, and the three lists per area (底数、需求、包保 三项清单). */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}")
@Tag(name = "pairings", description = "Pairings (包保/结对), hand-overs, and the three lists per area")
class PairingController {

    private static final String PAIRERS = "hasAnyRole('bureau-admin','contractor-manager')";

    private final Pairings pairings;
    private final ThreeLists lists;
    private final org.warmnest.platform.tenancy.DistrictReads districts;

    PairingController(Pairings pairings, ThreeLists lists, org.warmnest.platform.tenancy.DistrictReads districts) {
        this.pairings = pairings;
        this.lists = lists;
        this.districts = districts;
    }

    record DistrictLists(String district, ThreeLists.Summary summary) {
    }

    record CityLists(List<DistrictLists> districts, long elders, long paired, long unpaired, Double coverage) {
    }

    @GetMapping("/three-lists/by-district")
    @PreAuthorize("hasAnyRole('bureau-admin','auditor')")
    @Operation(summary = "A city's districts side by side: each district's base count, paired, unpaired and coverage")
    CityLists byDistrict(@PathVariable String tenant) {
        org.warmnest.platform.tenancy.TenantCode city = org.warmnest.platform.tenancy.TenantContext.require();
        var each = districts.forEachDistrict(city, d -> lists.summary(null, null, null));
        List<DistrictLists> rows = each.entrySet().stream()
                .map(e -> new DistrictLists(e.getKey().value(), e.getValue())).toList();
        long elders = rows.stream().mapToLong(r -> r.summary().elders()).sum();
        long paired = rows.stream().mapToLong(r -> r.summary().paired()).sum();
        return new CityLists(rows, elders, paired, elders - paired,
                elders == 0 ? null : Math.round(paired * 10000.0 / elders) / 10000.0);
    }

    record PairingRequest(@NotNull UUID elderId, @NotNull UUID volunteerId, @NotNull Pairing.Level level,
            @Size(max = 100) String organisedBy, LocalDate startedOn, @Valid CadenceSpec cadence,
            ServiceItem serviceItem) {
    }

    record EndRequest(LocalDate lastDay, @Size(max = 200) String reason) {
    }

    record HandOverRequest(@NotNull UUID toVolunteerId, LocalDate on, @Size(max = 200) String reason) {
    }

    record PairingView(UUID id, UUID elderId, UUID volunteerId, Pairing.Level level, String organisedBy,
            LocalDate startedOn, LocalDate endedOn, String endReason, UUID handedOverFrom, UUID planItemId,
            String createdBy, Instant createdAt, long version) {

        static PairingView of(Pairing p) {
            return new PairingView(p.id(), p.elderId(), p.volunteerId(), p.level(), p.organisedBy(), p.startedOn(),
                    p.endedOn(), p.endReason(), p.handedOverFrom(), p.planItemId(), p.createdBy(), p.createdAt(),
                    p.version());
        }
    }

    @PostMapping("/pairings")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(PAIRERS)
    @Operation(summary = "Pair an elder with a volunteer or cadre; the pairing's contact cadence (daily by default) "
            + "becomes a care-plan item the volunteer answers for")
    PairingView pair(@PathVariable String tenant, @Valid @RequestBody PairingRequest r) {
        return PairingView.of(pairings.pair(new Pairings.NewPairing(r.elderId(), r.volunteerId(), r.level(),
                r.organisedBy(), r.startedOn(), r.cadence(), r.serviceItem())));
    }

    @GetMapping("/pairings")
    @PreAuthorize(ElderRoles.READERS)
    List<PairingView> search(@PathVariable String tenant, @RequestParam(required = false) UUID elderId,
            @RequestParam(required = false) UUID volunteerId, @RequestParam(defaultValue = "true") boolean active) {
        return pairings.search(elderId, volunteerId, active).stream().map(PairingView::of).toList();
    }

    @PostMapping("/pairings/{id}/end")
    @PreAuthorize(PAIRERS)
    @Operation(summary = "End a pairing (and its plan item) on the day")
    PairingView end(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody EndRequest r) {
        return PairingView.of(pairings.end(id, r.lastDay(), r.reason()));
    }

    @PostMapping("/pairings/{id}/hand-over")
    @PreAuthorize(PAIRERS)
    @Operation(summary = "Hand the elder over to another volunteer from the day: this pairing ends the day before, "
            + "the successor's starts, and the plan item passes to the successor")
    PairingView handOver(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody HandOverRequest r) {
        return PairingView.of(pairings.handOver(id, r.toVolunteerId(), r.on(), r.reason()));
    }

    @PostMapping("/volunteers/{id}/hand-over")
    @PreAuthorize(PAIRERS)
    @Operation(summary = "A leaving volunteer's elders, all handed over to one successor; the volunteer is then "
            + "inactive")
    List<PairingView> handOverAll(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody HandOverRequest r) {
        return pairings.handOverAll(id, r.toVolunteerId(), r.on(), r.reason()).stream().map(PairingView::of)
                .toList();
    }

    @GetMapping("/three-lists")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "The three lists (底数、需求、包保): every active elder of the area with their needs and who is "
            + "paired with them, the unpaired first")
    PageView<ThreeLists.Row> threeLists(@PathVariable String tenant,
            @RequestParam(required = false) String streetCode, @RequestParam(required = false) String communityCode,
            @RequestParam(required = false) String gridCode,
            @RequestParam(defaultValue = "false") boolean unpairedOnly,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return new PageView<>(lists.rows(streetCode, communityCode, gridCode, unpairedOnly, page * size, size), page,
                size, lists.count(streetCode, communityCode, gridCode, unpairedOnly));
    }

    @GetMapping("/three-lists/summary")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "The area's base count, paired and unpaired, coverage, elders with needs open, per grid")
    ThreeLists.Summary threeListsSummary(@PathVariable String tenant,
            @RequestParam(required = false) String streetCode, @RequestParam(required = false) String communityCode,
            @RequestParam(required = false) String gridCode) {
        return lists.summary(streetCode, communityCode, gridCode);
    }

    @GetMapping("/three-lists/export")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "The three lists as XLSX: 底数清单, 需求清单, 包保清单 and the figures (at most 50,000 elders)")
    ResponseEntity<StreamingResponseBody> exportThreeLists(@PathVariable String tenant,
            @RequestParam(required = false) String streetCode, @RequestParam(required = false) String communityCode,
            @RequestParam(required = false) String gridCode) {
        List<ThreeLists.Row> rows = lists.rows(streetCode, communityCode, gridCode, false, 0, 50_000);
        ThreeLists.Summary s = lists.summary(streetCode, communityCode, gridCode);
        return XlsxExport.response("三项清单_" + tenant, List.of(
                XlsxExport.Sheet.of("底数清单", List.of(Column.<ThreeLists.Row>of("姓名", ThreeLists.Row::name),
                        Column.<ThreeLists.Row>of("年龄", ThreeLists.Row::age),
                        Column.<ThreeLists.Row>of("街道", ThreeLists.Row::streetCode),
                        Column.<ThreeLists.Row>of("社区", ThreeLists.Row::communityCode),
                        Column.<ThreeLists.Row>of("网格", ThreeLists.Row::gridCode),
                        Column.<ThreeLists.Row>of("类别", r -> String.join("、", r.categories()))), rows),
                XlsxExport.Sheet.of("需求清单", List.of(Column.<ThreeLists.Row>of("姓名", ThreeLists.Row::name),
                        Column.<ThreeLists.Row>of("风险等级", ThreeLists.Row::riskTier),
                        Column.<ThreeLists.Row>of("能力等级", ThreeLists.Row::abilityLevel),
                        Column.<ThreeLists.Row>of("未办结困难诉求", ThreeLists.Row::openDifficulties),
                        Column.<ThreeLists.Row>of("诉求类别", ThreeLists.Row::difficultyCategories),
                        Column.<ThreeLists.Row>of("未整改隐患", ThreeLists.Row::openHazards),
                        Column.<ThreeLists.Row>of("在执行服务项目", ThreeLists.Row::planItems)), rows),
                XlsxExport.Sheet.of("包保清单", List.of(Column.<ThreeLists.Row>of("姓名", ThreeLists.Row::name),
                        Column.<ThreeLists.Row>of("网格", ThreeLists.Row::gridCode),
                        Column.<ThreeLists.Row>of("包保人", r -> r.covered() ? r.pairedWith() : "未包保")), rows),
                XlsxExport.Sheet.of("汇总", List.of(Column.<Object[]>of("项目", x -> x[0]),
                        Column.<Object[]>of("数值", x -> x[1])), List.of(new Object[] { "老人数（底数）", s.elders() },
                                new Object[] { "已包保", s.paired() }, new Object[] { "未包保", s.unpaired() },
                                new Object[] { "包保覆盖率", s.coverage() == null ? "—"
                                        : String.format("%.2f%%", s.coverage() * 100) },
                                new Object[] { "有未办结诉求或隐患", s.withOpenDifficulties() }))));
    }
}
