package org.warmnest.care.alert;

import java.util.Map;

/** The Chinese names of an alert's kind, source, level and status, for reports outside this package (the ledgers). */
public final class AlertLabels {

    private static final Map<String, String> SOURCES = Map.of("WORKER", "人工上报", "CADENCE", "系统预警");
    private static final Map<String, String> STATUSES = Map.of("OPEN", "待确认", "ACKNOWLEDGED", "已确认",
            "ACTING", "处置中", "RESOLVED", "已处置", "CLOSED", "已回访办结");

    private AlertLabels() {
    }

    public static String kind(String kind) {
        return Alert.Kind.valueOf(kind).chineseName;
    }

    public static String source(String source) {
        return SOURCES.getOrDefault(source, source);
    }

    public static String level(String level) {
        return level == null ? null : AlertLevel.valueOf(level).chineseName;
    }

    public static String status(String status) {
        return STATUSES.getOrDefault(status, status);
    }
}
