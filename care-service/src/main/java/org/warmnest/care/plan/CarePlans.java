package org.warmnest.care.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.care.elder.ElderFiles.ElderRef;
import org.warmnest.care.elder.ElderFiles;
import org.warmnest.platform.catalogue.ServiceItem;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantContext;

import jakarta.persistence.EntityManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Elders' care plans (一人一策): items added by hand or from a program's template, adjusted by ending an item and
 * starting its replacement, so that what was due in the past never changes. Every use reaches the elder through
 * {@link ElderFiles}, which applies the caller's contractor scope.
 */
@Service
class CarePlans {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final TypeReference<List<PlanTemplate.Rule>> RULES = new TypeReference<>() {
    };

    /** Who answers for an item. */
    record ResponsibleRef(Responsible kind, String ref, String name) {
    }

    /** A new item, or the new terms of an adjusted one. */
    record ItemTerms(ServiceItem serviceItem, CadenceSpec cadence, Set<ContactMode> modes, ResponsibleRef responsible,
            UUID programId, LocalDate activeFrom, String note) {
    }

    /** What applying a template did: the items made and the service items already planned, left as they are. */
    record Applied(List<PlanItem> created, List<ServiceItem> alreadyPlanned) {
    }

    private final PlanItemRepository items;
    private final PlanTemplateRepository templates;
    private final ElderFiles elders;
    private final AreaDirectory areas;
    private final EntityManager em;
    private final JsonMapper json;
    private final Clock clock;

