package org.warmnest.care.alert;

import java.time.Instant;
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

/**
 * Emergency reports (紧急情况上报, 即接即办): raised by a worker, escalated grid → community → street → district
 * bureau until acknowledged, then acted on, resolved and closed by a follow-up visit (跟踪回访). Contractor staff
 * reach only their contractor's elders' alerts.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/alerts")
@Tag(name = "alerts", description = "Emergency reports (紧急情况上报), their escalation and follow-up")
class AlertController {

    private final Alerts alerts;

    AlertController(Alerts alerts) {
        this.alerts = alerts;
    }

    record RaiseRequest(@NotNull UUID elderId, @NotNull Alert.Kind kind, @Size(max = 500) String description) {
    }

    record NoteRequest(@Size(max = 500) String note) {
    }

    record ActionRequest(@NotBlank @Size(max = 500) String note) {
    }

    record ResolveRequest(@NotBlank @Size(max = 1000) String resolution) {
    }

    /** @param serviceRecordId the visit's service record, when one was made */
    record FollowUpRequest(@NotNull Instant visitedAt, @NotNull Alert.FollowUpMode mode,
            @Size(max = 1000) String note, UUID serviceRecordId) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Raise an alert about an elder; the grid's duty (or the first level with one) is told")
    AlertView raise(@PathVariable String tenant, @Valid @RequestBody RaiseRequest request) {
        return view(alerts.raise(request.elderId(), request.kind(), request.description()));
    }

    /** Newest first. */
    @GetMapping
    @PreAuthorize(ElderRoles.READERS)
    PageView<AlertView> list(@PathVariable String tenant, @RequestParam(required = false) Alert.Status status,
            @RequestParam(required = false) AlertLevel level, @RequestParam(required = false) Alert.Kind kind,
            @RequestParam(required = false) UUID elderId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        Instant now = alerts.now();
        return PageView.of(alerts.list(new Alerts.Filter(status, level, kind, elderId, from, to),
                PageRequest.of(page, size, Sort.by(Sort.Order.desc("raisedAt"), Sort.Order.desc("id")))),
                a -> AlertView.of(a, now));
    }

    @GetMapping("/{id}")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "An alert with its timeline (raised, escalated, notified, acknowledged …)")
    AlertView.Detail one(@PathVariable String tenant, @PathVariable UUID id) {
        Alert a = alerts.one(id);
        return new AlertView.Detail(AlertView.of(a, alerts.now()), alerts.timeline(a.id()));
    }

    @PostMapping("/{id}/acknowledge")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Acknowledge (received means handled): stops the escalation; of two at once one wins")
    AlertView acknowledge(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody(required = false) NoteRequest request) {
        return view(alerts.acknowledge(id, request == null ? null : request.note()));
    }

    @PostMapping("/{id}/act")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Record that someone is acting on an acknowledged alert")
    AlertView act(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody ActionRequest request) {
        return view(alerts.act(id, request.note()));
    }

    @PostMapping("/{id}/resolve")
    @PreAuthorize(ElderRoles.WRITERS)
    AlertView resolve(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody ResolveRequest request) {
        return view(alerts.resolve(id, request.resolution()));
    }

    @PostMapping("/{id}/follow-up")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Record the follow-up visit (跟踪回访) of a resolved alert, which closes it")
    AlertView followUp(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody FollowUpRequest request) {
        return view(alerts.followUp(id, request.visitedAt(), request.mode(), request.note(),
                request.serviceRecordId()));
    }

    private AlertView view(Alert a) {
        return AlertView.of(a, alerts.now());
    }
}
