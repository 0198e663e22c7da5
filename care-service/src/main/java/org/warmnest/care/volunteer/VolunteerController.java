package org.warmnest.care.volunteer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
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
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.web.PageView;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.DistrictReads;
import org.warmnest.platform.tenancy.TenantContext;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The volunteer registry of a tenant. Contractor staff see and change only their own contractor's
 * volunteers; bureau users see all of the tenant's.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/volunteers")
@Tag(name = "volunteers", description = "Volunteers, paired cadres and low-age elders who help")
class VolunteerController {

    // Volunteers and finance officers have no business in the registry (phone numbers of others).
    private static final String READERS =
            "hasAnyRole('platform-admin','bureau-admin','contractor-manager','care-worker','auditor')";
    private static final String WRITERS = "hasAnyRole('platform-admin','bureau-admin','contractor-manager')";
    private static final String CITY_READERS = "hasAnyRole('platform-admin','bureau-admin','auditor')";

    private final VolunteerRepository volunteers;
    private final Clock clock;
    private final DistrictReads districts;
    private final tools.jackson.databind.json.JsonMapper json;
    private final jakarta.persistence.EntityManager em;
    private final org.warmnest.care.elder.SensitiveReads reads;

    VolunteerController(VolunteerRepository volunteers, Clock clock, DistrictReads districts,
            tools.jackson.databind.json.JsonMapper json, jakarta.persistence.EntityManager em,
            org.warmnest.care.elder.SensitiveReads reads) {
        this.reads = reads;
        this.json = json;
        this.em = em;
        this.volunteers = volunteers;
        this.clock = clock;
        this.districts = districts;
    }

    record DistrictCount(String district, long volunteers) {
    }

    /** A city's view: how many volunteers each of its districts has, read district by district. */
    @GetMapping("/by-district")
    @PreAuthorize(CITY_READERS)
    List<DistrictCount> byDistrict(@PathVariable String tenant) {
        return districts.forEachDistrict(TenantContext.require(), d -> volunteers.count()).entrySet().stream()
                .map(e -> new DistrictCount(e.getKey().value(), e.getValue())).toList();
    }

    record VolunteerRequest(@NotBlank @Size(max = 50) String name,
            @Pattern(regexp = "^1[3-9][0-9]{9}$") String phone,
            @NotNull Volunteer.Kind kind,
            @Size(max = 100) String organisation,
            @Size(max = 20) List<@NotBlank @Size(max = 30) String> skills,
            @Size(max = 32) String gridCode,
            Volunteer.Status status,
            @jakarta.validation.constraints.Past java.time.LocalDate birthDate,
            @Size(max = 200) String availability,
            @Size(max = 50) List<@NotNull @Valid Training> training) {
    }

    /** A training completed (培训): what, when, how many hours. */
    record Training(@NotBlank @Size(max = 100) String name, @NotNull java.time.LocalDate completedOn,
            @jakarta.validation.constraints.PositiveOrZero @Max(1000) Integer hours) {
    }

    record VolunteerView(UUID id, String name, String phone, Volunteer.Kind kind, String organisation,
            List<String> skills, String gridCode, UUID contractorId, Volunteer.Status status,
            java.time.LocalDate birthDate, Integer age, String availability, List<Training> training,
            Instant createdAt, Instant updatedAt, long version) {
    }

    /** As every view shows a volunteer: the phone masked, the age but not the birth date (the full read gives both). */
    VolunteerView view(Volunteer v) {
        return new VolunteerView(v.id(), v.name(), org.warmnest.care.pii.Masks.phone(v.phone()), v.kind(),
                v.organisation(), List.copyOf(v.skills()),
                v.gridCode(), v.contractorId(), v.status(), null, age(v.birthDate()), v.availability(),
                List.of(json.readValue(v.training() == null ? "[]" : v.training(), Training[].class)), v.createdAt(),
                v.updatedAt(), v.version());
    }

    private Integer age(java.time.LocalDate born) {
        return born == null ? null
                : java.time.Period.between(born, java.time.LocalDate.now(clock.withZone(CHINA))).getYears();
    }

