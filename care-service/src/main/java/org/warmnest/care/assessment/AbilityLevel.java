package org.warmnest.care.assessment;

/** The five ability levels of GB/T 42195-2022, 0 (intact) to 4 (complete loss). */
enum AbilityLevel {

    INTACT("能力完好"),
    MILD("能力轻度受损"),
    MODERATE("能力中度受损"),
    SEVERE("能力重度受损"),
    COMPLETE_LOSS("能力完全丧失");

    private final String chineseName;

    AbilityLevel(String chineseName) {
        this.chineseName = chineseName;
    }

    int value() {
        return ordinal();
    }

    String chineseName() {
        return chineseName;
    }

    static AbilityLevel of(int value) {
        return values()[value];
    }

    /** One step less able, never beyond complete loss. */
    AbilityLevel raised() {
        return this == COMPLETE_LOSS ? this : values()[ordinal() + 1];
    }
}
