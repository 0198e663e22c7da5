package org.warmnest.care.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
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
import org.warmnest.platform.catalogue.ServiceItem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An elder's care plan (一人一策): the items in force, their history, and adding, adjusting and ending items by
 * hand or from a program's template. Contractor staff reach only their contractor's elders.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/elders/{elderId}/plan")
@Tag(name = "care plans", description = "Care plans (一人一策): service items with a cadence and who answers for them")
class CarePlanController {

    private final CarePlans plans;

    CarePlanController(CarePlans plans) {
        this.plans = plans;
    }

    record ItemView(UUID id, UUID elderId, UUID programId, ServiceItem serviceItem, String serviceItemLabel,
            CadenceSpec cadence, String cadenceLabel, Set<ContactMode> modes, Responsible responsibleKind,
            String responsibleRef, String responsibleName, LocalDate activeFrom, LocalDate activeTo,
            PlanItem.Source source, UUID templateId, UUID replacesId, String note, String createdBy,
            Instant createdAt, Long version) {

        static ItemView of(PlanItem i) {
            Cadence c = i.cadence();
            return new ItemView(i.id(), i.elderId(), i.programId(), i.serviceItem(), i.serviceItem().label,
                    CadenceSpec.of(c), CadenceSpec.describe(c), i.modes(), i.responsibleKind(), i.responsibleRef(),
                    i.responsibleName(), i.activeFrom(), i.activeTo(), i.source(), i.templateId(), i.replacesId(),
                    i.note(), i.createdBy(), i.createdAt(), i.version());
        }
    }

    record ItemRequest(ServiceItem serviceItem, @NotNull CadenceSpec cadence, Set<ContactMode> modes,
            CarePlans.ResponsibleRef responsible, UUID programId, LocalDate activeFrom,
            @Size(max = 500) String note, Long version) {

        CarePlans.ItemTerms terms() {
            return new CarePlans.ItemTerms(serviceItem, cadence, modes, responsible, programId, activeFrom, note);
        }
    }

    record ApplyRequest(@NotNull UUID templateId, LocalDate activeFrom, CarePlans.ResponsibleRef responsible,
            UUID programId) {
    }

    record AppliedView(List<ItemView> created, List<ServiceItem> alreadyPlanned) {
    }

    /** The items in force on the day (today in China if not given), or every item ever with {@code history}. */
    @GetMapping
    @PreAuthorize(ElderRoles.READERS)
    List<ItemView> plan(@PathVariable String tenant, @PathVariable UUID elderId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @RequestParam(defaultValue = "false") boolean history) {
        return (history ? plans.history(elderId) : plans.inForce(elderId, on)).stream().map(ItemView::of).toList();
    }

    @PostMapping("/items")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    ItemView add(@PathVariable String tenant, @PathVariable UUID elderId, @Valid @RequestBody ItemRequest request) {
        return ItemView.of(plans.add(elderId, request.terms()));
    }

    /**
     * New terms from {@code activeFrom} (today if not given, never earlier): the item ends the day before and a
     * new item replaces it; the response is the new item.
     */
    @PutMapping("/items/{itemId}")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Adjust an item: it ends and a new item with the new terms replaces it from activeFrom")
    ItemView adjust(@PathVariable String tenant, @PathVariable UUID elderId, @PathVariable UUID itemId,
            @Valid @RequestBody ItemRequest request) {
        if (request.version() == null) {
            throw org.warmnest.platform.problem.ProblemException.invalid("version", "required");
        }
        return ItemView.of(plans.adjust(elderId, itemId, request.version(), request.terms()));
    }

    /** Ends the item after {@code lastDay} (today if not given). */
    @DeleteMapping("/items/{itemId}")
    @PreAuthorize(ElderRoles.WRITERS)
    ItemView end(@PathVariable String tenant, @PathVariable UUID elderId, @PathVariable UUID itemId,
            @RequestParam long version,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate lastDay) {
        return ItemView.of(plans.end(elderId, itemId, version, lastDay));
    }

    /** The template's items that apply to the elder, for service items not yet planned; again changes nothing. */
    @PostMapping("/from-template")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Plan from a program's template by the elder's categories, ability level and risk tier")
    AppliedView apply(@PathVariable String tenant, @PathVariable UUID elderId,
            @Valid @RequestBody ApplyRequest request) {
        CarePlans.Applied applied = plans.apply(elderId, request.templateId(), request.activeFrom(),
                request.responsible(), request.programId());
        return new AppliedView(applied.created().stream().map(ItemView::of).toList(), applied.alreadyPlanned());
    }
}
