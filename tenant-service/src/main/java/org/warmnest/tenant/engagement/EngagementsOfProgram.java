package org.warmnest.tenant.engagement;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.warmnest.platform.tenancy.DistrictReads;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.tenant.program.ProgramUsage;

/**
 * A program is in use while any engagement names it: in the owner itself and, for a city's program, in each
 * of its districts, each read by an explicit call as that district in a transaction of its own.
 */
@Component
class EngagementsOfProgram implements ProgramUsage {

    private final EngagementRepository engagements;
    private final TenantRegistry registry;
    private final DistrictReads reads;

    EngagementsOfProgram(EngagementRepository engagements, TenantRegistry registry, DistrictReads reads) {
        this.engagements = engagements;
        this.registry = registry;
        this.reads = reads;
    }

    @Override
    public boolean isInUse(TenantCode owner, UUID programId) {
        List<TenantCode> places = new ArrayList<>();
        places.add(owner);
        if (owner.isCity()) {
            places.addAll(registry.districtsOf(owner));
        }
        for (TenantCode place : places) {
            boolean used = reads.readAs(place,
                    tenant -> engagements.existsByProgramOwnerAndProgramId(owner.value(), programId)).orElse(false);
            if (used) {
                return true;
            }
        }
        return false;
    }
}
