package org.warmnest.tenant.contractor;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ContractorRepository extends JpaRepository<Contractor, UUID> {

    boolean existsByUscc(String uscc);

    Page<Contractor> findByUscc(String uscc, Pageable pageable);

    Page<Contractor> findByNameContaining(String name, Pageable pageable);
}
