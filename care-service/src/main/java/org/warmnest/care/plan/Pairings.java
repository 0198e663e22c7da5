package org.warmnest.care.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.elder.ElderFiles;
import org.warmnest.platform.catalogue.ServiceItem;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;

import jakarta.persistence.EntityManager;

/**
 * Pairings (包保 / 结对) of the request's tenant: an elder with a volunteer or cadre, each with its contact cadence as
 * a care-plan item the volunteer answers for (daily contact by default, as Changchun's 日沟通), so that compliance
 * and the overdue lists count it. A hand-over ends a pairing the day before and starts its successor, the plan item
 * passing to the successor the same day; a leaving volunteer hands over all their elders at once. Contractor staff
 * pair only their contractor's elders and volunteers.
 */
@Service
class Pairings {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final Set<ContactMode> MODES = EnumSet.of(ContactMode.PHONE, ContactMode.WECHAT, ContactMode.VIDEO,
            ContactMode.HOME_VISIT);

    record Volunteer(UUID id, String name, String kind, String status, UUID contractorId) {
    }

    record NewPairing(UUID elderId, UUID volunteerId, Pairing.Level level, String organisedBy, LocalDate startedOn,
            CadenceSpec cadence, ServiceItem serviceItem) {
    }

    private final PairingRepository pairings;
    private final CarePlans plans;
    private final PlanItemRepository items;
    private final ElderFiles elders;
    private final EntityManager em;
    private final Clock clock;

