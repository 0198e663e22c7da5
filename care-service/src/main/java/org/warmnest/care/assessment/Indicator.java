package org.warmnest.care.assessment;

/** The four first-level indicators of GB/T 42195-2022, each the sum of its items. */
enum Indicator {

    SELF_CARE("自理能力", 32),
    BASIC_MOBILITY("基础运动能力", 15),
    MENTAL_STATE("精神状态", 28),
    PERCEPTION_AND_SOCIAL("感知觉与社会参与", 15);

    private final String chineseName;
    private final int max;

    Indicator(String chineseName, int max) {
        this.chineseName = chineseName;
        this.max = max;
    }

    String chineseName() {
        return chineseName;
    }

    int max() {
        return max;
    }
}
