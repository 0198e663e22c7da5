package org.warmnest.tenant.program;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface ProgramRepository extends JpaRepository<Program, UUID> {
}
