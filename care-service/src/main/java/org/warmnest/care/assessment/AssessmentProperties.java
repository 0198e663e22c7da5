package org.warmnest.care.assessment;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval how long a completed assessment stands before the next is due (the standard: at least every
 *                 12 months; a bureau may ask for sooner)
 */
@ConfigurationProperties("warmnest.assessment")
record AssessmentProperties(@DefaultValue("P12M") Period interval) {
}
