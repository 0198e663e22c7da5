package org.warmnest.tenant.engagement;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;

interface EngagementRepository extends JpaRepository<Engagement, UUID> {

    List<Engagement> findByContractorId(UUID contractorId, Sort sort);

    Optional<Engagement> findByIdAndContractorId(UUID id, UUID contractorId);

    boolean existsByProgramOwnerAndProgramId(String programOwner, UUID programId);

    boolean existsByContractorIdAndProgramOwnerAndProgramIdAndStatus(UUID contractorId, String programOwner,
            UUID programId, Engagement.Status status);
}
