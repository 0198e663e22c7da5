package org.warmnest.tenant.program;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.problem.ProblemException.FieldProblem;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Programs owned by the tenant in the path (a city or a district), with the districts they cover. */
@RestController
@RequestMapping("/api/tenants/v1/tenants/{tenant}/programs")
@Tag(name = "programs", description = "Named schemes such as 温暖玉溪·呵护夕阳, with years and districts")
class ProgramController {

    private static final String WRITERS = "hasAnyRole('platform-admin','bureau-admin')";
    private static final String READERS = "hasAnyRole('platform-admin','bureau-admin','contractor-manager',"
            + "'care-worker','finance-officer','auditor')";

    private final ProgramRepository programs;
    private final ProgramUsage usage;
    private final Clock clock;

    ProgramController(ProgramRepository programs, ProgramUsage usage, Clock clock) {
        this.programs = programs;
        this.usage = usage;
        this.clock = clock;
    }

    record ProgramRequest(@NotBlank @Size(max = 100) String name,
            @NotNull @Min(2000) @Max(2100) Integer startYear,
            @NotNull @Min(2000) @Max(2100) Integer endYear,
            @Size(max = 2000) String description,
            @NotEmpty @Size(max = 50) List<@NotNull String> districtCodes) {
    }

    record ProgramView(UUID id, String owner, String name, int startYear, int endYear, String description,
            List<String> districtCodes, Instant createdAt, Instant updatedAt, long version) {

        static ProgramView of(Program p, TenantCode owner) {
            return new ProgramView(p.id(), owner.value(), p.name(), p.startYear(), p.endYear(), p.description(),
                    List.copyOf(p.districtCodes()), p.createdAt(), p.updatedAt(), p.version());
        }
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    List<ProgramView> list(@PathVariable String tenant) {
        TenantCode owner = TenantContext.require();
        return programs.findAll(Sort.by(Sort.Order.desc("startYear"), Sort.Order.asc("name"))).stream()
                .map(p -> ProgramView.of(p, owner)).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    ProgramView get(@PathVariable String tenant, @PathVariable UUID id) {
        return ProgramView.of(find(id), TenantContext.require());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITERS)
    @Transactional
    ProgramView create(@PathVariable String tenant, @Valid @RequestBody ProgramRequest request) {
        Instant now = clock.instant();
        Program p = new Program(UUID.randomUUID(), now);
        describe(p, request, now);
        return ProgramView.of(programs.saveAndFlush(p), TenantContext.require());
    }

    @PutMapping("/{id}")
    @PreAuthorize(WRITERS)
    @Transactional
    ProgramView update(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody ProgramRequest request) {
        Program p = find(id);
        describe(p, request, clock.instant());
        return ProgramView.of(programs.saveAndFlush(p), TenantContext.require());
    }

    // No transaction around the whole request: usage is read district by district, each in a transaction of its
    // own, and holding this tenant's connection meanwhile could exhaust the pool.
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(WRITERS)
    void remove(@PathVariable String tenant, @PathVariable UUID id) {
        find(id);
        if (usage.isInUse(TenantContext.require(), id)) {
            throw ProblemException.conflict("program-in-use", id);
        }
        programs.deleteById(id);
    }

    private void describe(Program p, ProgramRequest r, Instant now) {
        TenantCode owner = TenantContext.require();
        List<FieldProblem> problems = new ArrayList<>(ProgramCoverage.problems(owner, r.districtCodes()));
        if (r.endYear() < r.startYear()) {
            problems.add(new FieldProblem("endYear", "year-order", null));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation-failed", problems);
        }
        p.describe(r.name().strip(), r.startYear(), r.endYear(), r.description(),
                ProgramCoverage.normalised(r.districtCodes()), now);
    }

    private Program find(UUID id) {
        return programs.findById(id).orElseThrow(() -> ProblemException.notFound("program-not-found", id));
    }
}
