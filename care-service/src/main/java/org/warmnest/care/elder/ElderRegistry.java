package org.warmnest.care.elder;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.care.area.AreaDirectory.GridPlace;
import org.warmnest.care.pii.Masks;
import org.warmnest.care.pii.PiiCipher;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantContext;

import jakarta.persistence.EntityManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The elder files of the current tenant: register, change, change status, and the audited read of sensitive
 * data. Contractor staff reach only their contractor's elders; bureau users all of the tenant's.
 */
@Service
class ElderRegistry implements ElderFiles {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ElderRepository elders;
    private final ElderRules rules;
    private final AreaDirectory areas;
    private final PiiCipher cipher;
    private final JsonMapper json;
    private final EntityManager em;
    private final MessageSource messages;
    private final Clock clock;
    private final SensitiveReads sensitiveReads;
    private final org.springframework.jdbc.core.simple.JdbcClient committed;
    private final Entrustment entrustment;
    private final BirthDates births;

    ElderRegistry(ElderRepository elders, ElderRules rules, AreaDirectory areas, PiiCipher cipher, JsonMapper json,
            EntityManager em, MessageSource messages, Clock clock, SensitiveReads sensitiveReads,
            javax.sql.DataSource dataSource, Entrustment entrustment, BirthDates births) {
        this.entrustment = entrustment;
        this.births = births;
        this.elders = elders;
        this.rules = rules;
        this.areas = areas;
        this.cipher = cipher;
        this.json = json;
        this.em = em;
        this.messages = messages;
        this.clock = clock;
        this.sensitiveReads = sensitiveReads;
        this.committed = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
    }

    Instant now() {
        return clock.instant();
    }

    ElderRepository elders() {
        return elders;
    }

    /** A file as the request that would write it again (the import fills the columns a sheet lacks from it). */
    ElderRequest asRequest(Elder e, ResidentId idNumber) {
        return new ElderRequest(e.name(), idNumber.value(), e.phone(), e.gridCode(), e.address(),
                readList(e.household(), HOUSEHOLD), e.categories().stream().map(Category::valueOf).toList(),
                e.riskTier(), readList(e.emergencyContacts(), CONTACTS), e.responsibleName(), e.responsiblePhone(),
                e.responsibleUserId(), e.responsibleVolunteerId(), e.consentGiven(), e.consentOn(), e.consentBy(),
                e.healthCipher() == null ? null : health(e), e.contractorId(), e.version());
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    @Transactional
    public Elder register(ElderRequest request) {
        CurrentUser user = CurrentUser.get();
        Optional<UUID> contractor = user.contractorScope();
        ElderRules.Draft draft = checked(request);
        byte[] hash = hashOf(draft.idNumber());
        Optional<Elder> existing = elders.findByIdNumberHash(hash);
        if (existing.isPresent()) {
            // say so without telling contractor staff whose file it is
            boolean visible = contractor.map(c -> c.equals(existing.get().contractorId())).orElse(true);
            throw ProblemException.conflict("elder-already-registered",
                    visible ? existing.get().id() : "");
        }
        UUID owner = entrustedTo(contractor, request.contractorId());
        Instant now = clock.instant();
        Elder elder = new Elder(UUID.randomUUID(), owner, now, user.subject());
        elder.changeStatus(Elder.Status.ACTIVE, today());
        apply(elder, draft, hash);
        checkVolunteer(elder);
        try {
            em.persist(elder);
            em.flush();
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) { // someone registered the same person a moment ago
                throw ProblemException.conflict("elder-already-registered", "");
            }
            throw e;
        }
        recordStatus(elder, null, Elder.Status.ACTIVE, today(), "登记建档", now, user.subject());
        return elder;
    }

