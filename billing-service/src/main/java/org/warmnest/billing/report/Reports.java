package org.warmnest.billing.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.billing.money.Yuan;
import org.warmnest.platform.sql.SqlValues;
import org.warmnest.platform.tenancy.DistrictReads;
import org.warmnest.platform.tenancy.TenantCode;

import jakarta.persistence.EntityManager;

/**
 * Finance's reports, all derived from the journal's accounts and the claims: execution (执行率 = drawn ÷
 * allocated) per allocation, budget line, contract and district; drawdown over time; a city's roll-up over its
 * districts; a contractor's payment history; cost per beneficiary. "Drawn" is what was paid out to contractors
 * (holdback kept is not drawn until it is released).
 */
@Service
class Reports {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Money of one row of a report. {@code allocated} is the base of the execution rate. */
    record Money(BigDecimal allocated, BigDecimal committed, BigDecimal drawn, BigDecimal held,
            BigDecimal available) {

        BigDecimal rate() {
            return allocated.signum() == 0 ? null : drawn.divide(allocated, 4, RoundingMode.HALF_UP);
        }

        Money plus(Money o) {
            return new Money(allocated.add(o.allocated), committed.add(o.committed), drawn.add(o.drawn),
                    held.add(o.held), available.add(o.available));
        }

        static Money zero() {
            BigDecimal z = BigDecimal.ZERO.setScale(Yuan.SCALE);
            return new Money(z, z, z, z, z);
        }
    }

    record AllocationRow(UUID id, String documentNumber, String source, int fiscalYear, String purpose,
            BigDecimal returned, BigDecimal unbudgeted, Money money) {
    }

    record LineRow(UUID id, UUID allocationId, String documentNumber, int fiscalYear, int phase, String districtCode,
            String name, Money money) {
    }

    record ContractRow(UUID id, String number, String contractorName, String status, Money money) {
    }

    record DistrictRow(String districtCode, Money money) {
    }

    record Execution(Integer fiscalYear, Money total, List<AllocationRow> allocations, List<LineRow> lines,
            List<ContractRow> contracts, List<DistrictRow> districts) {
    }

    record Period(LocalDate period, BigDecimal paid, BigDecimal held, BigDecimal cumulativePaid) {
    }

    record Payment(UUID claimId, UUID contractId, String contractNumber, LocalDate periodFrom, LocalDate periodTo,
            String status, BigDecimal approved, BigDecimal holdback, BigDecimal paid, Instant decidedAt,
            LocalDate dueOn, LocalDate paidOn, String reference, boolean late) {
    }

    record Beneficiaries(UUID contractId, String contractNumber, String districtCode, BigDecimal paid, long elders,
            long services, BigDecimal costPerElder) {
    }

    private final EntityManager em;
    private final DistrictReads districts;
    private final Clock clock;

    Reports(EntityManager em, DistrictReads districts, Clock clock) {
        this.em = em;
        this.districts = districts;
        this.clock = clock;
    }

    private static final String MONEY = """
            coalesce(sum(ac.balance) filter (where ac.kind in ('LINE','COMMITTED','HELD','PAID')), 0),
            coalesce(sum(ac.balance) filter (where ac.kind in ('COMMITTED','HELD','PAID')), 0),
            coalesce(sum(ac.balance) filter (where ac.kind = 'PAID'), 0),
            coalesce(sum(ac.balance) filter (where ac.kind = 'HELD'), 0),
            coalesce(sum(ac.balance) filter (where ac.kind = 'LINE'), 0)""";

    private static Money money(Object[] r, int first) {
        return new Money(Yuan.exact((BigDecimal) r[first]), Yuan.exact((BigDecimal) r[first + 1]),
                Yuan.exact((BigDecimal) r[first + 2]), Yuan.exact((BigDecimal) r[first + 3]),
                Yuan.exact((BigDecimal) r[first + 4]));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Integer year) {
        var q = em.createNativeQuery(sql);
        if (sql.contains(":year")) {
            q.setParameter("year", year == null ? -1 : year);
        }
        return q.getResultList();
    }

