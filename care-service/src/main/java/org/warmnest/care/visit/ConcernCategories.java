package org.warmnest.care.visit;

/** The Chinese names of hazard and difficulty categories, for reports outside this package (the ledgers). */
public final class ConcernCategories {

    private ConcernCategories() {
    }

    /** The category's name for a concern of the kind ({@code HAZARD} or {@code DIFFICULTY}); the code if unknown. */
    public static String label(String kind, String category) {
        return Concern.label(Concern.Kind.valueOf(kind), category);
    }
}