    @Transactional
    public Elder update(UUID id, ElderRequest request) {
        Elder elder = find(id);
        if (request.version() == null) {
            throw ProblemException.invalid("version", "required");
        }
        if (request.version() != elder.version()) {
            throw new ProblemException(HttpStatus.CONFLICT, "elder-modified", elder.version());
        }
        ElderRules.Draft draft = checked(request);
        if (request.contractorId() != null && !request.contractorId().equals(elder.contractorId())) {
            elder.entrust(entrustedTo(CurrentUser.get().contractorScope(), request.contractorId()));
        } else if (request.contractorId() != null) {
            owner(CurrentUser.get().contractorScope(), request.contractorId());
        }
        byte[] hash = hashOf(draft.idNumber());
        if (!PiiCipher.sameHash(hash, elder.idNumberHash()) && elders.findByIdNumberHash(hash).isPresent()) {
            throw ProblemException.conflict("elder-already-registered", "");
        }
        apply(elder, draft, hash);
        checkVolunteer(elder);
        elder.touched(clock.instant(), CurrentUser.get().subject());
        saveChecked(elder); // the version check happens here when two writers race
        return elder;
    }

    record StatusChange(Elder.Status status, LocalDate effectiveOn, String reason, long version) {
    }

    @Transactional
    public Elder changeStatus(UUID id, StatusChange change) {
        Elder elder = find(id);
        if (change.version() != elder.version()) {
            throw new ProblemException(HttpStatus.CONFLICT, "elder-modified", elder.version());
        }
        LocalDate effective = change.effectiveOn() == null ? today() : change.effectiveOn();
        if (effective.isAfter(today())) {
            throw ProblemException.invalid("effectiveOn", "date-in-future");
        }
        if (elder.status() == change.status()) {
            throw ProblemException.conflict("elder-status-unchanged", change.status());
        }
        if (elder.status() == Elder.Status.DECEASED) {
            throw ProblemException.conflict("elder-deceased");
        }
        Elder.Status from = elder.status();
        Instant now = clock.instant();
        String by = CurrentUser.get().subject();
        elder.changeStatus(change.status(), effective);
        elder.touched(now, by);
        saveChecked(elder);
        recordStatus(elder, from, change.status(), effective, change.reason(), now, by);
        return elder;
    }

    /** Whom a file is entrusted to: contractor staff's files are their contractor's; bureaus choose. */
    static UUID owner(Optional<UUID> callersContractor, UUID requested) {
        if (callersContractor.isPresent()) {
            if (requested != null && !requested.equals(callersContractor.get())) {
                throw ProblemException.invalid("contractorId", "contractor-not-yours");
            }
            return callersContractor.get();
        }
        return requested;
    }

    /**
     * {@link #owner}, and a bureau's choice must be a contractor the tenant has engaged (contractor staff's own
     * contractor is their token's, whose engagement the contractor scope answers for).
     */
    UUID entrustedTo(Optional<UUID> callersContractor, UUID requested) {
        UUID owner = owner(callersContractor, requested);
        if (callersContractor.isEmpty() && owner != null) {
            entrustment.requireEngaged(TenantContext.require(), owner);
        }
        return owner;
    }

    /** Writes a change now; a writer that lost the race is told as one that came late is. */
    private void saveChecked(Elder elder) {
        try {
            elders.saveAndFlush(elder);
        } catch (org.springframework.orm.ObjectOptimisticLockingFailureException e) {
            // this session is spent; the winner's version is read on a connection of its own
            Long current = committed.sql("select version from " + TenantContext.require().schema()
                    + ".elder where id = ?").param(elder.id()).query(Long.class).optional().orElse(null);
            throw new ProblemException(HttpStatus.CONFLICT, "elder-modified", current);
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                throw ProblemException.conflict("elder-already-registered", "");
            }
            throw e;
        }
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    record StatusHistoryEntry(Elder.Status fromStatus, Elder.Status toStatus, LocalDate effectiveOn, String reason,
            Instant changedAt, String changedBy) {
    }

