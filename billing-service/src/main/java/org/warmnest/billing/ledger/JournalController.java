package org.warmnest.billing.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.billing.money.Yuan;
import org.warmnest.platform.sql.SqlValues;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The fund's journal as finance and auditors read it, and the proof that every balance equals its entries. */
@RestController
@RequestMapping("/api/billing/v1/tenants/{tenant}/journal")
@Tag(name = "journal", description = "The fund's append-only journal (资金台账) and its reconciliation")
class JournalController {

    private static final String READERS = "hasAnyRole('finance-officer','auditor')";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final FundJournal journal;
    private final EntityManager em;

    JournalController(FundJournal journal, EntityManager em) {
        this.journal = journal;
        this.em = em;
    }

    record EntryView(UUID id, long seq, UUID postingId, String kind, String kindName, String fromAccount,
            String toAccount, String amount, UUID allocationId, UUID lineId, UUID contractId, UUID claimId,
            int fiscalYear, String note, String createdBy, String createdByName, Instant createdAt) {
    }

    record DifferenceView(String account, String kept, String journal) {
    }

    record Reconciliation(boolean balanced, long accounts, long entries, List<DifferenceView> differences) {
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    @Operation(summary = "Journal entries in order, optionally of one allocation, line, contract or claim and "
            + "within dates (China time)")
    PageView<EntryView> entries(@PathVariable String tenant, @RequestParam(required = false) UUID allocationId,
            @RequestParam(required = false) UUID lineId, @RequestParam(required = false) UUID contractId,
            @RequestParam(required = false) UUID claimId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Instant fromAt = from == null ? null : from.atStartOfDay(CHINA).toInstant();
        Instant toAt = to == null ? null : to.plusDays(1).atStartOfDay(CHINA).toInstant();
        java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where true");
        filter(where, params, "allocation_id = :allocation", "allocation", allocationId);
        filter(where, params, "line_id = :line", "line", lineId);
        filter(where, params, "contract_id = :contract", "contract", contractId);
        filter(where, params, "claim_id = :claim", "claim", claimId);
        filter(where, params, "created_at >= :from", "from", fromAt);
        filter(where, params, "created_at < :to", "to", toAt);
        var count = em.createNativeQuery("select count(*) from journal_entry" + where);
        var select = em.createNativeQuery("select id, seq, posting_id, kind, from_account, to_account, amount,"
                + " allocation_id, line_id, contract_id, claim_id, fiscal_year, note, created_by, created_at,"
                + " coalesce(created_by_name, created_by)"
                + " from journal_entry" + where + " order by seq limit :limit offset :offset");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setParameter("limit", size).setParameter("offset", (long) page * size)
                .getResultList();
        List<EntryView> items = rows.stream().map(r -> new EntryView((UUID) r[0], ((Number) r[1]).longValue(),
                (UUID) r[2], (String) r[3], FundJournal.EntryKind.valueOf((String) r[3]).label, (String) r[4],
                (String) r[5], Yuan.format((java.math.BigDecimal) r[6]), (UUID) r[7], (UUID) r[8], (UUID) r[9],
                (UUID) r[10], ((Number) r[11]).intValue(), (String) r[12], (String) r[13], (String) r[15],
                SqlValues.instant(r[14]))).toList();
        return new PageView<>(items, page, size, total);
    }

    @GetMapping("/reconciliation")
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    @Operation(summary = "Every kept balance next to the sum of its journal entries; balanced when none differs")
    Reconciliation reconcile(@PathVariable String tenant) {
        List<DifferenceView> differences = journal.reconcile().stream()
                .map(d -> new DifferenceView(d.account(), Yuan.format(d.kept()), Yuan.format(d.journal()))).toList();
        long accounts = ((Number) em.createNativeQuery("select count(*) from account").getSingleResult()).longValue();
        long entries = ((Number) em.createNativeQuery("select count(*) from journal_entry").getSingleResult())
                .longValue();
        return new Reconciliation(differences.isEmpty(), accounts, entries, differences);
    }

    private static void filter(StringBuilder where, java.util.Map<String, Object> params, String clause,
            String name, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.put(name, value);
        }
    }

}
