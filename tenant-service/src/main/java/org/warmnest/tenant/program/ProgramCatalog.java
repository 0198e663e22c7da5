package org.warmnest.tenant.program;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.platform.migration.TenantSchemaMigrator;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;

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
    private final TenantRegistry registry;
    private final TenantSchemaMigrator migrator;
    private final TransactionTemplate ownTransaction;

    ProgramCatalog(ProgramRepository programs, TenantRegistry registry, TenantSchemaMigrator migrator,
            PlatformTransactionManager transactions) {
        this.programs = programs;
        this.registry = registry;
        this.migrator = migrator;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        ownTransaction.setReadOnly(true);
    }

    public Optional<ProgramInfo> find(TenantCode owner, UUID id) {
        if (!hasSchema(owner)) {
            return Optional.empty();
        }
        return TenantContext.callAs(owner, () -> ownTransaction.execute(status -> programs.findById(id)
                .map(p -> new ProgramInfo(p.id(), owner, p.name(), p.startYear(), p.endYear(),
                        List.copyOf(p.districtCodes())))));
    }

    /** A tenant still being provisioned, or whose migration failed, has no schema to read. */
    private boolean hasSchema(TenantCode tenant) {
        return registry.status(tenant).filter(s -> s != TenantStatus.PROVISIONING).isPresent()
                && !migrator.isBroken(tenant);
    }
}