    @Transactional(readOnly = true)
    public List<StatusHistoryEntry> statusHistory(UUID id) {
        find(id);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select from_status, to_status, effective_on, reason, changed_at, "
                + "changed_by from elder_status_change where elder_id = :id order by changed_at, id")
                .setParameter("id", id).getResultList();
        return rows.stream().map(r -> new StatusHistoryEntry(
                r[0] == null ? null : Elder.Status.valueOf((String) r[0]), Elder.Status.valueOf((String) r[1]),
                r[2] instanceof LocalDate d ? d : ((java.sql.Date) r[2]).toLocalDate(), (String) r[3], toInstant(r[4]), (String) r[5])).toList();
    }

    /**
     * What the audited read returns: the ID number, the birth date and the health details in full, and the
     * contact data every other view masks (phone, address, the household's and contacts' phones).
     */
    record SensitiveData(UUID elderId, String idNumber, LocalDate birthDate, ElderRequest.Health health,
            String phone, String address, List<ElderRequest.HouseholdMember> household,
            List<ElderRequest.EmergencyContact> emergencyContacts, String responsiblePhone, Instant readAt) {
    }

    /**
     * The one way to see an elder's ID number, health details and contact data in full; the read is written to
     * the audit trail in the same transaction, so there is no read without its record.
     */
    @Transactional
    public SensitiveData reveal(UUID id, String reason) {
        Elder elder = find(id);
        Instant now = sensitiveReads.record(elder.id(), List.of("idNumber", "birthDate", "health", "phone",
                "address", "household", "emergencyContacts", "responsiblePhone"), reason);
        return new SensitiveData(elder.id(), cipher.decrypt(elder.idNumberCipher(), idContext(elder.id())),
                birthDate(elder), health(elder), elder.phone(), elder.address(), readList(elder.household(), HOUSEHOLD),
                readList(elder.emergencyContacts(), CONTACTS), elder.responsiblePhone(), now);
    }

    LocalDate birthDate(Elder e) {
        return births.of(e.id(), e.birthDateCipher(), e.legacyBirthDate());
    }

    ElderRequest.Health health(Elder elder) {
        String plain = cipher.decrypt(elder.healthCipher(), healthContext(elder.id()));
        return plain == null ? null : json.readValue(plain, ElderRequest.Health.class);
    }

    String idNumber(Elder elder) {
        return cipher.decrypt(elder.idNumberCipher(), idContext(elder.id()));
    }

    @Override
    @Transactional(readOnly = true)
    public ElderRef require(UUID elderId) {
        Elder e = find(elderId);
        LocalDate born = birthDate(e);
        List<String> categories = ElderView.categories(e.categories(), born, today()).stream()
                .map(c -> c.code().name()).toList();
        return new ElderRef(e.id(), e.name(), e.contractorId(), e.gridCode(), born, e.status().name(),
                categories, e.riskTier().name(), e.abilityLevel(), e.communityCode(), e.streetCode(),
                e.homeLatitude(), e.homeLongitude());
    }

    @Override
    @Transactional
    public void locate(UUID elderId, java.math.BigDecimal latitude, java.math.BigDecimal longitude) {
        Elder e = find(elderId);
        e.locate(latitude, longitude);
        e.touched(clock.instant(), CurrentUser.get().subject());
    }

    @Override
    @Transactional
    public void assessed(UUID elderId, int finalLevel, LocalDate assessedOn, LocalDate nextDue) {
        // the caller passes its latest completed assessment, which after a correction may be dated earlier
        Elder e = find(elderId);
        e.assessed(finalLevel, assessedOn, nextDue);
        e.touched(clock.instant(), CurrentUser.get().subject());
    }

    /** The elder if the caller may see it; contractor staff are confined to their contractor's elders. */
    Elder find(UUID id) {
        Optional<UUID> contractor = CurrentUser.get().contractorScope();
        return contractor.map(c -> elders.findByIdAndContractorId(id, c)).orElseGet(() -> elders.findById(id))
                .orElseThrow(() -> ProblemException.notFound("elder-not-found", id));
    }

    /**
     * A file as every view and export shows it: the ID number's last four, phones and the address masked; the exact
     * age only to those who may read the number in full anyway (with the age, the mask's four characters and the
     * district, a few dozen numbers remain), a five-year band to the others.
     */
    ElderView view(Elder e) {
        LocalDate today = today();
        LocalDate born = birthDate(e);
        int age = ElderView.ageOn(born, today);
        boolean mayReveal = CurrentUser.get().hasAnyRole(ElderRoles.REVEALER_ROLES);
        return new ElderView(e.id(), e.name(), e.idNumberMasked(), mayReveal ? age : null, Masks.ageBand(age),
                e.sex() == ResidentId.Sex.MALE ? "男" : "女", Masks.phone(e.phone()), e.gridCode(), e.communityCode(),
                e.streetCode(), Masks.address(e.address()), readList(e.household(), HOUSEHOLD).stream()
                        .map(h -> new ElderRequest.HouseholdMember(h.name(), h.relation(), Masks.phone(h.phone())))
                        .toList(),
                ElderView.categories(e.categories(), born, today), e.riskTier(), e.riskTier().label,
                readList(e.emergencyContacts(), CONTACTS).stream()
                        .map(c -> new ElderRequest.EmergencyContact(c.name(), Masks.phone(c.phone()), c.relation()))
                        .toList(),
                e.responsibleName(), Masks.phone(e.responsiblePhone()),
                e.responsibleUserId(), e.responsibleVolunteerId(), e.consentGiven(), e.consentOn(), e.consentBy(),
                e.healthCipher() != null, e.status(), e.statusSince(), e.abilityLevel(), e.lastAssessedOn(),
                e.nextAssessmentDue(), overdue(e, today), e.contractorId(), e.createdAt(), e.updatedAt(),
                e.version());
    }

    static boolean overdue(Elder e, LocalDate today) {
        return e.status() == Elder.Status.ACTIVE
                && (e.nextAssessmentDue() == null || e.nextAssessmentDue().isBefore(today));
    }

    // shared with the import

    ElderRules.Checked check(ElderRequest request, Map<String, GridPlace> grids) {
        return rules.check(request, grids, today());
    }

    byte[] hashOf(ResidentId id) {
        return cipher.hash(id.value());
    }

    /** Writes a checked draft onto a file, encrypting what must be. */
    void apply(Elder elder, ElderRules.Draft draft, byte[] hash) {
        ElderRequest r = draft.request();
        if (elder.idNumberHash() == null || !PiiCipher.sameHash(hash, elder.idNumberHash())) {
            elder.identify(cipher.encrypt(draft.idNumber().value(), idContext(elder.id())), hash, draft.idNumber(),
                    births.seal(elder.id(), draft.idNumber().birthDate()));
        }
        GridPlace p = draft.place();
        elder.place(p.gridCode(), p.communityCode(), p.streetCode(), address(elder, r.address()));
        elder.describe(r.name().strip(), blankToNull(r.phone()), json.writeValueAsString(listOrEmpty(r.household())),
                draft.categories(), r.riskTier(), json.writeValueAsString(listOrEmpty(r.emergencyContacts())));
        elder.makeResponsible(blankToNull(r.responsibleName()), blankToNull(r.responsiblePhone()),
                blankToNull(r.responsibleUserId()), r.responsibleVolunteerId());
        elder.consent(Boolean.TRUE.equals(r.consentGiven()), r.consentOn(), blankToNull(r.consentBy()));
        ElderRequest.Health current = elder.healthCipher() == null ? null : health(elder);
        ElderRequest.Health wanted = r.health() == null || r.health().isEmpty() ? null : r.health();
        if (!Objects.equals(current, wanted)) {
            elder.health(wanted == null ? null
                    : cipher.encrypt(json.writeValueAsString(wanted), healthContext(elder.id())));
        }
    }

    /** The address to write: the masked form every view shows, sent back unchanged, keeps the address on file. */
    static String address(Elder e, String requested) {
        String a = blankToNull(requested);
        return a != null && e.address() != null && a.equals(Masks.address(e.address())) ? e.address() : a;
    }

    /** Whether writing the draft would change nothing the file shows (the re-uploaded spreadsheet's case). */
    boolean unchanged(Elder e, ElderRules.Draft d) {
        ElderRequest r = d.request();
        ElderRequest.Health wanted = r.health() == null || r.health().isEmpty() ? null : r.health();
        return Objects.equals(e.name(), r.name().strip()) && Objects.equals(e.phone(), blankToNull(r.phone()))
                && Objects.equals(e.gridCode(), d.place().gridCode())
                && Objects.equals(e.communityCode(), d.place().communityCode())
                && Objects.equals(e.streetCode(), d.place().streetCode())
                && Objects.equals(e.address(), address(e, r.address()))
                && Objects.equals(readList(e.household(), HOUSEHOLD), listOrEmpty(r.household()))
                && Objects.equals(e.categories(), d.categories().stream().map(Enum::name).toList())
                && e.riskTier() == r.riskTier()
                && Objects.equals(readList(e.emergencyContacts(), CONTACTS), listOrEmpty(r.emergencyContacts()))
                && Objects.equals(e.responsibleName(), blankToNull(r.responsibleName()))
                && Objects.equals(e.responsiblePhone(), blankToNull(r.responsiblePhone()))
                && Objects.equals(e.responsibleUserId(), blankToNull(r.responsibleUserId()))
                && Objects.equals(e.responsibleVolunteerId(), r.responsibleVolunteerId())
                && e.consentGiven() == Boolean.TRUE.equals(r.consentGiven())
                && Objects.equals(e.consentOn(), r.consentOn())
                && Objects.equals(e.consentBy(), blankToNull(r.consentBy()))
                && Objects.equals(e.healthCipher() == null ? null : health(e), wanted);
    }

    void recordStatus(Elder elder, Elder.Status from, Elder.Status to, LocalDate effective, String reason,
            Instant at, String by) {
        em.createNativeQuery("insert into elder_status_change (id, elder_id, from_status, to_status, effective_on, "
                + "reason, changed_at, changed_by) values (:id, :elder, :from, :to, :effective, :reason, :at, :by)")
                .setParameter("id", UUID.randomUUID()).setParameter("elder", elder.id())
                .setParameter("from", from == null ? null : from.name()).setParameter("to", to.name())
                .setParameter("effective", effective).setParameter("reason", reason).setParameter("at", at)
                .setParameter("by", by).executeUpdate();
    }

    private ElderRules.Draft checked(ElderRequest request) {
        GridPlace place = request.gridCode() == null ? null
                : areas.grid(TenantContext.require(), request.gridCode()).orElse(null);
        Map<String, GridPlace> grids = place == null ? Map.of() : Map.of(place.gridCode(), place);
        ElderRules.Checked checked = rules.check(request, grids, today());
        if (!checked.problems().isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation-failed", checked.problems().stream()
                    .map(p -> new ProblemException.FieldProblem(p.field(), p.code(),
                            message(p, LocaleContextHolder.getLocale())))
                    .toList());
        }
        return checked.draft();
    }

    private void checkVolunteer(Elder elder) {
        if (elder.responsibleVolunteerId() == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object> owners = em.createNativeQuery("select cast(contractor_id as text) from volunteer where id = :id")
                .setParameter("id", elder.responsibleVolunteerId()).getResultList();
        boolean sameOwner = !owners.isEmpty() && (elder.contractorId() == null
                || elder.contractorId().toString().equals(owners.get(0)));
        if (!sameOwner) {
            throw ProblemException.invalid("responsibleVolunteerId", "volunteer-unknown");
        }
    }

    /** A rule's problem in the caller's language (the import's report passes the request's locale). */
    String message(ElderRules.Problem p, java.util.Locale locale) {
        try {
            return messages.getMessage("field." + p.code(), p.args(), locale);
        } catch (NoSuchMessageException e) {
            return p.code();
        }
    }

    static String idContext(UUID elder) {
        return PiiCipher.context("elder", elder, "id_number");
    }

    static String healthContext(UUID elder) {
        return PiiCipher.context("elder", elder, "health");
    }

    private static final TypeReference<List<ElderRequest.HouseholdMember>> HOUSEHOLD = new TypeReference<>() {
    };
    private static final TypeReference<List<ElderRequest.EmergencyContact>> CONTACTS = new TypeReference<>() {
    };

    <T> List<T> readList(String stored, TypeReference<List<T>> type) {
        return stored == null ? List.of() : json.readValue(stored, type);
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A timestamptz as native queries return it, whichever type the driver chose. */
    static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) o).toInstant();
    }
}