    CarePlans(PlanItemRepository items, PlanTemplateRepository templates, ElderFiles elders, AreaDirectory areas,
            EntityManager em, JsonMapper json, Clock clock) {
        this.items = items;
        this.templates = templates;
        this.elders = elders;
        this.areas = areas;
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    @Transactional(readOnly = true)
    List<PlanItem> inForce(UUID elderId, LocalDate day) {
        elders.require(elderId);
        return items.inForce(elderId, day == null ? today() : day);
    }

    @Transactional(readOnly = true)
    List<PlanItem> history(UUID elderId) {
        elders.require(elderId);
        return items.history(elderId);
    }

    @Transactional
    PlanItem add(UUID elderId, ItemTerms terms) {
        ElderRef elder = activeElder(elderId);
        LocalDate from = startOf(terms.activeFrom(), true);
        return items.saveAndFlush(item(elder, terms, from, PlanItem.Source.WORKER, null, null));
    }

    /** Ends the item the day before the new terms take effect and starts its replacement; both or neither. */
    @Transactional
    PlanItem adjust(UUID elderId, UUID itemId, long version, ItemTerms terms) {
        ElderRef elder = activeElder(elderId);
        PlanItem old = items.lock(itemId, elderId).orElseThrow(() -> notFound(itemId));
        if (old.version() != version) {
            throw ProblemException.conflict("plan-item-modified", itemId, old.version());
        }
        LocalDate from = startOf(terms.activeFrom(), false);
        if (old.activeTo() != null && old.activeTo().isBefore(from)) {
            throw ProblemException.conflict("plan-item-ended", itemId, old.activeTo());
        }
        if (from.isBefore(old.activeFrom())) {
            throw ProblemException.invalid("activeFrom", "before-item-start");
        }
        ServiceItem service = terms.serviceItem() == null ? old.serviceItem() : terms.serviceItem();
        ItemTerms effective = new ItemTerms(service, terms.cadence(), terms.modes(), terms.responsible(),
                terms.programId() == null ? old.programId() : terms.programId(), from, terms.note());
        old.end(from.minusDays(1), CurrentUser.get().subject());
        items.flush();
        return items.saveAndFlush(item(elder, effective, from, old.source(), old.templateId(), old.id()));
    }

    @Transactional
    PlanItem end(UUID elderId, UUID itemId, long version, LocalDate lastDay) {
        elders.require(elderId);
        PlanItem item = items.lock(itemId, elderId).orElseThrow(() -> notFound(itemId));
        if (item.version() != version) {
            throw ProblemException.conflict("plan-item-modified", itemId, item.version());
        }
        LocalDate last = lastDay == null ? today() : lastDay;
        if (last.isBefore(today().minusDays(1))) {
            throw ProblemException.invalid("lastDay", "no-retroactive-end");
        }
        if (item.activeTo() != null && !item.activeTo().isAfter(last)) {
            throw ProblemException.conflict("plan-item-ended", itemId, item.activeTo());
        }
        item.end(last.isBefore(item.activeFrom()) ? item.activeFrom().minusDays(1) : last,
                CurrentUser.get().subject());
        return items.saveAndFlush(item);
    }

    /**
     * Gives the elder the template's items that apply to them, for service items not already planned; running it
     * again changes nothing.
     */
    @Transactional
    Applied apply(UUID elderId, UUID templateId, LocalDate activeFrom, ResponsibleRef responsible, UUID programId) {
        ElderRef elder = activeElder(elderId);
        PlanTemplate template = templates.findById(templateId)
                .orElseThrow(() -> ProblemException.notFound("plan-template-not-found", templateId));
        LocalDate from = startOf(activeFrom, true);
        Set<ServiceItem> planned = EnumSet.noneOf(ServiceItem.class);
        items.overlapping(elderId, from, LocalDate.of(9999, 12, 31)).forEach(i -> planned.add(i.serviceItem()));
        Set<ServiceItem> decided = EnumSet.noneOf(ServiceItem.class);
        List<PlanItem> created = new ArrayList<>();
        List<ServiceItem> already = new ArrayList<>();
        for (PlanTemplate.Rule rule : rules(template)) {
            if (decided.contains(rule.serviceItem())
                    || !rule.appliesTo(elder.categories(), elder.abilityLevel(), elder.riskTier())) {
                continue;
            }
            decided.add(rule.serviceItem());
            if (planned.contains(rule.serviceItem())) {
                already.add(rule.serviceItem());
                continue;
            }
            ItemTerms terms = new ItemTerms(rule.serviceItem(), rule.cadence(), rule.modes(), responsible,
                    programId != null ? programId : template.programId(), from, null);
            created.add(item(elder, terms, from, PlanItem.Source.TEMPLATE, template.id(), null));
        }
        items.saveAllAndFlush(created);
        return new Applied(created, already);
    }

    List<PlanTemplate.Rule> rules(PlanTemplate template) {
        return json.readValue(template.rulesJson(), RULES);
    }

    String rulesJson(List<PlanTemplate.Rule> rules) {
        if (rules == null || rules.isEmpty()) {
            throw ProblemException.invalid("rules", "required");
        }
        for (int i = 0; i < rules.size(); i++) {
            PlanTemplate.Rule r = rules.get(i);
            if (r.serviceItem() == null) {
                throw ProblemException.invalid("rules[" + i + "].serviceItem", "required");
            }
            if (r.cadence() == null) {
                throw ProblemException.invalid("rules[" + i + "].cadence", "required");
            }
            r.cadence().cadence();
            if (r.minAbilityLevel() != null && (r.minAbilityLevel() < 0 || r.minAbilityLevel() > 4)) {
                throw ProblemException.invalid("rules[" + i + "].minAbilityLevel", "ability-level-range");
            }
            for (String c : r.categoriesAny() == null ? Set.<String>of() : r.categoriesAny()) {
                if (!validCategory(c)) {
                    throw ProblemException.invalid("rules[" + i + "].categoriesAny", "category-unknown", c);
                }
            }
            for (String t : r.riskTiers() == null ? Set.<String>of() : r.riskTiers()) {
                if (!Set.of("HIGH", "PRIORITY", "GENERAL").contains(t)) {
                    throw ProblemException.invalid("rules[" + i + "].riskTiers", "risk-tier-unknown", t);
                }
            }
        }
        return json.writeValueAsString(rules);
    }

    private static boolean validCategory(String code) {
        for (org.warmnest.care.elder.Category c : org.warmnest.care.elder.Category.values()) {
            if (c.name().equals(code)) {
                return true;
            }
        }
        return false;
    }

    private PlanItem item(ElderRef elder, ItemTerms terms, LocalDate from, PlanItem.Source source, UUID templateId,
            UUID replaces) {
        if (terms.serviceItem() == null) {
            throw ProblemException.invalid("serviceItem", "required");
        }
        if (terms.cadence() == null) {
            throw ProblemException.invalid("cadence", "required");
        }
        Cadence cadence = terms.cadence().cadence();
        ResponsibleRef who = responsible(elder, terms.responsible());
        Set<ContactMode> modes = terms.modes() == null ? Set.of() : new HashSet<>(terms.modes());
        return new PlanItem(elder.id(), terms.programId(), terms.serviceItem(), cadence, modes, who.kind(), who.ref(),
                who.name(), from, source, templateId, replaces, blankToNull(terms.note()),
                CurrentUser.get().subject(), clock.instant());
    }

    /**
     * Who answers for an item, checked: a volunteer or cadre registered here (and, for contractor staff, with
     * their contractor), an area of this tenant, or a worker; the caller when none is named.
     */
    private ResponsibleRef responsible(ElderRef elder, ResponsibleRef given) {
        CurrentUser user = CurrentUser.get();
        if (given == null || given.kind() == null) {
            return new ResponsibleRef(Responsible.WORKER, user.subject(), name(user.username()));
        }
        String ref = given.ref() == null ? "" : given.ref().strip();
        String name = given.name() == null ? "" : given.name().strip();
        if (ref.isEmpty() || ref.length() > 64) {
            throw ProblemException.invalid("responsible.ref", "required");
        }
        if (name.isEmpty() || name.length() > 50) {
            throw ProblemException.invalid("responsible.name", "required");
        }
        switch (given.kind()) {
            case VOLUNTEER, CADRE -> checkVolunteer(ref);
            case AREA_TEAM -> checkArea(ref);
            case WORKER -> {
            }
        }
        return new ResponsibleRef(given.kind(), ref, name);
    }

    private void checkVolunteer(String ref) {
        UUID id;
        try {
            id = UUID.fromString(ref);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("responsible.ref", "volunteer-unknown");
        }
        List<?> owners = em.createNativeQuery("select cast(contractor_id as text) from volunteer where id = :id")
                .setParameter("id", id).getResultList();
        boolean visible = !owners.isEmpty() && CurrentUser.get().contractorScope()
                .map(c -> c.toString().equals(owners.get(0))).orElse(true);
        if (!visible) {
            throw ProblemException.invalid("responsible.ref", "volunteer-unknown");
        }
    }

    private void checkArea(String code) {
        boolean known = areas.grids(TenantContext.require()).values().stream().anyMatch(g -> g.gridCode().equals(code)
                || g.communityCode().equals(code) || g.streetCode().equals(code));
        if (!known) {
            throw ProblemException.invalid("responsible.ref", "area-unknown");
        }
    }

    private ElderRef activeElder(UUID elderId) {
        ElderRef elder = elders.require(elderId);
        if (!"ACTIVE".equals(elder.status())) {
            throw ProblemException.conflict("plan-elder-not-active", elderId, elder.status());
        }
        return elder;
    }

    /**
     * When an item starts: a new item may be entered up to {@value #BACKDATE_DAYS} days late (plans agreed on paper
     * before they are typed in); an adjustment takes effect today or later, so the past stays as it was.
     */
    private LocalDate startOf(LocalDate requested, boolean newItem) {
        LocalDate today = today();
        if (requested == null) {
            return today;
        }
        if (requested.isBefore(newItem ? today.minusDays(BACKDATE_DAYS) : today)) {
            throw ProblemException.invalid("activeFrom", newItem ? "start-too-early" : "no-retroactive-start");
        }
        if (requested.isAfter(today.plusYears(1))) {
            throw ProblemException.invalid("activeFrom", "start-too-late");
        }
        return requested;
    }

    static final int BACKDATE_DAYS = 31;

    private static String name(String username) {
        return username == null || username.isBlank() ? "工作人员"
                : username.length() > 50 ? username.substring(0, 50) : username;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static ProblemException notFound(UUID itemId) {
        return ProblemException.notFound("plan-item-not-found", itemId);
    }
}
