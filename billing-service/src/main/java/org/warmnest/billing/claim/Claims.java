package org.warmnest.billing.claim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.hibernate.Session;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.billing.allocation.FundSource;
import org.warmnest.billing.contract.ContractReads;
import org.warmnest.billing.ledger.Account;
import org.warmnest.billing.ledger.FundJournal;
import org.warmnest.billing.ledger.FundJournal.Entry;
import org.warmnest.billing.ledger.FundJournal.EntryKind;
import org.warmnest.billing.money.Yuan;
import org.warmnest.billing.people.DisplayName;
import org.warmnest.platform.catalogue.ServiceItem;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantRegistry;

import jakarta.persistence.EntityManager;

/**
 * Claims of the request's tenant. A contractor's manager opens one for a contract and period: care-service's
 * records are fetched (before any transaction), priced by the contract and kept with what was excluded and why.
 * Submitted, a claim holds its records against any other claim. A finance officer who did not submit it approves
 * it (wholly or in part) or rejects it; approval draws down the contract's commitment in one transaction: the
 * payment and the holdback are journal movements that never take a balance below zero, and each record is entered
 * in the register of paid services, whose key makes a second payment impossible.
 */
@Service
class Claims {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final int LONGEST_PERIOD_DAYS = 366;

    /** What a decision approves: every included line but those rejected, with their reasons. */
    record Decision(boolean approve, Map<UUID, String> rejectedLines, String note) {
    }

    private final ClaimRepository claims;
    private final ContractReads contracts;
    private final CareRecords care;
    private final FundJournal journal;
    private final TenantRegistry registry;
    private final EntityManager em;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MessageSource messages;
    private final TransactionTemplate own;

