package org.warmnest.billing.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.billing.money.Yuan;
import org.warmnest.platform.catalogue.ServiceItem;

import jakarta.persistence.EntityManager;

/** A contract's terms and commitments as claims need them, in the request's tenant. No scope check: callers do. */
@Component
public class ContractReads {

    public record Price(BigDecimal unitPrice, Integer quantityCap) {
    }

    public record Terms(UUID id, String number, UUID contractorId, String contractorName, UUID programId,
            List<String> districts, LocalDate startDate, LocalDate endDate, BigDecimal holdbackPercent,
            BigDecimal evaluationThreshold, int paymentDueDays, String status, Map<ServiceItem, Price> prices) {

        public boolean signed() {
            return "SIGNED".equals(status);
        }
    }

    /** What the contract has committed and not drawn on one budget line. */
    public record Commitment(UUID allocationId, UUID lineId, String district, int fiscalYear, BigDecimal committed) {
    }

    private final ContractRepository contracts;
    private final EntityManager em;

    ContractReads(ContractRepository contracts, EntityManager em) {
        this.contracts = contracts;
        this.em = em;
    }

    @Transactional(readOnly = true)
    public Optional<Terms> find(UUID id) {
        return contracts.findById(id).map(ContractReads::terms);
    }

    /** The terms, with the contract's row locked until the caller's transaction ends (approvals queue on it). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Terms> lock(UUID id) {
        return contracts.findForUpdate(id).map(ContractReads::terms);
    }

    private static Terms terms(Contract c) {
        Map<ServiceItem, Price> prices = new EnumMap<>(ServiceItem.class);
        c.prices().forEach(p -> prices.put(p.serviceItem(), new Price(p.unitPrice(), p.quantityCap())));
        return new Terms(c.id(), c.number(), c.contractorId(), c.contractorName(), c.programId(), c.districts(),
                c.startDate(), c.endDate(), c.holdbackPercent(), c.evaluationThreshold(), c.paymentDueDays(),
                c.status().name(), Map.copyOf(prices));
    }

    /** The contract's undrawn commitment per budget line, oldest year and phase first within each district. */
    @Transactional(readOnly = true)
    public List<Commitment> commitments(UUID contractId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select a.allocation_id, a.line_id, l.district_code, l.fiscal_year, a.balance
                from account a join budget_line l on l.id = a.line_id
                where a.contract_id = ?1 and a.kind = 'COMMITTED'
                order by l.district_code, l.fiscal_year, l.phase, l.id""").setParameter(1, contractId)
                .getResultList();
        return rows.stream().map(r -> new Commitment((UUID) r[0], (UUID) r[1], (String) r[2],
                ((Number) r[3]).intValue(), Yuan.exact((BigDecimal) r[4]))).toList();
    }
}
