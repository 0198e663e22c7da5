package org.warmnest.care.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

interface PlanItemRepository extends JpaRepository<PlanItem, UUID> {

    /** The elder's items in force on the day, by service item. */
    @Query("select i from PlanItem i where i.elderId = :elderId and i.activeFrom <= :day"
            + " and (i.activeTo is null or i.activeTo >= :day) order by i.serviceItem, i.activeFrom, i.id")
    List<PlanItem> inForce(UUID elderId, LocalDate day);

    /** Every item the elder has had, the latest first. */
    @Query("select i from PlanItem i where i.elderId = :elderId order by i.activeFrom desc, i.createdAt desc, i.id")
    List<PlanItem> history(UUID elderId);

    /** Items in force at some time in the period. */
    @Query("select i from PlanItem i where i.elderId = :elderId and i.activeFrom <= :to"
            + " and (i.activeTo is null or i.activeTo >= :from) order by i.serviceItem, i.activeFrom, i.id")
    List<PlanItem> overlapping(UUID elderId, LocalDate from, LocalDate to);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from PlanItem i where i.id = :id and i.elderId = :elderId")
    Optional<PlanItem> lock(UUID id, UUID elderId);
}
