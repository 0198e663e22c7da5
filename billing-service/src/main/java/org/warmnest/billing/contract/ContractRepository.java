package org.warmnest.billing.contract;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import jakarta.persistence.LockModeType;

interface ContractRepository extends JpaRepository<Contract, UUID> {

    @Query("""
            select c from Contract c
            where (:contractor is null or c.contractorId = :contractor) and (:status is null or c.status = :status)""")
    Page<Contract> search(@Param("contractor") UUID contractor, @Param("status") Contract.Status status,
            Pageable pageable);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Contract c where c.id = :id")
    Optional<Contract> findForUpdate(@Param("id") UUID id);

    boolean existsByNumber(String number);
}