    Claims(ClaimRepository claims, ContractReads contracts, CareRecords care, FundJournal journal,
            TenantRegistry registry, EntityManager em, TransactionTemplate tx, Clock clock, MessageSource messages,
            PlatformTransactionManager transactions) {
        this.claims = claims;
        this.contracts = contracts;
        this.care = care;
        this.journal = journal;
        this.registry = registry;
        this.em = em;
        this.tx = tx;
        this.clock = clock;
        this.messages = messages;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    /** The contract if the caller may claim on it or see it: contractor staff only their own contractor's. */
    private ContractReads.Terms contract(UUID contractId) {
        Optional<UUID> scope = CurrentUser.get().contractorScope();
        return contracts.find(contractId).filter(t -> scope.map(t.contractorId()::equals).orElse(true))
                .orElseThrow(() -> ProblemException.notFound("contract-not-found", contractId));
    }

    Claim open(UUID contractId, LocalDate from, LocalDate to) {
        ContractReads.Terms terms = contract(contractId);
        if (!terms.signed()) {
            throw ProblemException.conflict("contract-not-signed", contractId, terms.status());
        }
        checkPeriod(terms, from, to);
        List<CareRecords.Record> records = fetch(terms, from, to);
        String by = CurrentUser.get().subject();
        String byName = DisplayName.current();
        return tx.execute(s -> {
            Claim claim = claims.saveAndFlush(new Claim(UUID.randomUUID(), contractId, terms.contractorId(), from, to,
                    by, byName, clock.instant()));
            write(claim, terms, records);
            return claims.saveAndFlush(claim);
        });
    }

    /** Prices a draft again from care-service's records as they are now (more may have been verified). */
    Claim reprice(UUID claimId) {
        Claim found = tx.execute(s -> get(claimId));
        if (found.status() != Claim.Status.DRAFT) {
            throw ProblemException.conflict("claim-not-draft", claimId, found.status());
        }
        ContractReads.Terms terms = contract(found.contractId());
        List<CareRecords.Record> records = fetch(terms, found.periodFrom(), found.periodTo());
        return tx.execute(s -> {
            Claim claim = claims.findForUpdate(claimId).orElseThrow();
            if (claim.status() != Claim.Status.DRAFT) {
                throw ProblemException.conflict("claim-not-draft", claimId, claim.status());
            }
            em.createNativeQuery("delete from claim_line where claim_id = ?1").setParameter(1, claimId)
                    .executeUpdate();
            write(claim, terms, records);
            return claims.saveAndFlush(claim);
        });
    }

    private void checkPeriod(ContractReads.Terms terms, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "before-from");
        }
        if (to.toEpochDay() - from.toEpochDay() >= LONGEST_PERIOD_DAYS) {
            throw ProblemException.invalid("to", "period-too-long");
        }
        if (from.isBefore(terms.startDate()) || to.isAfter(terms.endDate())) {
            throw ProblemException.invalid("from", "period-outside-term", terms.startDate(), terms.endDate());
        }
        if (to.isAfter(today())) {
            throw ProblemException.invalid("to", "in-future");
        }
    }

    /**
     * The records of every district the contract's tenant holds: the city's districts for a city's contract (so a
     * service delivered in a district the contract does not cover is shown as excluded), or the district itself.
     */
    private List<CareRecords.Record> fetch(ContractReads.Terms terms, LocalDate from, LocalDate to) {
        TenantCode here = TenantContext.require();
        List<TenantCode> districts = new ArrayList<>(here.isCity() ? registry.districtsOf(here) : List.of(here));
        for (String d : terms.districts()) {
            if (!districts.contains(TenantCode.of(d))) {
                districts.add(TenantCode.of(d));
            }
        }
        List<CareRecords.Record> all = new ArrayList<>();
        for (TenantCode d : districts) {
            all.addAll(care.fetch(d, terms.contractorId(), terms.programId(), from, to));
        }
        return all;
    }

    /** Prices the records and writes the claim's lines and totals, in the caller's transaction. */
    private void write(Claim claim, ContractReads.Terms terms, List<CareRecords.Record> records) {
        Set<UUID> keys = new HashSet<>();
        records.forEach(r -> keys.add(r.billingKey()));
        Set<UUID> paid = keysIn("select billing_key from registry.paid_service where billing_key = any(?)", keys,
                null);
        Set<UUID> claimed = keysIn("select billing_key from claimed_service where billing_key = any(?)"
                + " and claim_id <> ?", keys, claim.id());
        List<Pricing.Line> lines = Pricing.price(terms, records, paid, claimed, capUsed(terms.id(), claim.id()));
        BigDecimal total = BigDecimal.ZERO.setScale(Yuan.SCALE);
        int included = 0;
        for (Pricing.Line l : lines) {
            if (l.exclusion() == null) {
                total = total.add(l.amount());
                included++;
            }
        }
        insertLines(claim.id(), lines);
        claim.priced(total, included, lines.size() - included, clock.instant());
    }

    private Set<UUID> keysIn(String sql, Set<UUID> keys, UUID claimId) {
        Set<UUID> found = new HashSet<>();
        if (keys.isEmpty()) {
            return found;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Array array = c.createArrayOf("uuid", keys.toArray());
                ps.setArray(1, array);
                if (claimId != null) {
                    ps.setObject(2, claimId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getObject(1, UUID.class));
                    }
                }
            }
        });
        return found;
    }

    /** Units of each service the contract has paid or holds in submitted claims, this claim aside. */
    private Map<ServiceItem, Long> capUsed(UUID contractId, UUID claimId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select l.service_item, sum(l.quantity) from claim_line l join claim c on c.id = l.claim_id
                where c.contract_id = ?1 and c.id <> ?2 and l.exclusion is null
                  and (c.status = 'SUBMITTED' or l.decision = 'APPROVED')
                group by l.service_item""").setParameter(1, contractId).setParameter(2, claimId).getResultList();
        Map<ServiceItem, Long> used = new HashMap<>();
        rows.forEach(r -> used.put(ServiceItem.valueOf((String) r[0]), ((Number) r[1]).longValue()));
        return used;
    }

    private void insertLines(UUID claimId, List<Pricing.Line> lines) {
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into claim_line (id, claim_id, billing_key,"
                    + " record_id, visit_id, elder_id, district, service_item, quantity, performed_on, record_status,"
                    + " unit_price, amount, exclusion) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (Pricing.Line l : lines) {
                    CareRecords.Record r = l.record();
                    ps.setObject(1, UUID.randomUUID());
                    ps.setObject(2, claimId);
                    ps.setObject(3, r.billingKey());
                    ps.setObject(4, r.recordId());
                    ps.setObject(5, r.visitId());
                    ps.setObject(6, r.elderId());
                    ps.setString(7, r.district());
                    ps.setString(8, r.serviceItem().name());
                    ps.setInt(9, r.quantity());
                    ps.setDate(10, Date.valueOf(r.performedOn()));
                    ps.setString(11, r.status());
                    ps.setBigDecimal(12, l.unitPrice());
                    ps.setBigDecimal(13, l.amount());
                    ps.setString(14, l.exclusion() == null ? null : l.exclusion().name());
                    ps.addBatch();
                    if (++n % 500 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        });
    }

    /** The contractor's manager submits the draft; its records are then held against any other claim. */
    @Transactional
    Claim submit(UUID claimId) {
        Claim claim = lockInScope(claimId);
        if (claim.status() != Claim.Status.DRAFT) {
            throw ProblemException.conflict("claim-not-draft", claimId, claim.status());
        }
        if (claim.includedLines() == 0) {
            throw ProblemException.conflict("claim-empty", claimId);
        }
        int held = em.createNativeQuery("insert into claimed_service (billing_key, claim_id, service_item, quantity)"
                + " select billing_key, claim_id, service_item, quantity from claim_line"
                + " where claim_id = ?1 and exclusion is null on conflict do nothing").setParameter(1, claimId)
                .executeUpdate();
        if (held != claim.includedLines()) {
            throw ProblemException.conflict("claim-records-claimed-elsewhere", claim.includedLines() - held);
        }
        claim.submit(CurrentUser.get().subject(), DisplayName.current(), clock.instant());
        return claims.saveAndFlush(claim);
    }

    /**
     * Finance's decision on a submitted claim. Two officers deciding at once: the second gets 409. An approval
     * that the contract's commitment cannot cover is refused whole (409) and nothing is paid.
     */
    @Transactional
    Claim decide(UUID claimId, Decision decision) {
        Claim claim = claims.findForUpdate(claimId)
                .orElseThrow(() -> ProblemException.notFound("claim-not-found", claimId));
        if (claim.status() != Claim.Status.SUBMITTED) {
            throw ProblemException.conflict("claim-not-submitted", claimId, claim.status());
        }
        String by = CurrentUser.get().subject();
        if (by.equals(claim.submittedBy()) || by.equals(claim.openedBy())) {
            throw ProblemException.forbidden("claim-own-submission", claimId);
        }
        ContractReads.Terms terms = contracts.lock(claim.contractId()).orElseThrow();
        List<ApprovedLine> included = includedLines(claimId);
        Set<UUID> known = new HashSet<>();
        included.forEach(l -> known.add(l.id()));
        for (UUID rejected : decision.rejectedLines().keySet()) {
            if (!known.contains(rejected)) {
                throw ProblemException.invalid("rejectedLines", "claim-line-unknown", rejected);
            }
        }
        Instant now = clock.instant();
        List<ApprovedLine> approved = decision.approve() ? included.stream()
                .filter(l -> !decision.rejectedLines().containsKey(l.id())).toList() : List.of();
        // every line is decided: approved, or rejected with its reason (the note, when all are rejected)
        em.createNativeQuery("update claim_line set decision = 'REJECTED', rejection_reason = ?2"
                + " where claim_id = ?1 and exclusion is null").setParameter(1, claimId)
                .setParameter(2, decision.note() == null ? "驳回" : decision.note()).executeUpdate();
        for (Map.Entry<UUID, String> r : decision.rejectedLines().entrySet()) {
            em.createNativeQuery("update claim_line set rejection_reason = ?2 where id = ?1")
                    .setParameter(1, r.getKey()).setParameter(2, r.getValue()).executeUpdate();
        }
        if (approved.isEmpty()) {
            release(claimId, null);
            claim.decide(Claim.Status.REJECTED, by, DisplayName.current(), now, decision.note(),
                    BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), null);
            return claims.saveAndFlush(claim);
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update claim_line set decision = 'APPROVED',"
                    + " rejection_reason = null where id = ?")) {
                for (ApprovedLine l : approved) {
                    ps.setObject(1, l.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
        Map<String, BigDecimal> byDistrict = new TreeMap<>();
        approved.forEach(l -> byDistrict.merge(l.district(), l.amount(), BigDecimal::add));
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        BigDecimal holdback = BigDecimal.ZERO.setScale(2);
        List<Entry> entries = new ArrayList<>();
        Map<String, List<ContractReads.Commitment>> lines = new LinkedHashMap<>();
        contracts.commitments(claim.contractId()).forEach(m -> lines.computeIfAbsent(m.district(),
                k -> new ArrayList<>()).add(m));
        for (Map.Entry<String, BigDecimal> d : byDistrict.entrySet()) {
            BigDecimal amount = d.getValue();
            // the holdback is rounded to the fen (half up) per district; what rounding leaves stays with the contract
            BigDecimal held = amount.multiply(terms.holdbackPercent()).divide(new BigDecimal(100), Yuan.SCALE,
                    RoundingMode.HALF_UP);
            total = total.add(amount);
            holdback = holdback.add(held);
            draw(entries, lines.getOrDefault(d.getKey(), List.of()), d.getKey(), amount.subtract(held), held,
                    terms, claimId);
        }
        try {
            journal.post(entries, by);
        } catch (ProblemException e) {
            if ("insufficient-balance".equals(e.code())) {
                throw ProblemException.conflict("contract-commitment-exhausted", "—", Yuan.format(total), "—");
            }
            throw e;
        }
        pay(claim, approved, now);
        release(claimId, "REJECTED");
        Claim.Status outcome = approved.size() == included.size() ? Claim.Status.APPROVED
                : Claim.Status.PARTLY_APPROVED;
        claim.decide(outcome, by, DisplayName.current(), now, decision.note(), total, holdback,
                today().plusDays(terms.paymentDueDays()));
        return claims.saveAndFlush(claim);
    }

    /** The refusals of an approval that leave a record on the claim: the money could not move. */
    static final Set<String> RECORDED_REFUSALS = Set.of("contract-commitment-exhausted", "service-already-paid");

    /** An approval refused: who tried it, when, the problem's code and the message the officer was given. */
    record Refusal(String by, String byName, Instant at, String code, String reason) {
    }

    /**
     * Keeps the refusal of an approval on the claim, in a transaction of its own (the approval's was rolled back),
     * when it is one the money could not carry; other refusals (not submitted, not allowed) change nothing.
     */
    void refused(UUID claimId, ProblemException refusal) {
        if (!RECORDED_REFUSALS.contains(refusal.code())) {
            return;
        }
        String reason = messages.getMessage("problem." + refusal.code() + ".detail", refusal.args(),
                refusal.code(), Locale.SIMPLIFIED_CHINESE);
        String by = CurrentUser.get().subject();
        String byName = DisplayName.current();
        own.executeWithoutResult(s -> em.createNativeQuery("insert into claim_refusal (id, claim_id, refused_by,"
                + " refused_by_name, refused_at, code, reason) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, claimId).setParameter(3, by)
                .setParameter(4, byName).setParameter(5, clock.instant()).setParameter(6, refusal.code())
                .setParameter(7, reason.length() > 1000 ? reason.substring(0, 1000) : reason).executeUpdate());
    }

    @Transactional(readOnly = true)
    List<Refusal> refusals(UUID claimId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select refused_by, coalesce(refused_by_name, refused_by),"
                + " refused_at, code, reason from claim_refusal where claim_id = ?1 order by refused_at, id")
                .setParameter(1, claimId).getResultList();
        return rows.stream().map(r -> new Refusal((String) r[0], (String) r[1],
                org.warmnest.platform.sql.SqlValues.instant(r[2]), (String) r[3], (String) r[4])).toList();
    }

    /** What the claim's workbook shows: the claim, its contract's number, its lines, names and refusals. */
    record Export(Claim claim, String contractNumber, boolean lottery, List<LineView> lines,
            List<Refusal> refusals) {
    }

    /** The district's name as the tenant registry holds it. */
    private String districtName(String code) {
        return TenantCode.isValid(code) ? registry.find(TenantCode.of(code))
                .map(TenantRegistry.RegisteredTenant::name).orElse(null) : null;
    }

    /** The claim as its workbook shows it; lottery when the contract's money is on lottery-fund lines. */
    @Transactional(readOnly = true)
    Export export(UUID claimId) {
        Claim claim = get(claimId);
        String number = contracts.find(claim.contractId()).map(ContractReads.Terms::number).orElse(null);
        boolean lottery = (Boolean) em.createNativeQuery("select exists (select 1 from account a join allocation al"
                + " on al.id = a.allocation_id where a.contract_id = ?1 and al.source in (" + FundSource.lotterySql()
                + "))")
                .setParameter(1, claim.contractId()).getSingleResult();
        return new Export(claim, number, lottery, lines(claimId, null, false, 0, Integer.MAX_VALUE),
                refusals(claimId));
    }

    /** Records the treasury's payment of an approved claim (bank transfer date and reference), once. */
    @Transactional
    Claim recordPayment(UUID claimId, LocalDate paidOn, String reference) {
        Claim claim = claims.findForUpdate(claimId)
                .orElseThrow(() -> ProblemException.notFound("claim-not-found", claimId));
        if (claim.status() != Claim.Status.APPROVED && claim.status() != Claim.Status.PARTLY_APPROVED) {
            throw ProblemException.conflict("claim-not-approved", claimId, claim.status());
        }
        if (claim.paidOn() != null) {
            throw ProblemException.conflict("claim-payment-recorded", claimId, claim.paidOn());
        }
        LocalDate decided = claim.decidedAt().atZone(CHINA).toLocalDate();
        if (paidOn.isBefore(decided) || paidOn.isAfter(today())) {
            throw ProblemException.invalid("paidOn", "paid-outside-approval", decided);
        }
        claim.paid(paidOn, reference, CurrentUser.get().subject(), DisplayName.current());
        return claims.saveAndFlush(claim);
    }

    record ApprovedLine(UUID id, UUID billingKey, String district, BigDecimal amount) {
    }

    private List<ApprovedLine> includedLines(UUID claimId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, billing_key, district, amount from claim_line"
                + " where claim_id = ?1 and exclusion is null order by performed_on, billing_key")
                .setParameter(1, claimId).getResultList();
        return rows.stream().map(r -> new ApprovedLine((UUID) r[0], (UUID) r[1], (String) r[2],
                Yuan.exact((BigDecimal) r[3]))).toList();
    }

    /**
     * Draws the district's payment and holdback from the contract's commitments on the district's lines, oldest
     * first. More than the commitments hold is refused (409) before anything is posted.
     */
    private static void draw(List<Entry> entries, List<ContractReads.Commitment> lines, String district,
            BigDecimal net, BigDecimal held, ContractReads.Terms terms, UUID claimId) {
        BigDecimal needNet = net;
        BigDecimal needHeld = held;
        BigDecimal available = BigDecimal.ZERO;
        for (ContractReads.Commitment m : lines) {
            available = available.add(m.committed());
            BigDecimal left = m.committed();
            BigDecimal h = needHeld.min(left);
            left = left.subtract(h);
            BigDecimal n = needNet.min(left);
            Account committed = Account.committed(m.allocationId(), m.lineId(), terms.id());
            if (h.signum() > 0) {
                entries.add(new Entry(EntryKind.HOLDBACK, committed,
                        Account.held(m.allocationId(), m.lineId(), terms.id()), h, m.fiscalYear(), claimId,
                        terms.number()));
            }
            if (n.signum() > 0) {
                entries.add(new Entry(EntryKind.DRAWDOWN, committed,
                        Account.paid(m.allocationId(), m.lineId(), terms.id()), n, m.fiscalYear(), claimId,
                        terms.number()));
            }
            needHeld = needHeld.subtract(h);
            needNet = needNet.subtract(n);
        }
        if (needHeld.signum() > 0 || needNet.signum() > 0) {
            throw ProblemException.conflict("contract-commitment-exhausted", district, Yuan.format(net.add(held)),
                    Yuan.format(available));
        }
    }

    /** Enters each approved record in the register of paid services; a record paid before fails the whole. */
    private void pay(Claim claim, List<ApprovedLine> approved, Instant at) {
        String tenant = TenantContext.require().value();
        int[][] done = new int[1][];
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into registry.paid_service (billing_key, tenant,"
                    + " district, contract_id, claim_id, amount, paid_at) values (?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict do nothing")) {
                for (ApprovedLine l : approved) {
                    ps.setObject(1, l.billingKey());
                    ps.setString(2, tenant);
                    ps.setString(3, l.district());
                    ps.setObject(4, claim.contractId());
                    ps.setObject(5, claim.id());
                    ps.setBigDecimal(6, l.amount());
                    ps.setTimestamp(7, Timestamp.from(at));
                    ps.addBatch();
                }
                done[0] = ps.executeBatch();
            }
        });
        long paid = java.util.Arrays.stream(done[0]).filter(n -> n > 0).count();
        if (paid != approved.size()) {
            throw ProblemException.conflict("service-already-paid", approved.size() - paid);
        }
    }

    /** Frees the claim's records for another claim: all of them, or those with the given decision. */
    private void release(UUID claimId, String decision) {
        em.createNativeQuery("delete from claimed_service s where s.claim_id = ?1" + (decision == null ? ""
                : " and exists (select 1 from claim_line l where l.claim_id = s.claim_id"
                        + " and l.billing_key = s.billing_key and l.decision = '" + decision + "')"))
                .setParameter(1, claimId).executeUpdate();
    }

    private Claim lockInScope(UUID claimId) {
        Claim claim = claims.findForUpdate(claimId)
                .orElseThrow(() -> ProblemException.notFound("claim-not-found", claimId));
        Optional<UUID> scope = CurrentUser.get().contractorScope();
        if (scope.isPresent() && !scope.get().equals(claim.contractorId())) {
            throw ProblemException.notFound("claim-not-found", claimId);
        }
        return claim;
    }

    @Transactional(readOnly = true)
    Claim get(UUID claimId) {
        Optional<UUID> scope = CurrentUser.get().contractorScope();
        return claims.findById(claimId).filter(c -> scope.map(c.contractorId()::equals).orElse(true))
                .orElseThrow(() -> ProblemException.notFound("claim-not-found", claimId));
    }

    @Transactional(readOnly = true)
    org.springframework.data.domain.Page<Claim> list(UUID contractId, Claim.Status status,
            org.springframework.data.domain.Pageable pageable) {
        return claims.search(CurrentUser.get().contractorScope().orElse(null), contractId, status, pageable);
    }

    /** A claim's lines as priced and decided, in the order the services were delivered. */
    record LineView(UUID id, UUID billingKey, UUID recordId, UUID visitId, UUID elderId, String district,
            String districtName, ServiceItem serviceItem, String serviceItemName, int quantity, LocalDate performedOn,
            String recordStatus, String unitPrice, String amount, String exclusion, String exclusionName,
            String decision, String decisionName, String rejectionReason) {
    }

    record Summary(String exclusion, String exclusionName, long lines, long units) {
    }

    static String decisionLabel(String decision) {
        return decision == null ? null : "APPROVED".equals(decision) ? "批准" : "驳回";
    }

    @Transactional(readOnly = true)
    List<LineView> lines(UUID claimId, String exclusion, boolean includedOnly, int offset, int limit) {
        get(claimId);
        StringBuilder sql = new StringBuilder("select id, billing_key, record_id, visit_id, elder_id, district,"
                + " service_item, quantity, performed_on, record_status, unit_price, amount, exclusion, decision,"
                + " rejection_reason from claim_line where claim_id = :claim");
        if (includedOnly) {
            sql.append(" and exclusion is null");
        } else if (exclusion != null) {
            sql.append(" and exclusion = :exclusion");
        }
        sql.append(" order by performed_on, billing_key limit :limit offset :offset");
        var q = em.createNativeQuery(sql.toString()).setParameter("claim", claimId).setParameter("limit", limit)
                .setParameter("offset", offset);
        if (!includedOnly && exclusion != null) {
            q.setParameter("exclusion", exclusion);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        Map<String, String> names = new HashMap<>();
        return rows.stream().map(r -> {
            ServiceItem item = ServiceItem.valueOf((String) r[6]);
            String district = (String) r[5];
            return new LineView((UUID) r[0], (UUID) r[1], (UUID) r[2], (UUID) r[3], (UUID) r[4], district,
                    names.computeIfAbsent(district, this::districtName), item,
                    item.label, ((Number) r[7]).intValue(), date(r[8]), (String) r[9],
                    r[10] == null ? null : Yuan.format((BigDecimal) r[10]),
                    r[11] == null ? null : Yuan.format((BigDecimal) r[11]), (String) r[12],
                    Pricing.Exclusion.labelOf((String) r[12]), (String) r[13], decisionLabel((String) r[13]),
                    (String) r[14]);
        }).toList();
    }

    /** Lines and units by exclusion (none: included). */
    @Transactional(readOnly = true)
    List<Summary> summary(UUID claimId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select coalesce(exclusion, 'INCLUDED'), count(*), sum(quantity)"
                + " from claim_line where claim_id = ?1 group by 1 order by 1").setParameter(1, claimId)
                .getResultList();
        return rows.stream().map(r -> new Summary((String) r[0], "INCLUDED".equals(r[0]) ? "计入结算"
                : Pricing.Exclusion.labelOf((String) r[0]), ((Number) r[1]).longValue(), ((Number) r[2]).longValue()))
                .toList();
    }

    private static LocalDate date(Object o) {
        return o instanceof Date d ? d.toLocalDate() : (LocalDate) o;
    }

}