    Pairings(PairingRepository pairings, CarePlans plans, PlanItemRepository items, ElderFiles elders,
            EntityManager em, Clock clock) {
        this.pairings = pairings;
        this.plans = plans;
        this.items = items;
        this.elders = elders;
        this.em = em;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    /** The volunteer if the caller may reach them (contractor staff: their contractor's), else 404. */
    Volunteer volunteer(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, name, kind, status, contractor_id from volunteer"
                + " where id = ?1").setParameter(1, id).getResultList();
        Optional<UUID> scope = CurrentUser.get().contractorScope();
        return rows.stream().map(r -> new Volunteer((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                (UUID) r[4])).filter(v -> scope.map(s -> s.equals(v.contractorId())).orElse(true)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("volunteer-not-found", id));
    }

    private static CarePlans.ResponsibleRef responsible(Volunteer v) {
        return new CarePlans.ResponsibleRef("CADRE".equals(v.kind()) ? Responsible.CADRE : Responsible.VOLUNTEER,
                v.id().toString(), v.name());
    }

    @Transactional
    Pairing pair(NewPairing n) {
        elders.require(n.elderId());
        Volunteer v = volunteer(n.volunteerId());
        if (!"ACTIVE".equals(v.status())) {
            throw ProblemException.conflict("volunteer-inactive", v.id());
        }
        if (!pairings.search(n.elderId(), n.volunteerId(), true).isEmpty()) {
            throw ProblemException.conflict("pairing-exists", n.elderId(), v.name());
        }
        LocalDate from = n.startedOn() == null ? today() : n.startedOn();
        PlanItem item = plans.add(n.elderId(), new CarePlans.ItemTerms(
                n.serviceItem() == null ? ServiceItem.DAILY_GREETING : n.serviceItem(),
                n.cadence() == null ? new CadenceSpec(CadenceSpec.Kind.DAILY, null, null, null) : n.cadence(), MODES,
                responsible(v), null, from, "包保/结对"));
        return pairings.saveAndFlush(new Pairing(UUID.randomUUID(), n.elderId(), v.id(), n.level(), n.organisedBy(),
                item.activeFrom(), null, item.id(), CurrentUser.get().subject(), clock.instant()));
    }

    /** Ends the pairing on the day (today if none), and its plan item with it. */
    @Transactional
    Pairing end(UUID id, LocalDate lastDay, String reason) {
        Pairing p = lockInScope(id);
        LocalDate last = lastDay == null ? today() : lastDay;
        if (last.isBefore(p.startedOn().minusDays(1))) {
            throw ProblemException.invalid("lastDay", "before-start");
        }
        if (p.planItemId() != null) {
            PlanItem item = items.findById(p.planItemId()).orElseThrow();
            if (item.activeTo() == null || item.activeTo().isAfter(last)) {
                plans.end(p.elderId(), item.id(), item.version(), last);
            }
        }
        p.end(last, reason, CurrentUser.get().subject());
        return pairings.saveAndFlush(p);
    }

    /**
     * Hands the pairing over to another volunteer from the day (today or later): this one ends the day before,
     * the successor starts that day, and the plan item passes to the successor with the same cadence.
     */
    @Transactional
    Pairing handOver(UUID id, UUID toVolunteerId, LocalDate on, String reason) {
        Pairing p = lockInScope(id);
        Volunteer next = volunteer(toVolunteerId);
        if (next.id().equals(p.volunteerId())) {
            throw ProblemException.invalid("toVolunteerId", "hand-over-to-self");
        }
        if (!"ACTIVE".equals(next.status())) {
            throw ProblemException.conflict("volunteer-inactive", next.id());
        }
        LocalDate from = on == null ? today() : on;
        if (from.isBefore(today())) {
            throw ProblemException.invalid("on", "no-retroactive-hand-over");
        }
        UUID itemId = null;
        if (p.planItemId() != null) {
            PlanItem item = items.findById(p.planItemId()).orElseThrow();
            PlanItem passed = plans.adjust(p.elderId(), item.id(), item.version(), new CarePlans.ItemTerms(
                    item.serviceItem(), CadenceSpec.of(item.cadence()), item.modes(), responsible(next),
                    item.programId(), from, "交接：" + (reason == null ? "" : reason)));
            itemId = passed.id();
        }
        p.end(from.minusDays(1), reason == null ? "交接" : reason, CurrentUser.get().subject());
        pairings.saveAndFlush(p);
        return pairings.saveAndFlush(new Pairing(UUID.randomUUID(), p.elderId(), next.id(), p.level(),
                p.organisedBy(), from, p.id(), itemId, CurrentUser.get().subject(), clock.instant()));
    }

    /** A leaving volunteer's elders, all handed to one successor; the volunteer is then inactive. */
    @Transactional
    List<Pairing> handOverAll(UUID fromVolunteerId, UUID toVolunteerId, LocalDate on, String reason) {
        volunteer(fromVolunteerId);
        List<Pairing> successors = new ArrayList<>();
        for (Pairing p : pairings.activeOf(fromVolunteerId)) {
            successors.add(handOver(p.id(), toVolunteerId, on, reason));
        }
        em.createNativeQuery("update volunteer set status = 'INACTIVE', updated_at = ?2 where id = ?1")
                .setParameter(1, fromVolunteerId).setParameter(2, clock.instant()).executeUpdate();
        return successors;
    }

    private Pairing lockInScope(UUID id) {
        Pairing p = pairings.lock(id).orElseThrow(() -> ProblemException.notFound("pairing-not-found", id));
        elders.require(p.elderId());
        if (p.endedOn() != null) {
            throw ProblemException.conflict("pairing-ended", id, p.endedOn());
        }
        return p;
    }

    @Transactional(readOnly = true)
    List<Pairing> search(UUID elderId, UUID volunteerId, boolean active) {
        if (elderId != null) {
            elders.require(elderId);
        }
        if (volunteerId != null) {
            volunteer(volunteerId);
        }
        Optional<UUID> scope = CurrentUser.get().contractorScope();
        return pairings.search(elderId, volunteerId, active).stream().filter(p -> scope.isEmpty()
                || scope.get().equals(volunteerContractor(p.volunteerId()))).toList();
    }

    private UUID volunteerContractor(UUID volunteer) {
        List<?> rows = em.createNativeQuery("select contractor_id from volunteer where id = ?1")
                .setParameter(1, volunteer).getResultList();
        return rows.isEmpty() ? null : (UUID) rows.get(0);
    }
}
