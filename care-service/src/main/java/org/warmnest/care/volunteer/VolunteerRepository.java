package org.warmnest.care.volunteer;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface VolunteerRepository extends JpaRepository<Volunteer, UUID> {

    Page<Volunteer> findByContractorId(UUID contractorId, Pageable pageable);

    Optional<Volunteer> findByIdAndContractorId(UUID id, UUID contractorId);
}
