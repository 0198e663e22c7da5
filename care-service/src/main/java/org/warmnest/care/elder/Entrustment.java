package org.warmnest.care.elder;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.ContractorEngagements;
import org.warmnest.platform.tenancy.TenantCode;

/**
 * Whom a bureau may entrust an elder's file to (PIPL: entrusted processing): a contractor engaged in the tenant
 * today, by the same rule and from the same answer of tenant-service as the contractor's own staff are let in
 * ({@link ContractorEngagements}: kept briefly, dropped at once when an engagement changes). When tenant-service
 * cannot answer, nothing is entrusted ({@code 503 engagements-unavailable}, the caller may retry).
 */
@Component
class Entrustment {

    private final ContractorEngagements engagements;

    Entrustment(ContractorEngagements engagements) {
        this.engagements = engagements;
    }

    /**
     * Refuses, with {@code 400 contractor-not-engaged}, a contractor without an engagement in force today in this
     * tenant (a registry entry alone, another district's engagement, an ended or not yet started one is not enough).
     */
    void requireEngaged(TenantCode tenant, UUID contractor) {
        if (engagements.standing(tenant, contractor) != ContractorEngagements.Standing.ENGAGED) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "contractor-not-engaged", contractor);
        }
    }
}
