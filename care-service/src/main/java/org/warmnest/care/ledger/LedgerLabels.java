package org.warmnest.care.ledger;

/** The words the ledgers print for statuses that have no Chinese name elsewhere. */
final class LedgerLabels {

    private LedgerLabels() {
    }

    static String visitStatus(String status) {
        return switch (status) {
            case "RECORDED" -> "待审核";
            case "VERIFIED" -> "已审核";
            case "REJECTED" -> "已退回";
            case "SUPERSEDED" -> "已更正";
            default -> status;
        };
    }

    /** A hazard is rectified (整改), a difficulty handled (办理). */
    static String concernStatus(String kind, String status) {
        boolean hazard = "HAZARD".equals(kind);
        return switch (status) {
            case "OPEN" -> hazard ? "未整改" : "待办理";
            case "IN_HAND" -> hazard ? "整改中" : "办理中";
            case "CLOSED" -> hazard ? "已整改" : "已办结";
            default -> status;
        };
    }
}
