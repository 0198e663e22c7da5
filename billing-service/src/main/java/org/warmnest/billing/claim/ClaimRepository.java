package org.warmnest.billing.claim;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import jakarta.persistence.LockModeType;

interface ClaimRepository extends JpaRepository<Claim, UUID> {

    @Query("""
            select c from Claim c
            where (:contractor is null or c.contractorId = :contractor)
              and (:contract is null or c.contractId = :contract) and (:status is null or c.status = :status)""")
    Page<Claim> search(@Param("contractor") UUID contractor, @Param("contract") UUID contract,
            @Param("status") Claim.Status status, Pageable pageable);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Claim c where c.id = :id")
    Optional<Claim> findForUpdate(@Param("id") UUID id);
}
