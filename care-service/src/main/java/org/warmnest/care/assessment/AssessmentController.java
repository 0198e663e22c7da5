package org.warmnest.care.assessment;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
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
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Elder ability assessments (GB/T 42195-2022): recorded by assessors, never edited, corrected by a new
 * assessment that supersedes the old; and the list of elders due for reassessment. Contractor staff reach only
 * their contractor's elders.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}")
@Tag(name = "assessments", description = "Elder ability assessments (老年人能力评估) and reassessments due")
class AssessmentController {

    private final Assessments assessments;
    private final ReassessmentDueRepository due;

    AssessmentController(Assessments assessments, ReassessmentDueRepository due) {
        this.assessments = assessments;
        this.due = due;
    }

    @PostMapping("/elders/{elderId}/assessments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    AssessmentView record(@PathVariable String tenant, @PathVariable UUID elderId,
            @Valid @RequestBody AssessmentRequest request) {
        return AssessmentView.of(assessments.record(elderId, request));
    }

    /** Newest first. */
    @GetMapping("/elders/{elderId}/assessments")
    @PreAuthorize(ElderRoles.READERS)
    PageView<AssessmentView> history(@PathVariable String tenant, @PathVariable UUID elderId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        Sort newestFirst = Sort.by(Sort.Order.desc("assessedOn"), Sort.Order.desc("createdAt"), Sort.Order.desc("id"));
        return PageView.of(assessments.history(elderId, PageRequest.of(page, size, newestFirst)),
                AssessmentView::of);
    }

    @GetMapping("/elders/{elderId}/assessments/{id}")
    @PreAuthorize(ElderRoles.READERS)
    AssessmentView one(@PathVariable String tenant, @PathVariable UUID elderId, @PathVariable UUID id) {
        return AssessmentView.of(assessments.one(elderId, id));
    }

    /** A new assessment (reason CORRECTION) that supersedes the given one, which stays as it was. */
    @PostMapping("/elders/{elderId}/assessments/{id}/corrections")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    AssessmentView correct(@PathVariable String tenant, @PathVariable UUID elderId, @PathVariable UUID id,
            @Valid @RequestBody AssessmentRequest request) {
        return AssessmentView.of(assessments.correct(elderId, id, request));
    }

    record RevealRequest(@NotBlank @Size(min = 2, max = 200) String reason) {
    }

    /**
     * The conditions that adjusted the level, the diagnoses, care-risk events and note in full, with the reason;
     * every such read is on the trail.
     */
    @PostMapping("/elders/{elderId}/assessments/{id}/sensitive-data")
    @PreAuthorize(ElderRoles.REVEALERS)
    @Operation(summary = "Adjusting conditions, diagnoses, care-risk events and note in full, with the reason; "
            + "every such read is audited")
    Assessments.SensitiveData reveal(@PathVariable String tenant, @PathVariable UUID elderId, @PathVariable UUID id,
            @Valid @RequestBody RevealRequest request) {
        return assessments.reveal(elderId, id, request.reason());
    }

    record DueView(UUID elderId, String name, String gridCode, UUID contractorId, Integer abilityLevel,
            String abilityLevelName, LocalDate lastAssessedOn, LocalDate nextAssessmentDue) {

        static DueView of(ReassessmentDue e) {
            return new DueView(e.id(), e.name(), e.gridCode(), e.contractorId(), e.abilityLevel(),
                    e.abilityLevel() == null ? null : AbilityLevel.of(e.abilityLevel()).chineseName(),
                    e.lastAssessedOn(), e.nextAssessmentDue());
        }
    }

    /**
     * Active elders whose reassessment is due on or before {@code before} (today in China if not given), or who
     * were never assessed; those never assessed first, then by due date.
     */
    @GetMapping("/assessments/due")
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    PageView<DueView> due(@PathVariable String tenant,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate before,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return PageView.of(dueUntil(before, page, size), DueView::of);
    }

    @GetMapping("/assessments/due/export")
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    @Operation(summary = "The reassessments due as XLSX (at most 50,000 rows), for the workers' round")
    ResponseEntity<StreamingResponseBody> exportDue(@PathVariable String tenant,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate before) {
        List<DueView> rows = dueUntil(before, 0, 50_000).map(DueView::of).getContent();
        return XlsxExport.response("待评估老人", "待评估", List.of(
                XlsxExport.Column.<DueView>of("姓名", DueView::name),
                XlsxExport.Column.<DueView>of("网格代码", DueView::gridCode),
                XlsxExport.Column.<DueView>of("能力等级", DueView::abilityLevelName),
                XlsxExport.Column.<DueView>of("上次评估", DueView::lastAssessedOn),
                XlsxExport.Column.<DueView>of("应评估日期", v -> v.nextAssessmentDue() == null ? "从未评估"
                        : v.nextAssessmentDue()),
                XlsxExport.Column.<DueView>of("老人档案", DueView::elderId)), rows);
    }

    private Page<ReassessmentDue> dueUntil(LocalDate before, int page, int size) {
        LocalDate until = before == null ? assessments.today() : before;
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.asc("nextAssessmentDue").nullsFirst(),
                Sort.Order.asc("name"), Sort.Order.asc("id")));
        return CurrentUser.get().contractorScope()
                .map(c -> due.dueOfContractor(c, until, request)).orElseGet(() -> due.due(until, request));
    }
}
