package org.warmnest.tenant.engagement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.platform.security.ContractorEngagements;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;

/** tenant-service owns engagements: it answers the contractor scope from its own tables, as they are now. */
@Component
class EngagementStandings implements ContractorEngagements {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final EngagementRepository engagements;
    private final TransactionTemplate tx;
    private final Clock clock;

    EngagementStandings(EngagementRepository engagements, PlatformTransactionManager transactions, Clock clock) {
        this.engagements = engagements;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setReadOnly(true);
        this.clock = clock;
    }

    @Override
    public Standing standing(TenantCode tenant, UUID contractor) {
        return TenantContext.callAs(tenant, () -> tx.execute(s -> ContractorEngagements.standingOf(
                engagements.findByContractorId(contractor, Sort.unsorted()).stream()
                        .map(e -> new Term(e.startDate(), e.endDate(), e.status() == Engagement.Status.ENDED))
                        .toList(),
                LocalDate.now(clock.withZone(CHINA)))));
    }
}
