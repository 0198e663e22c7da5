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
 */
@ConfigurationProperties("warmnest.rules.contract")
record ContractRules(Integer termYears, Integer longestTermYears, Integer signWithinDays, Integer paymentDueDays,
        Integer longestPaymentDueDays) {

    ContractRules {
        termYears = termYears == null ? 1 : termYears;
        longestTermYears = longestTermYears == null ? 3 : longestTermYears;
        signWithinDays = signWithinDays == null ? 30 : signWithinDays;
        paymentDueDays = paymentDueDays == null ? 30 : paymentDueDays;
        longestPaymentDueDays = longestPaymentDueDays == null ? 60 : longestPaymentDueDays;
    }
}