    /** Execution in the request's tenant, of one fiscal year's allocations or of all. */
    @Transactional(readOnly = true)
    Execution execution(Integer year) {
        String ofYear = year == null ? "" : " and a.fiscal_year = :year";
        List<AllocationRow> allocations = new ArrayList<>();
        Money total = Money.zero();
        for (Object[] r : rows("""
                select a.id, a.document_number, a.source, a.fiscal_year, a.purpose, a.current_amount,
                  -coalesce(sum(ac.balance) filter (where ac.kind = 'SOURCE'), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind = 'POOL'), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind in ('COMMITTED','HELD','PAID')), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind = 'PAID'), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind = 'HELD'), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind in ('LINE','POOL')), 0)
                from allocation a left join account ac on ac.allocation_id = a.id
                where true""" + ofYear + " group by a.id order by a.fiscal_year desc, a.created_at, a.id", year)) {
            BigDecimal amount = Yuan.exact((BigDecimal) r[5]);
            BigDecimal fromFund = Yuan.exact((BigDecimal) r[6]);
            Money m = new Money(amount, Yuan.exact((BigDecimal) r[8]), Yuan.exact((BigDecimal) r[9]),
                    Yuan.exact((BigDecimal) r[10]), Yuan.exact((BigDecimal) r[11]));
            allocations.add(new AllocationRow((UUID) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
                    (String) r[4], amount.subtract(fromFund), Yuan.exact((BigDecimal) r[7]), m));
            total = total.plus(m);
        }
        List<LineRow> lines = new ArrayList<>();
        for (Object[] r : rows("select l.id, l.allocation_id, a.document_number, l.fiscal_year, l.phase,"
                + " l.district_code, l.name, " + MONEY + " from budget_line l join allocation a on a.id ="
                + " l.allocation_id left join account ac on ac.line_id = l.id where true"
                + ofYear.replace("a.fiscal_year", "l.fiscal_year") + " group by l.id, a.document_number"
                + " order by l.fiscal_year, a.document_number, l.phase, l.district_code", year)) {
            lines.add(new LineRow((UUID) r[0], (UUID) r[1], (String) r[2], ((Number) r[3]).intValue(),
                    ((Number) r[4]).intValue(), (String) r[5], (String) r[6], money(r, 7)));
        }
        List<ContractRow> contracts = new ArrayList<>();
        for (Object[] r : rows("""
                select c.id, c.number, c.contractor_name, c.status, c.value,
                  coalesce(sum(ac.balance) filter (where ac.kind in ('COMMITTED','HELD','PAID')), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind = 'PAID'), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind = 'HELD'), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind = 'COMMITTED'), 0)
                from contract c left join account ac on ac.contract_id = c.id
                left join budget_line bl on bl.id = ac.line_id
                where c.status <> 'DRAFT'""" + (year == null ? "" : " and (bl.id is null or bl.fiscal_year = :year)")
                + " group by c.id order by c.number", year)) {
            // a contract's execution is measured against its value; what it has available is its open commitment
            contracts.add(new ContractRow((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                    new Money(Yuan.exact((BigDecimal) r[4]), Yuan.exact((BigDecimal) r[5]),
                            Yuan.exact((BigDecimal) r[6]), Yuan.exact((BigDecimal) r[7]),
                            Yuan.exact((BigDecimal) r[8]))));
        }
        Map<String, Money> byDistrict = new TreeMap<>();
        lines.forEach(l -> byDistrict.merge(l.districtCode(), l.money(), Money::plus));
        List<DistrictRow> districtRows = byDistrict.entrySet().stream()
                .map(e -> new DistrictRow(e.getKey(), e.getValue())).toList();
        return new Execution(year, total, allocations, lines, contracts, districtRows);
    }

    /**
     * A city's districts side by side: what the city's own allocations set aside for each district, what the
     * district's own allocations hold, and both together.
     */
    record RollupRow(String districtCode, Money fromCity, Money own, Money total) {
    }

    record Rollup(String city, Integer fiscalYear, Money total, List<RollupRow> districts) {
    }

    Rollup rollup(TenantCode city, Integer year) {
        Execution cityOwn = execution(year);
        Map<String, Money> fromCity = new TreeMap<>();
        cityOwn.districts().forEach(d -> fromCity.put(d.districtCode(), d.money()));
        Map<TenantCode, Money> own = districts.forEachDistrict(city, d -> execution(year).allocations().stream()
                .map(AllocationRow::money).reduce(Money.zero(), Money::plus));
        Map<String, Money> ownByCode = new TreeMap<>();
        own.forEach((k, v) -> ownByCode.put(k.value(), v));
        java.util.SortedSet<String> codes = new java.util.TreeSet<>(fromCity.keySet());
        codes.addAll(ownByCode.keySet());
        List<RollupRow> rows = new ArrayList<>();
        Money total = Money.zero();
        for (String code : codes) {
            Money c = fromCity.getOrDefault(code, Money.zero());
            Money o = ownByCode.getOrDefault(code, Money.zero());
            rows.add(new RollupRow(code, c, o, c.plus(o)));
            total = total.plus(c.plus(o));
        }
        return new Rollup(city.value(), year, total, rows);
    }

    /** What was paid out (and held back) per day or month in the period, with the running total. */
    @Transactional(readOnly = true)
    List<Period> drawdown(LocalDate from, LocalDate to, boolean monthly) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select date_trunc(?1, created_at at time zone 'Asia/Shanghai')"
                + "::date, coalesce(sum(amount) filter (where kind in ('DRAWDOWN','HOLDBACK_RELEASE')), 0),"
                + " coalesce(sum(amount) filter (where kind = 'HOLDBACK'), 0) from journal_entry"
                + " where kind in ('DRAWDOWN','HOLDBACK_RELEASE','HOLDBACK') and created_at >= ?2 and created_at < ?3"
                + " group by 1 order by 1").setParameter(1, monthly ? "month" : "day")
                .setParameter(2, from.atStartOfDay(CHINA).toInstant())
                .setParameter(3, to.plusDays(1).atStartOfDay(CHINA).toInstant()).getResultList();
        List<Period> out = new ArrayList<>();
        BigDecimal running = BigDecimal.ZERO.setScale(Yuan.SCALE);
        for (Object[] r : rows) {
            BigDecimal paid = Yuan.exact((BigDecimal) r[1]);
            running = running.add(paid);
            LocalDate day = r[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[0];
            out.add(new Period(day, paid, Yuan.exact((BigDecimal) r[2]), running));
        }
        return out;
    }

