package org.warmnest.care.elder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.warmnest.care.area.AreaDirectory.GridPlace;

/**
 * The rules an elder's file must meet beyond the shape of the request: a valid ID number of someone old
 * enough, a grid of this tenant, categories that agree with each other. One place for the API and the import.
 */
@Component
class ElderRules {

    static final int HIGH_AGE = 80;

    private final int minimumAge;

    ElderRules(@Value("${warmnest.elders.minimum-age:60}") int minimumAge) {
        this.minimumAge = minimumAge;
    }

    /** One rule broken: the request field and a stable code (a message key {@code field.<code>}). */
    record Problem(String field, String code, Object... args) {
    }

    /** A request that met every rule, with what follows from it. */
    record Draft(ElderRequest request, ResidentId idNumber, GridPlace place, List<Category> categories) {
    }

    /** Checks a request; the problems are empty exactly when the draft is present. */
    record Checked(Draft draft, List<Problem> problems) {
    }

    Checked check(ElderRequest r, Map<String, GridPlace> grids, LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        ResidentId id = null;
        try {
            id = ResidentId.parse(r.idNumber(), today);
            if (id.ageOn(today) < minimumAge) {
                problems.add(new Problem("idNumber", "elder-too-young", minimumAge));
            }
        } catch (ResidentId.Invalid e) {
            problems.add(new Problem("idNumber", e.defect.code));
        }
        GridPlace place = r.gridCode() == null ? null : grids.get(r.gridCode());
        if (place == null) {
            problems.add(new Problem("gridCode", "grid-unknown", r.gridCode()));
        }
        LinkedHashSet<Category> categories = new LinkedHashSet<>(r.categories() == null ? List.of() : r.categories());
        categories.remove(Category.HIGH_AGE); // follows from the birth date
        if (categories.contains(Category.LIVING_ALONE) && categories.contains(Category.ELDERLY_ONLY)) {
            problems.add(new Problem("categories", "categories-alone-and-elderly-household"));
        }
        if (categories.contains(Category.SOLITARY)) {
            categories.add(Category.LIVING_ALONE);
            if (categories.contains(Category.ELDERLY_ONLY)) {
                problems.add(new Problem("categories", "categories-alone-and-elderly-household"));
            }
        }
        if (r.consentOn() != null && r.consentOn().isAfter(today)) {
            problems.add(new Problem("consentOn", "date-in-future"));
        }
        if (!problems.isEmpty()) {
            return new Checked(null, problems);
        }
        List<Category> ordered = new ArrayList<>(categories);
        ordered.sort(null);
        return new Checked(new Draft(r, id, place, ordered), List.of());
    }
}
