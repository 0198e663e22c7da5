package org.warmnest.care.visit;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.elder.ElderFiles.ElderRef;
import org.warmnest.care.elder.ElderFiles;
import org.warmnest.care.elder.SensitiveReads;
import org.warmnest.care.pii.PiiCipher;
import org.warmnest.platform.catalogue.ServiceItem;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recording contacts and visits, their review by a supervisor, and amendments. A verified visit never changes: an
 * amendment is a new visit that supersedes it once verified in turn, keeping the services' billing keys, so
 * billing can pay each service once. Contractor staff reach only their contractor's visits.
 */
@Service
class Visits implements VisitRecords {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Readings and medicines as stored, encrypted. */
    record Health(List<HealthReadings.Checked> readings, List<HealthReadings.CheckedMedicine> medicines) {
    }

    /** A visit's health data in full, as the audited read returns it. */
    record SensitiveData(UUID visitId, UUID elderId, List<HealthReadings.Checked> readings,
            List<HealthReadings.CheckedMedicine> medicines, Instant readAt) {
    }

    private final VisitRepository visits;
    private final VisitLineRepository lines;
    private final ConcernRepository concerns;
    private final ElderFiles elders;
    private final PiiCipher cipher;
    private final SensitiveReads sensitiveReads;
    private final EntityManager em;
    private final JsonMapper json;
    private final Clock clock;
    private final org.warmnest.care.timebank.TimeBank timeBank;
    private final int maxDistanceMeters;
    private final Duration maxBackdate;

    Visits(VisitRepository visits, VisitLineRepository lines, ConcernRepository concerns, ElderFiles elders,
            PiiCipher cipher, SensitiveReads sensitiveReads, EntityManager em, JsonMapper json, Clock clock,
            org.warmnest.care.timebank.TimeBank timeBank,
            @Value("${warmnest.visits.max-distance-meters:500}") int maxDistanceMeters,
            @Value("${warmnest.visits.max-backdate:31d}") Duration maxBackdate) {
        this.visits = visits;
        this.lines = lines;
        this.concerns = concerns;
        this.elders = elders;
        this.cipher = cipher;
        this.sensitiveReads = sensitiveReads;
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.timeBank = timeBank;
        this.maxDistanceMeters = maxDistanceMeters;
        this.maxBackdate = maxBackdate;
    }

    @Transactional
    Visit record(UUID elderId, VisitRequest request) {
        ElderRef elder = elders.require(elderId);
        if (!"ACTIVE".equals(elder.status())) {
            throw ProblemException.conflict("visit-elder-not-active", elderId, elder.status());
        }
        return write(elder, request, null, null, Map.of());
    }

