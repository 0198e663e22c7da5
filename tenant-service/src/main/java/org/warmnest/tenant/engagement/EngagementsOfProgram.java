package org.warmnest.tenant.engagement;

import java.util.ArrayList;
import java.util.List;
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
import org.warmnest.tenant.program.ProgramUsage;

/**
 * A program is in use while any engagement names it: in the owner itself and, for a city's program, in each
 * of its districts, each read by an explicit call as that district in a transaction of its own.
 */
@Component
class EngagementsOfProgram implements ProgramUsage {

    private final EngagementRepository engagements;
    private final TenantRegistry registry;
    private final TenantSchemaMigrator migrator;
    private final TransactionTemplate ownTransaction;

    EngagementsOfProgram(EngagementRepository engagements, TenantRegistry registry, TenantSchemaMigrator migrator,
            PlatformTransactionManager transactions) {
        this.engagements = engagements;
        this.registry = registry;
        this.migrator = migrator;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        ownTransaction.setReadOnly(true);
    }

    @Override
    public boolean isInUse(TenantCode owner, UUID programId) {
        List<TenantCode> places = new ArrayList<>();
        places.add(owner);
        if (owner.isCity()) {
            registry.districtsOf(owner).stream().filter(this::hasSchema).forEach(places::add);
        }
        for (TenantCode place : places) {
            boolean used = TenantContext.callAs(place, () -> Boolean.TRUE.equals(ownTransaction.execute(
                    status -> engagements.existsByProgramOwnerAndProgramId(owner.value(), programId))));
            if (used) {
                return true;
            }
        }
        return false;
    }

    private boolean hasSchema(TenantCode tenant) {
        return registry.status(tenant).filter(s -> s != TenantStatus.PROVISIONING).isPresent()
                && !migrator.isBroken(tenant);
    }
}
