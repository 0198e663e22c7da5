package org.warmnest.care.activity;

import java.time.LocalDate;
import java.util.UUID;

import org.springdoc.core.annotations.ParameterObject;
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
import org.warmnest.care.elder.ElderRoles;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Case services (个案服务): opened for an elder, closed with the outcome. */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/case-services")
@Tag(name = "case services", description = "Case services (个案服务) of social workers (五社联动)")
class CaseServiceController {

    private final CaseServices cases;

    CaseServiceController(CaseServices cases) {
        this.cases = cases;
    }

    record CaseRequest(@NotNull UUID elderId, LocalDate openedOn, @NotBlank @Size(max = 50) String socialWorker,
            @NotBlank @Size(max = 1_000) String problem, @Size(max = 2_000) String plan, UUID contractorId) {
    }

    record CloseRequest(LocalDate closedOn, @NotBlank @Size(max = 2_000) String outcome) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Open a case service for an elder (today if no day is given)")
    CaseServices.Case open(@PathVariable String tenant, @Valid @RequestBody CaseRequest r) {
        return cases.open(new CaseServices.NewCase(r.elderId(), r.openedOn(), r.socialWorker(), r.problem(),
                r.plan(), r.contractorId()));
    }

    @GetMapping
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Case services opened in the period (either end open), of elders of the area")
    PageView<CaseServices.Case> list(@PathVariable String tenant, @Valid @ParameterObject ActivityQuery q,
            @RequestParam(required = false) CaseServices.Status status,
            @RequestParam(required = false) UUID elderId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return cases.page(q.scope(), status, elderId, page, size);
    }

    @GetMapping("/{id}")
    @PreAuthorize(ElderRoles.READERS)
    CaseServices.Case get(@PathVariable String tenant, @PathVariable UUID id) {
        return cases.get(id);
    }

    @PostMapping("/{id}/close")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Close the case with its outcome (today if no day is given)")
    CaseServices.Case close(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody CloseRequest r) {
        return cases.close(id, r.closedOn(), r.outcome());
    }
}
