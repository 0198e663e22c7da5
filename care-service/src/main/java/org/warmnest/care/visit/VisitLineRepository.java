package org.warmnest.care.visit;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface VisitLineRepository extends JpaRepository<VisitLine, UUID> {

    List<VisitLine> findByVisitIdOrderByServiceItem(UUID visitId);

    List<VisitLine> findByVisitIdIn(java.util.Collection<UUID> visitIds);
}
