package org.warmnest.care.visit;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface ConcernRepository extends JpaRepository<Concern, UUID>,
        org.springframework.data.jpa.repository.JpaSpecificationExecutor<Concern> {

    List<Concern> findByVisitIdOrderByCreatedAt(UUID visitId);

    List<Concern> findByElderIdOrderByFoundOnDesc(UUID elderId);
}
