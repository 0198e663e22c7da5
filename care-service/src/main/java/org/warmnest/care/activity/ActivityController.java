package org.warmnest.care.activity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
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
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Community activities (社区活动, 义诊, 小组活动) with their attendance and volunteers, support groups (支持小组)
 * with their members, and the figures of the five-society work. Contractor staff see and write their contractor's
 * rows only; the bureau and auditors see the tenant's whole; auditors never write.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}")
@Tag(name = "activities", description = "Community activities, health clinics, support groups (五社联动)")
class ActivityController {

    private final CommunityActivities activities;
    private final SupportGroups groups;
    private final ActivityFigures figures;

    ActivityController(CommunityActivities activities, SupportGroups groups, ActivityFigures figures) {
        this.activities = activities;
        this.groups = groups;
        this.figures = figures;
    }

    record ServedRequest(@NotNull UUID volunteerId,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("24") @Digits(integer = 2, fraction = 1)
            BigDecimal hours) {

        CommunityActivities.Served served() {
            return new CommunityActivities.Served(volunteerId, hours);
        }
    }

    record ActivityRequest(@NotBlank @Size(max = 100) String title, @NotNull ActivityKind kind,
            @NotNull LocalDate heldOn, @Size(max = 200) String place, @Size(max = 32) String streetCode,
            @Size(max = 32) String communityCode, @Size(max = 32) String gridCode, @Size(max = 100) String organiser,
            UUID programId, Boolean lotteryFunded, UUID groupId, UUID contractorId,
            @Size(max = 500) List<@NotNull UUID> elderIds, @Min(0) @Max(100_000) Integer otherAttendees,
            @Size(max = 200) List<@NotNull @Valid ServedRequest> volunteers) {
    }

    record AttendeesRequest(@Size(max = 500) List<@NotNull UUID> elderIds,
            @Min(0) @Max(100_000) Integer otherAttendees) {
    }

    record GroupRequest(@NotBlank @Size(max = 100) String name, @Size(max = 500) String purpose,
            @Size(max = 50) String leader, LocalDate formedOn, @Size(max = 32) String streetCode,
            @Size(max = 32) String communityCode, @Size(max = 32) String gridCode, UUID contractorId,
            @Size(max = 500) List<@NotNull UUID> elderIds) {
    }

    record JoinRequest(@NotNull UUID elderId, LocalDate joinedOn) {
    }

    record LeaveRequest(LocalDate leftOn) {
    }

    // 社区活动

    @PostMapping("/activities")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Record a community activity (a group session: GROUP with the group; a clinic: "
            + "HEALTH_CLINIC) with its registered elders, other attendees and the volunteers who served")
    CommunityActivities.Activity create(@PathVariable String tenant, @Valid @RequestBody ActivityRequest r) {
        return activities.create(new CommunityActivities.NewActivity(r.title(), r.kind(), r.heldOn(), r.place(),
                r.streetCode(), r.communityCode(), r.gridCode(), r.organiser(), r.programId(),
                Boolean.TRUE.equals(r.lotteryFunded()), r.groupId(), r.contractorId(), r.elderIds(),
                r.otherAttendees() == null ? 0 : r.otherAttendees(),
                r.volunteers() == null ? List.of() : r.volunteers().stream().map(ServedRequest::served).toList()));
    }

    @GetMapping("/activities")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Activities held in the period (either end open) of the area, the latest first")
    PageView<CommunityActivities.Activity> list(@PathVariable String tenant, @Valid @ParameterObject ActivityQuery q,
            @RequestParam(required = false) ActivityKind kind, @RequestParam(required = false) UUID groupId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return activities.page(q.scope(), kind, groupId, page, size);
    }

    @GetMapping("/activities/{id}")
    @PreAuthorize(ElderRoles.READERS)
    CommunityActivities.Activity get(@PathVariable String tenant, @PathVariable UUID id) {
        return activities.get(id);
    }

    @PostMapping("/activities/{id}/attendees")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Register more elders as attendees (each counted once per activity) and, if given, set the "
            + "count of other attendees")
    CommunityActivities.Activity attend(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody AttendeesRequest r) {
        return activities.addAttendees(id, r.elderIds(), r.otherAttendees());
    }

    @DeleteMapping("/activities/{id}/attendees/{elderId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(ElderRoles.WRITERS)
    void removeAttendee(@PathVariable String tenant, @PathVariable UUID id, @PathVariable UUID elderId) {
        activities.removeAttendee(id, elderId);
    }

    @PostMapping("/activities/{id}/volunteers")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "A volunteer who served, with their hours (again: the hours replaced)")
    CommunityActivities.Activity serve(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody ServedRequest r) {
        return activities.addVolunteer(id, r.served());
    }

    @DeleteMapping("/activities/{id}/volunteers/{volunteerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(ElderRoles.WRITERS)
    void removeVolunteer(@PathVariable String tenant, @PathVariable UUID id, @PathVariable UUID volunteerId) {
        activities.removeVolunteer(id, volunteerId);
    }

    // 支持小组

    @PostMapping("/support-groups")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Form a support group; the elders named join on the day it was formed")
    SupportGroups.Group form(@PathVariable String tenant, @Valid @RequestBody GroupRequest r) {
        return groups.create(new SupportGroups.NewGroup(r.name(), r.purpose(), r.leader(), r.formedOn(),
                r.streetCode(), r.communityCode(), r.gridCode(), r.contractorId(), r.elderIds()));
    }

    @GetMapping("/support-groups")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "Support groups formed in the period (either end open) of the area, with their members")
    PageView<SupportGroups.Group> groups(@PathVariable String tenant, @Valid @ParameterObject ActivityQuery q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return groups.page(q.scope(), page, size);
    }

    @GetMapping("/support-groups/{id}")
    @PreAuthorize(ElderRoles.READERS)
    SupportGroups.Group group(@PathVariable String tenant, @PathVariable UUID id) {
        return groups.get(id);
    }

    @PostMapping("/support-groups/{id}/members")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "An elder joins the group (today if no day is given)")
    SupportGroups.Group join(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody JoinRequest r) {
        return groups.join(id, r.elderId(), r.joinedOn());
    }

    @PostMapping("/support-groups/{id}/members/{elderId}/leave")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "An elder leaves the group (today if no day is given)")
    SupportGroups.Group leave(@PathVariable String tenant, @PathVariable UUID id, @PathVariable UUID elderId,
            @Valid @RequestBody LeaveRequest r) {
        return groups.leave(id, elderId, r.leftOn());
    }

    // 五社联动 figures

    @GetMapping("/activity-figures")
    @PreAuthorize(ElderRoles.READERS)
    @Operation(summary = "The figures for the period (from and to required) and area: case services, groups and "
            + "members, activities and person-times, clinics, donations, volunteer person-times and hours, resources "
            + "linked, and the distinct elders reached directly")
    ActivityFigures.Figures figures(@PathVariable String tenant, @Valid @ParameterObject ActivityQuery q) {
        return figures.count(q.closedScope());
    }
}
