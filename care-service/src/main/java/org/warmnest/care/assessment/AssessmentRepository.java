package org.warmnest.care.assessment;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

interface AssessmentRepository extends JpaRepository<Assessment, UUID> {

    Page<Assessment> findByElderId(UUID elderId, Pageable pageable);

    Optional<Assessment> findByIdAndElderId(UUID id, UUID elderId);

    /** The assessment about to be corrected, locked so two corrections of it cannot both succeed. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Assessment a where a.id = :id and a.elderId = :elderId")
    Optional<Assessment> lockByIdAndElderId(UUID id, UUID elderId);

    /** The assessment that stands for the elder now: the latest completed one. */
    Optional<Assessment> findFirstByElderIdAndStatusOrderByAssessedOnDescCreatedAtDesc(UUID elderId,
            Assessment.Status status);
}
