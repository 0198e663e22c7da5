package org.warmnest.tenant.program;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.warmnest.platform.tenancy.DistrictReads;
import org.warmnest.platform.tenancy.TenantCode;

/**
 * Reads a program in its owner's schema for work done in another tenant (a district engaging a contractor
 * for its city's program): an explicit call as the owner, in a transaction of its own, never a cross-schema
 * query.
 */
@Component
public class ProgramCatalog {

    /** What another feature needs to know of a program. */
    public record ProgramInfo(UUID id, TenantCode owner, String name, int startYear, int endYear,
            List<String> districtCodes) {

        public boolean covers(TenantCode tenant) {
            return owner.equals(tenant) || districtCodes.contains(tenant.value());
        }
    }

    private final ProgramRepository programs;
    private final DistrictReads reads;

    ProgramCatalog(ProgramRepository programs, DistrictReads reads) {
        this.programs = programs;
        this.reads = reads;
    }

    public Optional<ProgramInfo> find(TenantCode owner, UUID id) {
        return reads.readAs(owner, tenant -> programs.findById(id)
                .map(p -> new ProgramInfo(p.id(), owner, p.name(), p.startYear(), p.endYear(),
                        List.copyOf(p.districtCodes())))
                .orElse(null));
    }
}
