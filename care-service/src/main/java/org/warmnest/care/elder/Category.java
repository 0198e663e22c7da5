package org.warmnest.care.elder;

/** The categories bureaus count elders by; the label is what their spreadsheets and ledgers say. */
public enum Category {
    HIGH_AGE("高龄"), LIVING_ALONE("独居"), EMPTY_NEST("空巢"), SOLITARY("孤老"), ELDERLY_ONLY("纯老"),
    SUBSISTENCE("低保"), EXTREME_POVERTY("特困"), DISABLED("失能"), LEFT_BEHIND("留守"),
    SEVERELY_HANDICAPPED("重残"), BEREAVED_PARENTS("计生特殊家庭");

    final String label;

    Category(String label) {
        this.label = label;
    }

    /** What bureaus' spreadsheets and ledgers call the category. */
    public String label() {
        return label;
    }

    static Category byLabel(String text) {
        String t = text.strip();
        for (Category c : values()) {
            if (c.label.equals(t) || c.name().equalsIgnoreCase(t)) {
                return c;
            }
        }
        return switch (t) {
            case "孤寡", "孤寡老人" -> SOLITARY;
            case "纯老家庭" -> ELDERLY_ONLY;
            case "空巢老人" -> EMPTY_NEST;
            case "独居老人" -> LIVING_ALONE;
            case "失独", "失独家庭" -> BEREAVED_PARENTS;
            case "留守老人" -> LEFT_BEHIND;
            case "特困供养", "特困人员" -> EXTREME_POVERTY;
            case "低保户" -> SUBSISTENCE;
            default -> null;
        };
    }
}
