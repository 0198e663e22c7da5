package org.warmnest.care.visit;

import java.util.UUID;

/** What other features may ask of visit records, with the caller's scope applied. */
public interface VisitRecords {

    /**
     * That the visit exists, is the caller's to see, is of this elder and stands (neither rejected nor
     * superseded); a 400 on {@code serviceRecordId} otherwise.
     */
    void requireVisitOf(UUID visitId, UUID elderId);
}
