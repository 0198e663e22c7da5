package org.warmnest.care.assessment;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface ReassessmentDueRepository extends Repository<ReassessmentDue, UUID> {

    String DUE = "select e from ReassessmentDue e where e.status = 'ACTIVE'"
            + " and (e.lastAssessedOn is null or e.nextAssessmentDue is null or e.nextAssessmentDue <= :before)";

    @Query(DUE)
    Page<ReassessmentDue> due(LocalDate before, Pageable pageable);

    @Query(DUE + " and e.contractorId = :contractorId")
    Page<ReassessmentDue> dueOfContractor(UUID contractorId, LocalDate before, Pageable pageable);
}
