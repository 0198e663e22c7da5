package org.warmnest.billing.contract;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Contracts of the request's tenant: drafted with their procurement record, signed (which commits their value on
 * budget lines, never more than a line has available), and closed (what was not drawn goes back to the lines).
 * Contractor staff read only their own contractor's contracts.
 */
@Service
@EnableConfigurationProperties(ContractRules.class)
class Contracts {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    record Quote(String supplier, String uscc, BigDecimal amount, BigDecimal score, boolean winner) {
    }

    record Milestone(String name, BigDecimal percent, String condition) {
    }

    record PriceTerm(ServiceItem serviceItem, BigDecimal unitPrice, Integer quantityCap) {
    }

    record Draft(String number, String name, UUID contractorId, UUID programId, String programOwner,
            List<String> districts, BigDecimal value, LocalDate startDate, LocalDate endDate, String multiYearReason,
            ProcurementMethod procurementMethod, String procurementName, BigDecimal procurementBudget,
            LocalDate awardedOn, String nonOpenReason, String invitation, String criteria, String winnerReason,
            List<Quote> quotes, BigDecimal holdbackPercent, BigDecimal evaluationThreshold, Integer paymentDueDays,
            List<Milestone> milestones, List<PriceTerm> prices) {
    }

    record Commitment(UUID lineId, BigDecimal amount) {
    }

    /**
     * What the contract holds on one budget line: {@code committed} and not drawn, held back, drawn (已拨付), and of
     * that what the treasury paid (已支付: the drawdowns of claims whose transfer is recorded).
     */
    record LineMoney(UUID lineId, String districtCode, BigDecimal committed, BigDecimal held, BigDecimal drawn,
            BigDecimal paid) {
    }

    private final ContractRepository contracts;
    private final TenantDirectory directory;
    private final TenantRegistry registry;
    private final FundJournal journal;
    private final ContractRules rules;
    private final EntityManager em;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Clock clock;