    /** The contractor's decided claims, newest first, with what was paid, held and when it was due. */
    @Transactional(readOnly = true)
    List<Payment> payments(UUID contractorId) {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.id, c.contract_id, k.number, c.period_from, c.period_to,"
                + " c.status, c.approved_amount, c.holdback_amount, c.paid_amount, c.decided_at, c.payment_due_on,"
                + " c.paid_on, c.payment_reference from claim c join contract k on k.id = c.contract_id"
                + " where c.contractor_id = ?1 and c.status in ('APPROVED','PARTLY_APPROVED','REJECTED')"
                + " order by c.decided_at desc, c.id").setParameter(1, contractorId).getResultList();
        return rows.stream().map(r -> {
            LocalDate due = date(r[10]);
            LocalDate paidOn = date(r[11]);
            boolean late = due != null && (paidOn == null ? today.isAfter(due) : paidOn.isAfter(due));
            return new Payment((UUID) r[0], (UUID) r[1], (String) r[2], date(r[3]), date(r[4]), (String) r[5],
                    Yuan.exact((BigDecimal) r[6]), Yuan.exact((BigDecimal) r[7]), Yuan.exact((BigDecimal) r[8]),
                    SqlValues.instant(r[9]), due, paidOn, (String) r[12], late);
        }).toList();
    }

    /** Per contract and district: what approved claims paid for, the distinct elders served, cost per elder. */
    @Transactional(readOnly = true)
    List<Beneficiaries> beneficiaries() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.contract_id, k.number, l.district, sum(l.amount),"
                + " count(distinct l.elder_id), count(*) from claim_line l join claim c on c.id = l.claim_id"
                + " join contract k on k.id = c.contract_id where l.decision = 'APPROVED'"
                + " group by c.contract_id, k.number, l.district order by k.number, l.district").getResultList();
        return rows.stream().map(r -> {
            BigDecimal paid = Yuan.exact((BigDecimal) r[3]);
            long elders = ((Number) r[4]).longValue();
            return new Beneficiaries((UUID) r[0], (String) r[1], (String) r[2], paid, elders,
                    ((Number) r[5]).longValue(), elders == 0 ? null
                            : paid.divide(BigDecimal.valueOf(elders), Yuan.SCALE, RoundingMode.HALF_UP));
        }).toList();
    }

    private static LocalDate date(Object o) {
        return o == null ? null : o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