    /**
     * Records the corrected visit. A visit not yet verified is superseded at once; a verified one stands until its
     * amendment is verified.
     */
    @Transactional
    Visit amend(UUID visitId, VisitRequest request, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ProblemException.invalid("reason", "required");
        }
        Visit original = lockInScope(visitId);
        if (original.status() == Visit.Status.SUPERSEDED) {
            throw ProblemException.conflict("visit-superseded", visitId, original.supersededById());
        }
        Long pending = (Long) em.createQuery("select count(v) from Visit v where v.amendsId = :id")
                .setParameter("id", visitId).getSingleResult();
        if (pending > 0) {
            throw ProblemException.conflict("visit-amendment-pending", visitId);
        }
        ElderRef elder = elders.require(original.elderId());
        Map<ServiceItem, UUID> keys = new HashMap<>();
        lines.findByVisitIdOrderByServiceItem(visitId).forEach(l -> keys.put(l.serviceItem(), l.billingKey()));
        Visit amendment = write(elder, request, original, reason.strip(), keys);
        if (original.status() != Visit.Status.VERIFIED) {
            visits.supersede(visitId, amendment.id());
        }
        return visits.findById(amendment.id()).orElseThrow();
    }

    /**
     * A supervisor's verdict on a recorded visit, given once: a second supervisor at the same moment gets 409.
     * Nobody reviews a visit they recorded or made. Verifying an amendment supersedes the visit it corrects.
     */
    @Transactional
    Visit review(UUID visitId, boolean verified, String note) {
        Visit visit = findInScope(visitId);
        CurrentUser user = CurrentUser.get();
        if (isOwnHand(user.subject(), creatorOfCaller(), visit)) {
            throw ProblemException.forbidden("review-own-visit", visitId);
        }
        if (!verified && (note == null || note.isBlank())) {
            throw ProblemException.invalid("note", "rejection-needs-reason");
        }
        int won = visits.review(visitId, verified ? "VERIFIED" : "REJECTED", user.subject(), clock.instant(),
                note == null || note.isBlank() ? null : note.strip());
        if (won == 0) {
            Visit now = visits.findById(visitId).orElseThrow();
            throw ProblemException.conflict("visit-already-reviewed", visitId, now.status());
        }
        if (verified && visit.amendsId() != null) {
            visits.supersede(visit.amendsId(), visitId);
        }
        if (verified && visit.performerKind() == Visit.PerformerKind.VOLUNTEER) {
            // a volunteer's verified service earns its minutes in the time bank, in this transaction
            timeBank.earn(visitId, visit.amendsId(),
                    UUID.fromString(visit.performedBy().substring("volunteer:".length())), visit.durationMinutes());
        }
        return visits.findById(visitId).orElseThrow();
    }

    /**
     * One's own visit: recorded or made by oneself, by the account that created one's own, or by an account one
     * created (a manager who makes a second account must not have it verify the first one's work).
     */
    static boolean isOwnHand(String reviewer, Optional<String> reviewerCreator, Visit visit) {
        if (reviewer.equals(visit.recordedBy()) || reviewer.equals(visit.performedBy())
                || reviewer.equals(visit.recordedByCreator())) {
            return true;
        }
        return reviewerCreator.filter(c -> c.equals(visit.recordedBy()) || c.equals(visit.performedBy()))
                .isPresent();
    }

    /** The {@code created_by} claim of the caller's token: the subject that created the caller's account. */
    static Optional<String> creatorOfCaller() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            return Optional.ofNullable(token.getToken().getClaimAsString(CREATED_BY_CLAIM)).filter(c -> !c.isBlank());
        }
        return Optional.empty();
    }

    static final String CREATED_BY_CLAIM = "created_by";

    @Override
    @Transactional(readOnly = true)
    public void requireVisitOf(UUID visitId, UUID elderId) {
        Optional<UUID> contractor = CurrentUser.get().contractorScope();
        Visit v = visits.findById(visitId).filter(x -> contractor.map(c -> c.equals(x.contractorId())).orElse(true))
                .orElseThrow(() -> ProblemException.invalid("serviceRecordId", "visit-unknown"));
        if (!v.elderId().equals(elderId)) {
            throw ProblemException.invalid("serviceRecordId", "visit-of-another-elder");
        }
        if (v.status() == Visit.Status.REJECTED || v.status() == Visit.Status.SUPERSEDED) {
            throw ProblemException.invalid("serviceRecordId", "visit-does-not-stand");
        }
    }

    @Transactional(readOnly = true)
    Visit one(UUID visitId) {
        return findInScope(visitId);
    }

    @Transactional(readOnly = true)
    List<VisitLine> lines(UUID visitId) {
        return lines.findByVisitIdOrderByServiceItem(visitId);
    }

    @Transactional(readOnly = true)
    List<Concern> concerns(UUID visitId) {
        return concerns.findByVisitIdOrderByCreatedAt(visitId);
    }

    /**
     * Readings and medicines in full; the read is on the elder's trail, with its reason, before decrypting. Only
     * while the elder is in the caller's care: a contractor the elder has left keeps its visit records but no
     * longer reads the elder's health.
     */
    @Transactional
    SensitiveData reveal(UUID visitId, String reason) {
        Visit v = findInScope(visitId);
        elders.require(v.elderId());
        Instant at = sensitiveReads.record(v.elderId(), List.of("visit:" + visitId + ":health"), reason);
        Health h = health(v);
        return new SensitiveData(visitId, v.elderId(), h.readings(), h.medicines(), at);
    }

    Health health(Visit v) {
        String plain = cipher.decrypt(v.healthCipher(), context(v.id()));
        return plain == null ? new Health(List.of(), List.of()) : json.readValue(plain, Health.class);
    }

    static String context(UUID visitId) {
        return PiiCipher.context("visit", visitId, "health");
    }

    /** The visit if the caller may see it: contractor staff see their contractor's visits. */
    Visit findInScope(UUID visitId) {
        Optional<UUID> contractor = CurrentUser.get().contractorScope();
        return visits.findById(visitId).filter(v -> contractor.map(c -> c.equals(v.contractorId())).orElse(true))
                .orElseThrow(() -> ProblemException.notFound("visit-not-found", visitId));
    }

    private Visit lockInScope(UUID visitId) {
        Visit v = findInScope(visitId);
        em.refresh(v, LockModeType.PESSIMISTIC_WRITE);
        return v;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    private Visit write(ElderRef elder, VisitRequest r, Visit original, String reason,
            Map<ServiceItem, UUID> billingKeys) {
        CurrentUser user = CurrentUser.get();
        Instant now = clock.instant();
        Instant started = r.startedAt().toInstant();
        if (started.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ProblemException.invalid("startedAt", "in-future");
        }
        if (original == null && started.isBefore(now.minus(maxBackdate))) {
            throw ProblemException.invalid("startedAt", "too-long-ago");
        }
        Instant ended = ended(r, started);
        LocalDate on = started.atZone(CHINA).toLocalDate();
        if (on.isBefore(elder.birthDate())) {
            throw ProblemException.invalid("startedAt", "before-birth");
        }
        Visit.PerformerKind kind = r.performerKind() == null ? Visit.PerformerKind.WORKER : r.performerKind();
        String performedBy;
        String performerName;
        if (kind == Visit.PerformerKind.WORKER) {
            if (r.volunteerId() != null) {
                throw ProblemException.invalid("volunteerId", "only-for-volunteers");
            }
            performedBy = user.subject();
            performerName = nameOr(r.performerName(), user.username());
        } else {
            if (r.volunteerId() == null) {
                throw ProblemException.invalid("volunteerId", "required");
            }
            String registered = volunteerName(r.volunteerId());
            performedBy = "volunteer:" + r.volunteerId();
            performerName = nameOr(r.performerName(), registered);
        }
        UUID id = UUID.randomUUID();
        Visit v = new Visit(id, elder.id(), original == null ? elder.contractorId() : original.contractorId(),
                r.programId() != null ? r.programId() : original == null ? null : original.programId(), r.mode(),
                kind, performedBy, performerName, started, ended, on, user.subject(), creatorOfCaller().orElse(null),
                now);
        if (original != null) {
            v.amends(original.id(), reason);
        }
        locate(v, elder, r, performedBy);
        List<HealthReadings.Checked> readings = HealthReadings.check(listOf(r.readings()));
        List<HealthReadings.CheckedMedicine> medicines = HealthReadings.medicines(listOf(r.medicines()), on);
        if (!readings.isEmpty() || !medicines.isEmpty()) {
            v.health(cipher.encrypt(json.writeValueAsString(new Health(readings, medicines)), context(id)),
                    readings.size(), (int) readings.stream().filter(x -> x.flag() != HealthReadings.Flag.NORMAL)
                            .count(), medicines.size(), (int) medicines.stream().filter(m -> m.expired()).count());
        }
        List<VisitRequest.Supply> supplies = listOf(r.supplies());
        if (!supplies.isEmpty() && r.suppliesSignOff() == null) {
            throw ProblemException.invalid("suppliesSignOff", "supplies-sign-off-required");
        }
        if (supplies.isEmpty() && r.suppliesSignOff() != null) {
            throw ProblemException.invalid("suppliesSignOff", "nothing-to-sign-for");
        }
        v.content(listOf(r.safetyChecked()).stream().distinct().map(Enum::name).toList(),
                json.writeValueAsString(supplies),
                supplies.isEmpty() ? null : r.suppliesSignOff().signedBy().strip(),
                supplies.isEmpty() ? null : r.suppliesSignOff().signedAt().toInstant(),
                blankToNull(r.companionship()), blankToNull(r.note()));
        visits.saveAndFlush(v);
        lines.saveAll(services(r).entrySet().stream()
                .map(e -> new VisitLine(id, e.getKey(), e.getValue(), billingKeys.get(e.getKey()))).toList());
        List<Concern> found = new ArrayList<>();
        for (VisitRequest.ConcernNote c : listOf(r.hazards())) {
            found.add(concern(v, Concern.Kind.HAZARD, c, Concern.HAZARD_CATEGORIES.keySet(), "hazards", on, user));
        }
        for (VisitRequest.ConcernNote c : listOf(r.difficulties())) {
            found.add(concern(v, Concern.Kind.DIFFICULTY, c, Concern.DIFFICULTY_CATEGORIES.keySet(), "difficulties",
                    on, user));
        }
        concerns.saveAll(found);
        lines.flush();
        return v;
    }

    private static Instant ended(VisitRequest r, Instant started) {
        if (r.endedAt() != null) {
            Instant ended = r.endedAt().toInstant();
            if (ended.isBefore(started)) {
                throw ProblemException.invalid("endedAt", "before-start");
            }
            if (Duration.between(started, ended).toHours() >= 24) {
                throw ProblemException.invalid("endedAt", "visit-too-long");
            }
            if (r.durationMinutes() != null
                    && Math.abs(Duration.between(started, ended).toMinutes() - r.durationMinutes()) > 1) {
                throw ProblemException.invalid("durationMinutes", "duration-disagrees");
            }
            return ended;
        }
        return started.plus(Duration.ofMinutes(r.durationMinutes() == null ? 0 : r.durationMinutes()));
    }

    /** The services, one line per item; what the mode implies when none are named. */
    private static Map<ServiceItem, Integer> services(VisitRequest r) {
        Map<ServiceItem, Integer> out = new java.util.EnumMap<>(ServiceItem.class);
        List<VisitRequest.ServiceLine> given = listOf(r.services());
        if (given.isEmpty()) {
            out.put(r.mode().defaultService(), 1);
            return out;
        }
        for (VisitRequest.ServiceLine l : given) {
            if (out.put(l.item(), l.quantity() == null ? 1 : l.quantity()) != null) {
                throw ProblemException.invalid("services", "service-repeated", l.item());
            }
        }
        return out;
    }

    private Concern concern(Visit v, Concern.Kind kind, VisitRequest.ConcernNote c, Set<String> categories,
            String field, LocalDate on, CurrentUser user) {
        if (!categories.contains(c.category())) {
            throw ProblemException.invalid(field, "category-unknown", c.category());
        }
        return new Concern(v.elderId(), v.contractorId(), v.id(), kind, c.category(), c.description().strip(),
                blankToNull(c.advice()), on, user.subject(), clock.instant());
    }

    /**
     * Check-in and check-out, the distance from the elder's home and what looks wrong about them: a home visit with
     * no check-in, a home not yet located, a check-in or check-out far from the home, a check-in long before or
     * after the stated start, or a journey from the worker's previous visit faster than a car could make it.
     */
    private void locate(Visit v, ElderRef elder, VisitRequest r, String performedBy) {
        VisitRequest.Place in = r.checkIn();
        VisitRequest.Place out = r.checkOut();
        if (in != null && out != null && out.at().isBefore(in.at())) {
            throw ProblemException.invalid("checkOut.at", "before-check-in");
        }
        List<String> flags = new ArrayList<>();
        BigDecimal homeLat = elder.homeLatitude();
        BigDecimal homeLng = elder.homeLongitude();
        if (Boolean.TRUE.equals(r.setHomeFromCheckIn())) {
            if (in == null) {
                throw ProblemException.invalid("checkIn", "required");
            }
            if (homeLat == null) {
                elders.locate(elder.id(), in.latitude(), in.longitude());
                homeLat = in.latitude();
                homeLng = in.longitude();
                flags.add("HOME_SET_FROM_CHECK_IN");
            }
        }
        boolean atHome = r.mode() == org.warmnest.care.plan.ContactMode.HOME_VISIT;
        Integer distance = null;
        if (atHome && in == null) {
            flags.add("NO_CHECK_IN");
        }
        if (in != null) {
            if (homeLat == null) {
                if (atHome) {
                    flags.add("NO_HOME_LOCATION");
                }
            } else {
                distance = (int) Math.round(Geo.meters(homeLat, homeLng, in.latitude(), in.longitude()));
                if (atHome && distance > maxDistanceMeters) {
                    flags.add("FAR_FROM_HOME");
                }
            }
            if (Duration.between(in.at().toInstant(), v.startedAt()).abs().toMinutes() > 30) {
                flags.add("CHECK_IN_TIME_MISMATCH");
            }
            if (implausibleJourney(performedBy, v.startedAt(), in)) {
                flags.add("IMPLAUSIBLE_TRAVEL");
            }
        }
        if (out != null && homeLat != null && atHome
                && Geo.meters(homeLat, homeLng, out.latitude(), out.longitude()) > maxDistanceMeters) {
            flags.add("CHECK_OUT_FAR_FROM_HOME");
        }
        v.place(in == null ? null : in.at().toInstant(), in == null ? null : in.latitude(),
                in == null ? null : in.longitude(), out == null ? null : out.at().toInstant(),
                out == null ? null : out.latitude(), out == null ? null : out.longitude(), distance, flags);
    }

    /** From the same person's last place before this check-in, faster than 120 km/h is not a journey anyone made. */
    private boolean implausibleJourney(String performedBy, Instant started, VisitRequest.Place in) {
        List<?> rows = em.createNativeQuery("select coalesce(check_out_latitude, check_in_latitude),"
                + " coalesce(check_out_longitude, check_in_longitude), coalesce(check_out_at, check_in_at)"
                + " from visit where performed_by = :by and check_in_latitude is not null and status <> 'SUPERSEDED'"
                + " and coalesce(check_out_at, check_in_at) <= :at and started_at >= :since"
                + " order by coalesce(check_out_at, check_in_at) desc limit 1")
                .setParameter("by", performedBy).setParameter("at", in.at().toInstant())
                .setParameter("since", started.minus(Duration.ofDays(1))).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] prev = (Object[]) rows.get(0);
        Instant then = prev[2] instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) prev[2];
        double meters = Geo.meters((BigDecimal) prev[0], (BigDecimal) prev[1], in.latitude(), in.longitude());
        double seconds = Math.max(60, Duration.between(then, in.at().toInstant()).toSeconds());
        return meters > 2_000 && meters / seconds > 120_000 / 3600.0;
    }

    /**
     * The volunteer's name if the caller may reach them, by the pairings' rule: contractor staff reach only their
     * contractor's volunteers (never the bureau's own, whose contractor is none), bureau users every one.
     */
    private String volunteerName(UUID volunteerId) {
        List<?> rows = em.createNativeQuery("select name, cast(contractor_id as text) from volunteer where id = :id")
                .setParameter("id", volunteerId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.invalid("volunteerId", "volunteer-unknown");
        }
        Object[] row = (Object[]) rows.get(0);
        Optional<UUID> scope = CurrentUser.get().contractorScope();
        if (scope.isPresent() && !scope.get().toString().equals(row[1])) {
            throw ProblemException.invalid("volunteerId", "volunteer-unknown");
        }
        return (String) row[0];
    }

    private static String nameOr(String given, String fallback) {
        String n = given == null || given.isBlank() ? fallback : given.strip();
        if (n == null || n.isBlank()) {
            return "工作人员";
        }
        return n.length() > 50 ? n.substring(0, 50) : n;
    }

    static <T> List<T> listOf(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