    static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");
    /** The low-age elders who help (低龄老人) are 60 or older. */
    static final int LOW_AGE_ELDER_FROM = 60;

    @GetMapping
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    PageView<VolunteerView> list(@PathVariable String tenant, @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by("name", "id"));
        Page<Volunteer> found = contractor().map(c -> volunteers.findByContractorId(c, request))
                .orElseGet(() -> volunteers.findAll(request));
        return PageView.of(found, this::view);
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    VolunteerView get(@PathVariable String tenant, @PathVariable UUID id) {
        return view(find(id));
    }

    record RevealRequest(@NotBlank @Size(min = 2, max = 200) String reason) {
    }

    record SensitiveData(UUID volunteerId, String phone, java.time.LocalDate birthDate, Instant readAt) {
    }

    /** The phone and birth date in full, with the reason; each read is written to the trail in its transaction. */
    @PostMapping("/{id}/sensitive-data")
    @PreAuthorize(org.warmnest.care.elder.ElderRoles.REVEALERS)
    @Transactional
    SensitiveData reveal(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody RevealRequest request) {
        Volunteer v = find(id);
        Instant now = reads.recordVolunteer(v.id(), List.of("phone", "birthDate"), request.reason());
        return new SensitiveData(v.id(), v.phone(), v.birthDate(), now);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITERS)
    @Transactional
    VolunteerView register(@PathVariable String tenant, @Valid @RequestBody VolunteerRequest request) {
        Instant now = clock.instant();
        Volunteer v = new Volunteer(UUID.randomUUID(), contractor().orElse(null), now);
        apply(v, request, now);
        return view(volunteers.save(v));
    }

    @PutMapping("/{id}")
    @PreAuthorize(WRITERS)
    @Transactional
    VolunteerView update(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody VolunteerRequest request) {
        Volunteer v = find(id);
        apply(v, request, clock.instant());
        return view(volunteers.saveAndFlush(v));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(WRITERS)
    @Transactional
    void remove(@PathVariable String tenant, @PathVariable UUID id) {
        Volunteer v = find(id);
        // whoever has served, been paired or holds hours stays on record: set them inactive instead
        boolean used = !em.createNativeQuery("select 1 from pairing where volunteer_id = ?1 union all"
                + " select 1 from time_account where volunteer_id = ?1 union all"
                + " select 1 from visit where performed_by = ?2 limit 1").setParameter(1, id)
                .setParameter(2, "volunteer:" + id).getResultList().isEmpty();
        if (used) {
            throw ProblemException.conflict("volunteer-has-records", id);
        }
        volunteers.delete(v);
    }

    private void apply(Volunteer v, VolunteerRequest r, Instant now) {
        if (r.kind() == Volunteer.Kind.LOW_AGE_ELDER && (r.birthDate() == null || age(r.birthDate()) < LOW_AGE_ELDER_FROM)) {
            throw ProblemException.invalid("birthDate", "low-age-elder-under-60", LOW_AGE_ELDER_FROM);
        }
        v.update(r.name().strip(), r.phone(), r.kind(), r.organisation(), r.skills() == null ? List.of() : r.skills(),
                r.gridCode(), r.status(), now);
        // views show no birth date: a change without one keeps the date on file
        v.details(r.birthDate() != null ? r.birthDate() : v.birthDate(), r.availability() == null || r.availability().isBlank() ? null
                : r.availability().strip(), json.writeValueAsString(r.training() == null ? List.of() : r.training()));
    }

    private Volunteer find(UUID id) {
        Optional<Volunteer> found = contractor().map(c -> volunteers.findByIdAndContractorId(id, c))
                .orElseGet(() -> volunteers.findById(id));
        return found.orElseThrow(() -> ProblemException.notFound("volunteer-not-found", id));
    }

    /** Contractor staff are confined to their contractor's records. */
    private static Optional<UUID> contractor() {
        return CurrentUser.get().contractorScope();
    }
}
