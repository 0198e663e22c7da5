package org.warmnest.care.plan;

import java.time.Instant;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.care.elder.ElderRoles;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Programs' default plans. The bureau keeps them; the programs' own rhythms are offered as presets to adopt.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/plan-templates")
@io.swagger.v3.oas.annotations.tags.Tag(name = "care plans")
class PlanTemplateController {

    private static final String KEEPERS = "hasRole('bureau-admin')";

    private final PlanTemplateRepository templates;
    private final CarePlans plans;
    private final java.time.Clock clock;

    PlanTemplateController(PlanTemplateRepository templates, CarePlans plans, java.time.Clock clock) {
        this.templates = templates;
        this.plans = plans;
        this.clock = clock;
    }

    record TemplateView(UUID id, String name, UUID programId, String description, List<PlanTemplate.Rule> rules,
            Instant createdAt, Instant updatedAt, Long version) {
    }

    record TemplateRequest(@NotBlank @Size(max = 100) String name, UUID programId,
            @Size(max = 1000) String description, List<PlanTemplate.Rule> rules, Long version) {
    }

    @GetMapping
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    List<TemplateView> list(@PathVariable String tenant) {
        return templates.findAll(Sort.by("name")).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    TemplateView one(@PathVariable String tenant, @PathVariable UUID id) {
        return view(find(id));
    }

    /** The programs' rhythms, ready to adopt as templates (一日三问, 包保日沟通, 六个一, 四位一体). */
    @GetMapping("/presets")
    @PreAuthorize(ElderRoles.READERS)
    List<Presets.Preset> presets(@PathVariable String tenant) {
        return Presets.ALL;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(KEEPERS)
    @Transactional
    TemplateView create(@PathVariable String tenant, @Valid @RequestBody TemplateRequest request) {
        UUID id = UUID.randomUUID();
        unique(request.name(), id);
        PlanTemplate t = new PlanTemplate(id, CurrentUser.get().subject(), clock.instant());
        t.describe(request.name().strip(), request.programId(), request.description(),
                plans.rulesJson(request.rules()), clock.instant());
        return view(templates.saveAndFlush(t));
    }

    /** Changes the template for plans made from now on; plans already made keep their items. */
    @PutMapping("/{id}")
    @PreAuthorize(KEEPERS)
    @Transactional
    TemplateView update(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody TemplateRequest request) {
        PlanTemplate t = find(id);
        if (request.version() == null) {
            throw ProblemException.invalid("version", "required");
        }
        if (!request.version().equals(t.version())) {
            throw ProblemException.conflict("plan-template-modified", id, t.version());
        }
        unique(request.name(), id);
        t.describe(request.name().strip(), request.programId(), request.description(),
                plans.rulesJson(request.rules()), clock.instant());
        return view(templates.saveAndFlush(t));
    }

    /** Removes a template no plan was made from; one that was used stays, as the plans' items name it. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(KEEPERS)
    @Transactional
    void delete(@PathVariable String tenant, @PathVariable UUID id, @RequestParam long version) {
        PlanTemplate t = find(id);
        if (t.version() != version) {
            throw ProblemException.conflict("plan-template-modified", id, t.version());
        }
        try {
            templates.delete(t);
            templates.flush();
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw ProblemException.conflict("plan-template-in-use", id);
        }
    }

    private void unique(String name, UUID id) {
        if (name != null && templates.existsByNameAndIdNot(name.strip(), id)) {
            throw ProblemException.conflict("plan-template-name-taken", name.strip());
        }
    }

    private PlanTemplate find(UUID id) {
        return templates.findById(id).orElseThrow(() -> ProblemException.notFound("plan-template-not-found", id));
    }

    private TemplateView view(PlanTemplate t) {
        return new TemplateView(t.id(), t.name(), t.programId(), t.description(), plans.rules(t), t.createdAt(),
                t.updatedAt(), t.version());
    }
}
