package org.warmnest.care.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

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

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The duty roster for alerts: kept by the bureau, read by its auditors. */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/alerts/duties")
@Tag(name = "alert duties", description = "Who answers alerts at each level (网格长, 社区, 街道, 区民政局值班)")
class AlertDutyController {

    static final String KEEPERS = "hasRole('bureau-admin')";
    static final String READERS = "hasAnyRole('bureau-admin','auditor')";

    private final AlertDuties duties;

    AlertDutyController(AlertDuties duties) {
        this.duties = duties;
    }

    /**
     * @param areaCode    the grid, community or street code; at DISTRICT level the tenant's code (may be left out)
     * @param phone       a mainland mobile number, for SMS
     * @param userSubject the person's account, for in-app notifications
     * @param version     the version read, when changing an entry
     */
    record DutyRequest(@NotNull AlertLevel level, @Size(max = 32) String areaCode,
            @NotBlank @Size(max = 50) String name, @NotBlank @Size(max = 20) String phone,
            @Size(max = 64) String userSubject, Long version) {

        AlertDuties.Entry entry() {
            return new AlertDuties.Entry(level, areaCode, name, phone, userSubject, version);
        }
    }

    record DutyView(UUID id, AlertLevel level, String levelName, String areaCode, String name, String phone,
            String userSubject, Instant updatedAt, String updatedBy, long version) {

        static DutyView of(AlertDuty d) {
            return new DutyView(d.id(), d.level(), d.level().chineseName, d.areaCode(), d.name(), d.phone(),
                    d.userSubject(), d.updatedAt(), d.updatedBy(), d.version());
        }
    }

    @GetMapping
    @PreAuthorize(READERS)
    List<DutyView> list(@PathVariable String tenant, @RequestParam(required = false) AlertLevel level,
            @RequestParam(required = false) String areaCode) {
        return duties.list(level, areaCode).stream().map(DutyView::of).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    DutyView one(@PathVariable String tenant, @PathVariable UUID id) {
        return DutyView.of(duties.one(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(KEEPERS)
    @Operation(summary = "Put someone on duty for an area at a level")
    DutyView create(@PathVariable String tenant, @Valid @RequestBody DutyRequest request) {
        return DutyView.of(duties.create(request.entry()));
    }

    @PutMapping("/{id}")
    @PreAuthorize(KEEPERS)
    DutyView update(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody DutyRequest request) {
        return DutyView.of(duties.update(id, request.entry()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(KEEPERS)
    void delete(@PathVariable String tenant, @PathVariable UUID id) {
        duties.delete(id);
    }
}
