package org.warmnest.tenant.area;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface GridRepository extends JpaRepository<Grid, UUID> {

    List<Grid> findAllByOrderByCode();

    List<Grid> findByCommunityIdOrderByCode(UUID communityId);

    boolean existsByCode(String code);

    boolean existsByCommunityId(UUID communityId);
}
