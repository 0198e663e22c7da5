package org.warmnest.billing.contract;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The procurement and payment rules a contract is held to, with the national defaults; provinces and cities vary,
 * so each is a setting.
 *
 * @param termYears the longest term without a reason (normally one year)
 * @param longestTermYears the longest term with a reason (stable service and assured funding)
 * @param signWithinDays days from the award to the signature
 * @param paymentDueDays the default days from a claim's approval to payment
 * @param longestPaymentDueDays the most days a contract may give itself
 * @param gradeExcellent the lowest score graded 优 (90), then {@code gradeGood} 良 (80) and {@code gradePass} 中
 *        (60); below is 差
 */
@ConfigurationProperties("warmnest.rules.contract")
record ContractRules(Integer termYears, Integer longestTermYears, Integer signWithinDays, Integer paymentDueDays,
        Integer longestPaymentDueDays, Integer gradeExcellent, Integer gradeGood, Integer gradePass) {

    ContractRules {
        termYears = termYears == null ? 1 : termYears;
        longestTermYears = longestTermYears == null ? 3 : longestTermYears;
        signWithinDays = signWithinDays == null ? 30 : signWithinDays;
        paymentDueDays = paymentDueDays == null ? 30 : paymentDueDays;
        longestPaymentDueDays = longestPaymentDueDays == null ? 60 : longestPaymentDueDays;
        gradeExcellent = gradeExcellent == null ? 90 : gradeExcellent;
        gradeGood = gradeGood == null ? 80 : gradeGood;
        gradePass = gradePass == null ? 60 : gradePass;
    }

    /** 优, 良, 中 or 差 for a score of 0 to 100. */
    String grade(java.math.BigDecimal score) {
        if (score.compareTo(java.math.BigDecimal.valueOf(gradeExcellent)) >= 0) {
            return "优";
        }
        if (score.compareTo(java.math.BigDecimal.valueOf(gradeGood)) >= 0) {
            return "良";
        }
        return score.compareTo(java.math.BigDecimal.valueOf(gradePass)) >= 0 ? "中" : "差";
    }
}
