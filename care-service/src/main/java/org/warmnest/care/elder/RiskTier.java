package org.warmnest.care.elder;

/** How closely an elder is watched; the care loop's visit frequency follows it. */
enum RiskTier {
    HIGH("高风险"), PRIORITY("重点关注"), GENERAL("一般");

    final String label;

    RiskTier(String label) {
        this.label = label;
    }

    static RiskTier byLabel(String text) {
        String t = text.strip();
        for (RiskTier r : values()) {
            if (r.label.equals(t) || r.name().equalsIgnoreCase(t)) {
                return r;
            }
        }
        return switch (t) {
            case "高", "高风险老人" -> HIGH;
            case "中", "重点" -> PRIORITY;
            case "低", "普通" -> GENERAL;
            default -> null;
        };
    }
}
