package org.warmnest.care.alert;

/** The chain an alert climbs until someone acknowledges it: grid → community → street → district bureau. */
enum AlertLevel {
    GRID("网格"), COMMUNITY("社区"), STREET("街道"), DISTRICT("区民政局");

    final String chineseName;

    AlertLevel(String chineseName) {
        this.chineseName = chineseName;
    }

    boolean isTop() {
        return this == DISTRICT;
    }

    /** The level above; the district bureau is the top and has none. */
    AlertLevel next() {
        if (isTop()) {
            throw new IllegalStateException("the district bureau is the top of the chain");
        }
        return values()[ordinal() + 1];
    }
}
