package org.warmnest.billing.allocation;

/** Where an allocation's money comes from; lottery-fund money is ring-fenced by source and year. */
public enum FundSource {
    MUNICIPAL_LOTTERY("市级福彩公益金", true),
    PROVINCIAL_LOTTERY("省级福彩公益金", true),
    CENTRAL_LOTTERY("中央专项彩票公益金", true),
    GENERAL_BUDGET("一般公共预算", false);

    /** The name a finance officer reads (reports, exports). */
    public final String label;
    /** Lottery-fund money: what it pays for carries the mark 彩票公益金资助—中国福利彩票. */
    public final boolean lottery;

    FundSource(String label, boolean lottery) {
        this.label = label;
        this.lottery = lottery;
    }

    /** The lottery-fund sources as an SQL list of literals, for queries that pick lottery money out. */
    public static String lotterySql() {
        return java.util.Arrays.stream(values()).filter(f -> f.lottery).map(f -> "'" + f.name() + "'")
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** The label of a stored code; the code itself if it is not one (never expected). */
    public static String labelOf(String code) {
        for (FundSource s : values()) {
            if (s.name().equals(code)) {
                return s.label;
            }
        }
        return code;
    }
}
