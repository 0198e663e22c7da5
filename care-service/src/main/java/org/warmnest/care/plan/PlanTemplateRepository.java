package org.warmnest.care.plan;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface PlanTemplateRepository extends JpaRepository<PlanTemplate, UUID> {

    boolean existsByNameAndIdNot(String name, UUID id);
}
