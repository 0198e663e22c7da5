package org.warmnest.tenant.area;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface StreetRepository extends JpaRepository<Street, UUID> {

    List<Street> findAllByOrderByCode();

    Optional<Street> findByCode(String code);

    boolean existsByCode(String code);
}
