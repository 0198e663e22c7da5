package org.warmnest.tenant.area;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface CommunityRepository extends JpaRepository<Community, UUID> {

    List<Community> findAllByOrderByCode();

    List<Community> findByStreetIdOrderByCode(UUID streetId);

    boolean existsByCode(String code);

    boolean existsByStreetId(UUID streetId);
}
