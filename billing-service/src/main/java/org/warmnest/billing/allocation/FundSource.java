package org.warmnest.billing.allocation;

/** Where an allocation's money comes from; lottery-fund money is ring-fenced by source and year. */
public enum FundSource {
    /** 市级福彩公益金 */
    MUNICIPAL_LOTTERY,
    /** 省级福彩公益金 */
    PROVINCIAL_LOTTERY,
    /** 中央专项彩票公益金 */
    CENTRAL_LOTTERY,
    /** 一般公共预算 */
    GENERAL_BUDGET
}