    Contracts(ContractRepository contracts, TenantDirectory directory, TenantRegistry registry, FundJournal journal,
            ContractRules rules, EntityManager em, JsonMapper json, TransactionTemplate tx, Clock clock) {
        this.contracts = contracts;
        this.directory = directory;
        this.registry = registry;
        this.journal = journal;
        this.rules = rules;
        this.em = em;
        this.json = json;
        this.tx = tx;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    /** Checks the draft against the procurement rules and keeps it. The contractor is read from tenant-service. */
    Contract draft(Draft d) {
        TenantCode here = TenantContext.require();
        List<String> districts = districts(here, d.districts());
        if (!d.programOwner().equals(here.value()) && !(here.isDistrict() && d.programOwner().equals(here.city().value()))) {
            throw ProblemException.invalid("programOwner", "program-owner-not-ours", d.programOwner());
        }
        if (d.endDate().isBefore(d.startDate())) {
            throw ProblemException.invalid("endDate", "before-start");
        }
        if (!d.endDate().isBefore(d.startDate().plusYears(rules.longestTermYears()))) {
            throw unprocessable("contract-term-too-long", rules.longestTermYears());
        }
        if (!d.endDate().isBefore(d.startDate().plusYears(rules.termYears()))
                && (d.multiYearReason() == null || d.multiYearReason().isBlank())) {
            throw ProblemException.invalid("multiYearReason", "multi-year-needs-reason", rules.termYears());
        }
        if (d.awardedOn().isAfter(today())) {
            throw ProblemException.invalid("awardedOn", "in-future");
        }
        if (d.procurementMethod() != ProcurementMethod.OPEN_TENDER
                && (d.nonOpenReason() == null || d.nonOpenReason().isBlank())) {
            throw ProblemException.invalid("nonOpenReason", "non-open-needs-reason", d.procurementMethod().label);
        }
        if (d.value().compareTo(d.procurementBudget()) > 0) {
            throw unprocessable("contract-over-budget", Yuan.format(d.value()), Yuan.format(d.procurementBudget()));
        }
        if (d.quotes().size() < d.procurementMethod().minimumQuotes) {
            throw ProblemException.invalid("quotes", "too-few-quotes", d.procurementMethod().label,
                    d.procurementMethod().minimumQuotes);
        }
        List<Quote> winners = d.quotes().stream().filter(Quote::winner).toList();
        if (winners.size() != 1) {
            throw ProblemException.invalid("quotes", "one-winner");
        }
        Set<ServiceItem> items = new HashSet<>();
        for (PriceTerm p : d.prices()) {
            if (!items.add(p.serviceItem())) {
                throw ProblemException.invalid("prices", "price-twice", p.serviceItem().name());
            }
        }
        BigDecimal milestones = d.milestones().stream().map(Milestone::percent).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        if (milestones.compareTo(new BigDecimal(100)) > 0) {
            throw ProblemException.invalid("milestones", "milestones-over-100");
        }
        int due = d.paymentDueDays() == null ? rules.paymentDueDays() : d.paymentDueDays();
        if (due < 1 || due > rules.longestPaymentDueDays()) {
            throw ProblemException.invalid("paymentDueDays", "payment-due-too-late", rules.longestPaymentDueDays());
        }
        TenantDirectory.Contractor contractor = directory.contractor(d.contractorId());
        if (winners.get(0).uscc() == null || !winners.get(0).uscc().equalsIgnoreCase(contractor.uscc())) {
            throw unprocessable("contract-winner-not-contractor", contractor.name(), contractor.uscc());
        }
        Contract.Terms terms = new Contract.Terms(d.number(), d.name(), contractor.id(), contractor.name(),
                d.programId(), d.programOwner(), districts, Yuan.exact(d.value()), d.startDate(), d.endDate(),
                blankToNull(d.multiYearReason()), d.procurementMethod(), d.procurementName(),
                Yuan.exact(d.procurementBudget()), d.awardedOn(), blankToNull(d.nonOpenReason()), d.invitation(),
                d.criteria(), d.winnerReason(), json.writeValueAsString(d.quotes()), d.holdbackPercent(),
                d.evaluationThreshold(), due, json.writeValueAsString(d.milestones()),
                d.prices().stream().map(p -> new Contract.Price(p.serviceItem(), Yuan.exact(p.unitPrice()),
                        p.quantityCap())).toList());
        return tx.execute(s -> {
            if (contracts.existsByNumber(d.number())) {
                throw ProblemException.conflict("contract-number-exists", d.number());
            }
            return contracts.saveAndFlush(new Contract(UUID.randomUUID(), terms, CurrentUser.get().subject(),
                    DisplayName.current(), clock.instant()));
        });
    }

    /** Distinct districts of this tenant: a city's registered districts, or the district itself. */
    private List<String> districts(TenantCode here, List<String> codes) {
        Set<String> out = new LinkedHashSet<>();
        for (String code : codes) {
            boolean ours = TenantCode.isValid(code) && (here.isCity()
                    ? TenantCode.of(code).isDistrict() && TenantCode.of(code).city().equals(here)
                            && registry.find(TenantCode.of(code)).isPresent()
                    : here.value().equals(code));
            if (!ours) {
                throw ProblemException.invalid("districts", "district-not-ours", code, here.value());
            }
            out.add(code);
        }
        return List.copyOf(out);
    }

    /**
     * Signs the draft (never by whoever drafted it): the contractor must be engaged for the program in every district over the whole term
     * (asked of tenant-service before anything is locked), and the value is committed on the budget lines given,
     * in one transaction with the signature.
     */
    Contract sign(UUID id, LocalDate signedOn, List<Commitment> commitments) {
        Contract draft = tx.execute(s -> get(id));
        if (draft.status() != Contract.Status.DRAFT) {
            throw ProblemException.conflict("contract-not-draft", id, draft.status());
        }
        requireOtherThanDrafter(draft);
        if (signedOn.isAfter(today()) || signedOn.isBefore(draft.awardedOn())) {
            throw ProblemException.invalid("signedOn", "signed-outside-award", draft.awardedOn());
        }
        long days = ChronoUnit.DAYS.between(draft.awardedOn(), signedOn);
        if (days > rules.signWithinDays()) {
            throw unprocessable("contract-signed-late", days, rules.signWithinDays());
        }
        BigDecimal total = commitments.stream().map(Commitment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(draft.value()) != 0) {
            throw ProblemException.invalid("commitments", "commitments-not-value", Yuan.format(total),
                    Yuan.format(draft.value()));
        }
        if (commitments.stream().map(Commitment::lineId).distinct().count() != commitments.size()) {
            throw ProblemException.invalid("commitments", "line-twice");
        }
        for (String district : draft.districts()) {
            if (!directory.engaged(TenantCode.of(district), draft.contractorId(), draft.programId(),
                    draft.startDate(), draft.endDate())) {
                throw unprocessable("contract-contractor-not-engaged", draft.contractorName(), district);
            }
        }
        String by = CurrentUser.get().subject();
        return tx.execute(s -> {
            Contract c = contracts.findForUpdate(id).orElseThrow();
            if (c.status() != Contract.Status.DRAFT) {
                throw ProblemException.conflict("contract-not-draft", id, c.status());
            }
            List<Entry> entries = new ArrayList<>();
            for (Commitment m : commitments) {
                Line line = line(m.lineId());
                if (!c.districts().contains(line.districtCode())) {
                    throw ProblemException.invalid("commitments", "line-outside-districts", m.lineId(),
                            line.districtCode());
                }
                if (line.closed()) {
                    throw ProblemException.conflict("budget-line-closed", m.lineId(), line.fiscalYear());
                }
                entries.add(new Entry(EntryKind.COMMITMENT, Account.line(line.allocationId(), m.lineId()),
                        Account.committed(line.allocationId(), m.lineId(), id), Yuan.exact(m.amount()),
                        line.fiscalYear(), null, c.number()));
            }
            try {
                journal.post(entries, by);
            } catch (ProblemException e) {
                throw "insufficient-balance".equals(e.code())
                        ? ProblemException.conflict("contract-commitment-exceeds-line", e.args()[2], e.args()[1])
                        : e;
            }
            c.sign(signedOn, by, DisplayName.current(), clock.instant());
            return contracts.saveAndFlush(c);
        });
    }

    /** Closes a signed contract: what it committed and did not draw goes back to the lines; holdback stays. */
    @Transactional
    Contract close(UUID id) {
        Contract c = contracts.findForUpdate(id)
                .orElseThrow(() -> ProblemException.notFound("contract-not-found", id));
        if (c.status() != Contract.Status.SIGNED) {
            throw ProblemException.conflict("contract-not-signed", id, c.status());
        }
        List<Entry> entries = new ArrayList<>();
        for (LineMoney m : money(id)) {
            if (m.committed().signum() > 0) {
                Line line = line(m.lineId());
                entries.add(new Entry(EntryKind.RELEASE, Account.committed(line.allocationId(), m.lineId(), id),
                        Account.line(line.allocationId(), m.lineId()), m.committed(), line.fiscalYear(), null,
                        c.number()));
            }
        }
        String by = CurrentUser.get().subject();
        if (!entries.isEmpty()) {
            journal.post(entries, by);
        }
        c.close(by, DisplayName.current(), clock.instant());
        return contracts.saveAndFlush(c);
    }

    /**
     * The performance evaluation (绩效评价) of a closed contract, once, by someone other than its drafter: at or above the contract's threshold its
     * holdback is paid out, below it the holdback goes back to the budget lines.
     */
    @Transactional
    Contract evaluate(UUID id, BigDecimal score, LocalDate on, String note) {
        Contract c = contracts.findForUpdate(id)
                .orElseThrow(() -> ProblemException.notFound("contract-not-found", id));
        if (c.status() != Contract.Status.CLOSED) {
            throw ProblemException.conflict("contract-not-closed", id, c.status());
        }
        if (c.evaluatedOn() != null) {
            throw ProblemException.conflict("contract-already-evaluated", id, c.evaluationScore());
        }
        requireOtherThanDrafter(c);
        if (on.isAfter(today())) {
            throw ProblemException.invalid("evaluatedOn", "in-future");
        }
        boolean earned = score.compareTo(c.evaluationThreshold()) >= 0;
        List<Entry> entries = new ArrayList<>();
        for (LineMoney m : money(id)) {
            if (m.held().signum() > 0) {
                Line line = line(m.lineId());
                Account held = Account.held(line.allocationId(), m.lineId(), id);
                entries.add(earned
                        ? new Entry(EntryKind.HOLDBACK_RELEASE, held, Account.paid(line.allocationId(), m.lineId(), id),
                                m.held(), line.fiscalYear(), null, c.number())
                        : new Entry(EntryKind.HOLDBACK_FORFEIT, held, Account.line(line.allocationId(), m.lineId()),
                                m.held(), line.fiscalYear(), null, c.number()));
            }
        }
        String by = CurrentUser.get().subject();
        if (!entries.isEmpty()) {
            journal.post(entries, by);
        }
        c.evaluate(score, rules.grade(score), on, by, DisplayName.current(), blankToNull(note));
        return contracts.saveAndFlush(c);
    }

    /** Four eyes on the fund's money: whoever drafted a contract neither signs it nor evaluates it. */
    private static void requireOtherThanDrafter(Contract c) {
        if (CurrentUser.get().subject().equals(c.createdBy())) {
            throw ProblemException.forbidden("contract-own-draft", c.id());
        }
    }

    record Line(UUID allocationId, String districtCode, int fiscalYear, boolean closed) {
    }

    private Line line(UUID lineId) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select allocation_id, district_code, fiscal_year,"
                + " closed_at is not null from budget_line where id = ?1").setParameter(1, lineId).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.invalid("commitments", "budget-line-unknown", lineId);
        }
        Object[] r = found.get(0);
        return new Line((UUID) r[0], (String) r[1], ((Number) r[2]).intValue(), (Boolean) r[3]);
    }

    /** The districts' names as the tenant registry holds them, in the order given (null where unknown). */
    List<String> districtNames(List<String> codes) {
        return codes.stream().map(code -> TenantCode.isValid(code) ? registry.find(TenantCode.of(code))
                .map(TenantRegistry.RegisteredTenant::name).orElse(null) : null).toList();
    }

    /** The contract's money on each of its lines. */
    @Transactional(readOnly = true)
    List<LineMoney> money(UUID contractId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select a.line_id, l.district_code,
                  coalesce(sum(a.balance) filter (where a.kind = 'COMMITTED'), 0),
                  coalesce(sum(a.balance) filter (where a.kind = 'HELD'), 0),
                  coalesce(sum(a.balance) filter (where a.kind = 'PAID'), 0),
                  coalesce(sum((select sum(e.amount) from journal_entry e join claim c on c.id = e.claim_id
                    where e.to_account = a.account_key and e.kind = 'DRAWDOWN' and c.paid_on is not null)), 0)
                from account a join budget_line l on l.id = a.line_id
                where a.contract_id = ?1
                group by a.line_id, l.district_code
                order by l.district_code, a.line_id""").setParameter(1, contractId).getResultList();
        return rows.stream().map(r -> new LineMoney((UUID) r[0], (String) r[1], Yuan.exact((BigDecimal) r[2]),
                Yuan.exact((BigDecimal) r[3]), Yuan.exact((BigDecimal) r[4]), Yuan.exact((BigDecimal) r[5])))
                .toList();
    }

    /** The contract if the caller may see it: contractor staff see their own contractor's only. */
    @Transactional(readOnly = true)
    Contract get(UUID id) {
        Optional<UUID> contractor = CurrentUser.get().contractorScope();
        Contract c = contracts.findById(id).filter(x -> contractor.map(x.contractorId()::equals).orElse(true))
                .orElseThrow(() -> ProblemException.notFound("contract-not-found", id));
        c.prices().size();
        return c;
    }

    @Transactional(readOnly = true)
    Page<Contract> list(Contract.Status status, Pageable pageable) {
        return contracts.search(CurrentUser.get().contractorScope().orElse(null), status, pageable);
    }

    List<Quote> quotes(Contract c) {
        return List.of(json.readValue(c.quotes(), Quote[].class));
    }

    List<Milestone> milestones(Contract c) {
        return List.of(json.readValue(c.milestones(), Milestone[].class));
    }

    private static ProblemException unprocessable(String code, Object... args) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, code, args);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
