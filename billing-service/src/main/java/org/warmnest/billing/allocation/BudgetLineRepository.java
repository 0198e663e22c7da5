package org.warmnest.billing.allocation;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface BudgetLineRepository extends JpaRepository<BudgetLine, UUID> {

    List<BudgetLine> findByAllocationIdOrderByFiscalYearAscPhaseAscDistrictCodeAsc(UUID allocationId);

    boolean existsByAllocationIdAndFiscalYearAndPhaseAndDistrictCode(UUID allocationId, int fiscalYear, short phase,
            String districtCode);
}
