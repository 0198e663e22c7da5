package org.warmnest.care.alert;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

interface AlertRepository extends JpaRepository<Alert, UUID>, JpaSpecificationExecutor<Alert> {

    /**
     * The alert about to change, locked: of two people acknowledging at once the second waits and then finds it
     * acknowledged; the escalation's conditional update waits the same way and then finds it no longer open.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Alert a where a.id = :id")
    Optional<Alert> lockById(UUID id);

    Optional<Alert> findByPlanItemIdAndMissedDay(UUID planItemId, LocalDate missedDay);
}
