package org.warmnest.care.elder;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ElderRepository extends JpaRepository<Elder, UUID> {

    Optional<Elder> findByIdNumberHash(byte[] hash);

    Optional<Elder> findByIdAndContractorId(UUID id, UUID contractorId);

    @Query("select e from Elder e where e.idNumberHash in :hashes")
    List<Elder> findByIdNumberHashIn(Collection<byte[]> hashes);
}
