package org.warmnest.billing.allocation;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import jakarta.persistence.LockModeType;

interface AllocationRepository extends JpaRepository<Allocation, UUID> {

    @Query("""
            select a from Allocation a
            where (:year is null or a.fiscalYear = :year) and (:source is null or a.source = :source)""")
    Page<Allocation> search(@Param("year") Integer year, @Param("source") FundSource source, Pageable pageable);

    /** Amendments of one allocation are serialised on its row, so sequence numbers never collide. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Allocation a where a.id = :id")
    Optional<Allocation> findForUpdate(@Param("id") UUID id);
}
