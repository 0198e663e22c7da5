package org.warmnest.care.elder;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What other features of care-service may ask of the elder files, with the caller's scope applied: a
 * contractor's staff reach only their contractor's elders, bureau users all of the tenant's.
 */
public interface ElderFiles {

    /** The elder as the current caller may see it; a problem {@code elder-not-found} (404) otherwise. */
    ElderRef require(UUID elderId);

    /**
     * Writes the outcome of the elder's latest completed ability assessment onto the file, in the caller's
     * transaction, so that search and the reassessment list see it at once.
     */
    void assessed(UUID elderId, int finalLevel, LocalDate assessedOn, LocalDate nextDue);

    /**
     * Records where the elder lives (from a worker's check-in at the home), in the caller's transaction; the
     * distance of later home visits is measured from it.
     */
    void locate(UUID elderId, java.math.BigDecimal latitude, java.math.BigDecimal longitude);

    /**
     * An elder's identity as other features need it; no personal identifiers. The categories include 高龄 when
     * the elder has reached that age; the home is null until located.
     */
    record ElderRef(UUID id, String name, UUID contractorId, String gridCode, LocalDate birthDate, String status,
            java.util.List<String> categories, String riskTier, Integer abilityLevel, String communityCode,
            String streetCode, java.math.BigDecimal homeLatitude, java.math.BigDecimal homeLongitude) {
    }
}
