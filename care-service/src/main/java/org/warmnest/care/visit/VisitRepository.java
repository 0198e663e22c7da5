package org.warmnest.care.visit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface VisitRepository extends JpaRepository<Visit, UUID>, JpaSpecificationExecutor<Visit> {

    Optional<Visit> findByIdAndElderId(UUID id, UUID elderId);

    /**
     * Reviews a recorded visit if no one has yet; the caller learns from the count whether it was first. Two
     * supervisors at once: one sees 1, the other 0.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = "update visit set status = :status, reviewed_by = :by, reviewed_at = :at, review_note = :note,"
            + " version = version + 1 where id = :id and status = 'RECORDED'", nativeQuery = true)
    int review(UUID id, String status, String by, java.time.Instant at, String note);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = "update visit set status = 'SUPERSEDED', superseded_by_id = :by, version = version + 1"
            + " where id = :id and status <> 'SUPERSEDED'", nativeQuery = true)
    int supersede(UUID id, UUID by);
}
