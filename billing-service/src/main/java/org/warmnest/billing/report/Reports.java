package org.warmnest.billing.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.billing.allocation.FundSource;
import org.warmnest.billing.money.Yuan;
import org.warmnest.platform.sql.SqlValues;
import org.warmnest.platform.tenancy.DistrictReads;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantRegistry;

import jakarta.persistence.EntityManager;

/**
 * Finance's reports, all derived from the journal's accounts and the claims: execution (执行率 = 已拨付 ÷ 下达)
 * per allocation, budget line, contract and district; drawdown over time; a city's roll-up over its districts; a
 * contractor's payment history; cost per beneficiary. The money terms have one meaning each (README, 资金口径):
 * 已承诺 committed = what signed contracts hold on the lines (open, held back and drawn); 已拨付 drawn = what
 * approved claims and released holdback moved to the contractor's side of the journal; 已支付 paid = the part of
 * it whose treasury transfer is recorded on the claim; 已占用 encumbered = drawn less paid, approved and awaiting
 * the treasury; 质保金 held = holdback kept until the performance evaluation.
 */
@Service
class Reports {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String MARK = ReportWorkbook.MARK;

    /** Money of one row of a report. {@code allocated} is the base of the execution rate. */
    record Money(BigDecimal allocated, BigDecimal committed, BigDecimal drawn, BigDecimal paid, BigDecimal held,
            BigDecimal available) {

        /** 执行率 = 已拨付 ÷ 下达 (a contract: ÷ its value), four decimals. */
        BigDecimal rate() {
            return allocated.signum() == 0 ? null : drawn.divide(allocated, 4, RoundingMode.HALF_UP);
        }

        /** 已占用: approved for payment, the treasury's transfer not yet recorded. */
        BigDecimal encumbered() {
            return drawn.subtract(paid);
        }

        Money plus(Money o) {
            return new Money(allocated.add(o.allocated), committed.add(o.committed), drawn.add(o.drawn),
                    paid.add(o.paid), held.add(o.held), available.add(o.available));
        }

        static Money zero() {
            BigDecimal z = BigDecimal.ZERO.setScale(Yuan.SCALE);
            return new Money(z, z, z, z, z, z);
        }

        static Money sum(List<Money> all) {
            return all.stream().reduce(zero(), Money::plus);
        }
    }

    record AllocationRow(UUID id, String documentNumber, String source, int fiscalYear, String purpose,
            BigDecimal returned, BigDecimal unbudgeted, Money money) {

        boolean lottery() {
            return isLottery(source);
        }
    }

    record LineRow(UUID id, UUID allocationId, String documentNumber, int fiscalYear, int phase, String districtCode,
            String districtName, String name, String source, Money money) {

        boolean lottery() {
            return isLottery(source);
        }
    }

    record ContractRow(UUID id, String number, String contractorName, String status, boolean lottery, Money money) {
    }

    record DistrictRow(String districtCode, String districtName, boolean lottery, Money money) {
    }

    /**
     * What a city's contracts and lines hold and spent in a district, read from the city: the lines the city set
     * aside for the district and each city contract's money on them.
     */
    record CityShare(String city, String cityName, Money total, List<LineRow> lines, List<ContractRow> contracts) {

        boolean lottery() {
            return lines.stream().anyMatch(LineRow::lottery);
        }
    }

    record Execution(Integer fiscalYear, Money total, List<AllocationRow> allocations, List<LineRow> lines,
            List<ContractRow> contracts, List<DistrictRow> districts) {

        boolean lottery() {
            return allocations.stream().anyMatch(AllocationRow::lottery) || lines.stream().anyMatch(LineRow::lottery);
        }
    }

    record Period(LocalDate period, BigDecimal drawn, BigDecimal held, BigDecimal paid, BigDecimal cumulativeDrawn,
            BigDecimal cumulativePaid) {
    }

    record Payment(UUID claimId, UUID contractId, String contractNumber, LocalDate periodFrom, LocalDate periodTo,
            String status, BigDecimal approved, BigDecimal holdback, BigDecimal drawn, Instant decidedAt,
            String decidedByName, LocalDate dueOn, LocalDate paidOn, String reference, boolean late,
            boolean lottery) {
    }

    /** {@code approved}: what approved claim lines priced (before holdback). */
    record Beneficiaries(UUID contractId, String contractNumber, String districtCode, String districtName,
            BigDecimal approved, long elders, long services, BigDecimal costPerElder) {
    }

    static boolean isLottery(String source) {
        return source != null && FundSource.valueOf(source).lottery;
    }

    /** The lottery-fund sources as an SQL list. */
    private static final String LOTTERY_SOURCES = FundSource.lotterySql();

    private final EntityManager em;
    private final DistrictReads districts;
    private final TenantRegistry registry;
    private final Clock clock;

    Reports(EntityManager em, DistrictReads districts, TenantRegistry registry, Clock clock) {
        this.em = em;
        this.districts = districts;
        this.registry = registry;
        this.clock = clock;
    }

    /** The names of the tenant codes a report shows, as the tenant registry holds them, each read once. */
    final class Names {
        private final Map<String, String> known = new HashMap<>();

        String of(String code) {
            return code == null ? null : known.computeIfAbsent(code, c -> TenantCode.isValid(c)
                    ? registry.find(TenantCode.of(c)).map(TenantRegistry.RegisteredTenant::name).orElse(null)
                    : null);
        }
    }

    Names names() {
        return new Names();
    }

    /** Per PAID account, what of it the treasury paid: drawdowns of claims whose transfer is recorded. */
    private static final String TREASURY = """
            with treasury as (select e.to_account, sum(e.amount) as paid from journal_entry e
              join claim c on c.id = e.claim_id where e.kind = 'DRAWDOWN' and c.paid_on is not null
              group by e.to_account)
            """;

    private static final String MONEY = """
            coalesce(sum(ac.balance) filter (where ac.kind in ('LINE','COMMITTED','HELD','PAID')), 0),
            coalesce(sum(ac.balance) filter (where ac.kind in ('COMMITTED','HELD','PAID')), 0),
            coalesce(sum(ac.balance) filter (where ac.kind = 'PAID'), 0),
            coalesce(sum(tp.paid), 0),
            coalesce(sum(ac.balance) filter (where ac.kind = 'HELD'), 0),
            coalesce(sum(ac.balance) filter (where ac.kind = 'LINE'), 0)""";

    private static Money money(Object[] r, int first) {
        return new Money(Yuan.exact((BigDecimal) r[first]), Yuan.exact((BigDecimal) r[first + 1]),
                Yuan.exact((BigDecimal) r[first + 2]), Yuan.exact((BigDecimal) r[first + 3]),
                Yuan.exact((BigDecimal) r[first + 4]), Yuan.exact((BigDecimal) r[first + 5]));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Integer year, String district) {
        var q = em.createNativeQuery(sql);
        if (sql.contains(":year")) {
            q.setParameter("year", year == null ? -1 : year);
        }
        if (sql.contains(":district")) {
            q.setParameter("district", district);
        }
        return q.getResultList();
    }

    /** Execution in the request's tenant, of one fiscal year's allocations or of all. */
    @Transactional(readOnly = true)
    Execution execution(Integer year) {
        return execution(year, names());
    }

    private Execution execution(Integer year, Names names) {
        String ofYear = year == null ? "" : " and a.fiscal_year = :year";
        List<AllocationRow> allocations = new ArrayList<>();
        Money total = Money.zero();
        for (Object[] r : rows(TREASURY + """
                select a.id, a.document_number, a.source, a.fiscal_year, a.purpose, a.current_amount,
                  -coalesce(sum(ac.balance) filter (where ac.kind = 'SOURCE'), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind = 'POOL'), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind in ('COMMITTED','HELD','PAID')), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind = 'PAID'), 0),
                  coalesce(sum(tp.paid), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind = 'HELD'), 0),
                  coalesce(sum(ac.balance) filter (where ac.kind in ('LINE','POOL')), 0)
                from allocation a left join account ac on ac.allocation_id = a.id
                left join treasury tp on tp.to_account = ac.account_key
                where true""" + ofYear + " group by a.id order by a.fiscal_year desc, a.created_at, a.id", year,
                null)) {
            BigDecimal amount = Yuan.exact((BigDecimal) r[5]);
            BigDecimal fromFund = Yuan.exact((BigDecimal) r[6]);
            Money m = new Money(amount, Yuan.exact((BigDecimal) r[8]), Yuan.exact((BigDecimal) r[9]),
                    Yuan.exact((BigDecimal) r[10]), Yuan.exact((BigDecimal) r[11]), Yuan.exact((BigDecimal) r[12]));
            allocations.add(new AllocationRow((UUID) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
                    (String) r[4], amount.subtract(fromFund), Yuan.exact((BigDecimal) r[7]), m));
            total = total.plus(m);
        }
        List<LineRow> lines = lines(year, null, names);
        List<ContractRow> contracts = contracts(year, null);
        Map<String, List<LineRow>> byDistrict = new TreeMap<>();
        lines.forEach(l -> byDistrict.computeIfAbsent(l.districtCode(), k -> new ArrayList<>()).add(l));
        List<DistrictRow> districtRows = byDistrict.entrySet().stream()
                .map(e -> new DistrictRow(e.getKey(), names.of(e.getKey()),
                        e.getValue().stream().anyMatch(LineRow::lottery),
                        Money.sum(e.getValue().stream().map(LineRow::money).toList()))).toList();
        return new Execution(year, total, allocations, lines, contracts, districtRows);
    }

    /** The tenant's budget lines of the year (or all), those for one district only when it is given. */
    private List<LineRow> lines(Integer year, String district, Names names) {
        List<LineRow> lines = new ArrayList<>();
        for (Object[] r : rows(TREASURY + "select l.id, l.allocation_id, a.document_number, l.fiscal_year, l.phase,"
                + " l.district_code, l.name, a.source, " + MONEY + " from budget_line l join allocation a on a.id ="
                + " l.allocation_id left join account ac on ac.line_id = l.id"
                + " left join treasury tp on tp.to_account = ac.account_key where true"
                + (year == null ? "" : " and l.fiscal_year = :year")
                + (district == null ? "" : " and l.district_code = :district")
                + " group by l.id, a.document_number, a.source"
                + " order by l.fiscal_year, a.document_number, l.phase, l.district_code", year, district)) {
            String code = (String) r[5];
            lines.add(new LineRow((UUID) r[0], (UUID) r[1], (String) r[2], ((Number) r[3]).intValue(),
                    ((Number) r[4]).intValue(), code, names.of(code), (String) r[6], (String) r[7], money(r, 8)));
        }
        return lines;
    }

    /**
     * The tenant's contracts past draft with their money on the year's lines (or all), on one district's lines only
     * when it is given; a contract is measured against its value (against what it committed on the district's
     * lines when a district is given); what it has available is its open commitment.
     */
    private List<ContractRow> contracts(Integer year, String district) {
        List<ContractRow> contracts = new ArrayList<>();
        String base = district == null ? "c.value" : "coalesce(sum(ac.balance) filter (where ac.kind in"
                + " ('COMMITTED','HELD','PAID')), 0)";
        for (Object[] r : rows(TREASURY + "select c.id, c.number, c.contractor_name, c.status, " + base + ","
                + " coalesce(sum(ac.balance) filter (where ac.kind in ('COMMITTED','HELD','PAID')), 0),"
                + " coalesce(sum(ac.balance) filter (where ac.kind = 'PAID'), 0), coalesce(sum(tp.paid), 0),"
                + " coalesce(sum(ac.balance) filter (where ac.kind = 'HELD'), 0),"
                + " coalesce(sum(ac.balance) filter (where ac.kind = 'COMMITTED'), 0),"
                + " coalesce(bool_or(al.source in (" + LOTTERY_SOURCES + ")), false)"
                + " from contract c left join account ac on ac.contract_id = c.id"
                + " left join budget_line bl on bl.id = ac.line_id left join allocation al on al.id = ac.allocation_id"
                + " left join treasury tp on tp.to_account = ac.account_key where c.status <> 'DRAFT'"
                + (year == null ? "" : " and (bl.id is null or bl.fiscal_year = :year)")
                + (district == null ? "" : " and bl.district_code = :district")
                + " group by c.id order by c.number", year, district)) {
            contracts.add(new ContractRow((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                    Boolean.TRUE.equals(r[10]), money(r, 4)));
        }
        return contracts;
    }

    /**
     * For a district: what its city's lines hold for it and what the city's contracts spent in it, read from the
     * city as one explicit read; empty for a city, or when the city cannot be read.
     */
    java.util.Optional<CityShare> fromCity(Integer year) {
        TenantCode here = TenantContext.require();
        if (here.isCity()) {
            return java.util.Optional.empty();
        }
        Names names = names();
        TenantCode city = here.city();
        String cityName = names.of(city.value());
        names.of(here.value());
        return districts.readAs(city, c -> {
            List<LineRow> lines = lines(year, here.value(), names);
            return new CityShare(city.value(), cityName, Money.sum(lines.stream().map(LineRow::money).toList()),
                    lines, contracts(year, here.value()));
        });
    }

    /**
     * A city's districts side by side: what the city's own allocations set aside for each district, what the
     * district's own allocations hold, and both together.
     */
    record RollupRow(String districtCode, String districtName, Money fromCity, boolean fromCityLottery, Money own,
            boolean ownLottery, Money total) {
    }

    record Rollup(String city, Integer fiscalYear, Money total, List<RollupRow> districts) {
    }

    Rollup rollup(TenantCode city, Integer year) {
        Names names = names();
        Execution cityOwn = execution(year, names);
        Map<String, DistrictRow> fromCity = new TreeMap<>();
        cityOwn.districts().forEach(d -> fromCity.put(d.districtCode(), d));
        Map<TenantCode, Execution> own = districts.forEachDistrict(city, d -> execution(year, names));
        Map<String, Execution> ownByCode = new TreeMap<>();
        own.forEach((k, v) -> ownByCode.put(k.value(), v));
        java.util.SortedSet<String> codes = new java.util.TreeSet<>(fromCity.keySet());
        codes.addAll(ownByCode.keySet());
        List<RollupRow> rows = new ArrayList<>();
        Money total = Money.zero();
        for (String code : codes) {
            DistrictRow d = fromCity.get(code);
            Execution e = ownByCode.get(code);
            Money c = d == null ? Money.zero() : d.money();
            Money o = e == null ? Money.zero() : e.total();
            rows.add(new RollupRow(code, names.of(code), c, d != null && d.lottery(), o,
                    e != null && e.allocations().stream().anyMatch(AllocationRow::lottery), c.plus(o)));
            total = total.plus(c.plus(o));
        }
        return new Rollup(city.value(), year, total, rows);
    }

    /**
     * Per day or month of the period: what was drawn (已拨付: approved claims' payments and released holdback, by the
     * journal's date) and held back, and what the treasury paid (已支付, by the transfer's date), with running totals.
     */
    @Transactional(readOnly = true)
    List<Period> drawdown(LocalDate from, LocalDate to, boolean monthly) {
        String unit = monthly ? "month" : "day";
        @SuppressWarnings("unchecked")
        List<Object[]> drawn = em.createNativeQuery("select date_trunc(?1, created_at at time zone 'Asia/Shanghai')"
                + "::date, coalesce(sum(amount) filter (where kind in ('DRAWDOWN','HOLDBACK_RELEASE')), 0),"
                + " coalesce(sum(amount) filter (where kind = 'HOLDBACK'), 0) from journal_entry"
                + " where kind in ('DRAWDOWN','HOLDBACK_RELEASE','HOLDBACK') and created_at >= ?2 and created_at < ?3"
                + " group by 1 order by 1").setParameter(1, unit)
                .setParameter(2, from.atStartOfDay(CHINA).toInstant())
                .setParameter(3, to.plusDays(1).atStartOfDay(CHINA).toInstant()).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> paid = em.createNativeQuery("select date_trunc(?1, paid_on)::date, sum(paid_amount) from claim"
                + " where paid_on between ?2 and ?3 group by 1 order by 1").setParameter(1, unit)
                .setParameter(2, from).setParameter(3, to).getResultList();
        BigDecimal z = BigDecimal.ZERO.setScale(Yuan.SCALE);
        Map<LocalDate, BigDecimal[]> byPeriod = new TreeMap<>();
        for (Object[] r : drawn) {
            BigDecimal[] v = byPeriod.computeIfAbsent(date(r[0]), k -> new BigDecimal[] {z, z, z});
            v[0] = Yuan.exact((BigDecimal) r[1]);
            v[1] = Yuan.exact((BigDecimal) r[2]);
        }
        for (Object[] r : paid) {
            byPeriod.computeIfAbsent(date(r[0]), k -> new BigDecimal[] {z, z, z})[2] = Yuan.exact((BigDecimal) r[1]);
        }
        List<Period> out = new ArrayList<>();
        BigDecimal runningDrawn = z;
        BigDecimal runningPaid = z;
        for (Map.Entry<LocalDate, BigDecimal[]> e : byPeriod.entrySet()) {
            BigDecimal[] v = e.getValue();
            runningDrawn = runningDrawn.add(v[0]);
            runningPaid = runningPaid.add(v[2]);
            out.add(new Period(e.getKey(), v[0], v[1], v[2], runningDrawn, runningPaid));
        }
        return out;
    }

    /**
     * The contractor's decided claims, newest first: approved, held back, drawn (approved less holdback), when it
     * is due and whether the treasury's transfer is recorded (paid on).
     */
    @Transactional(readOnly = true)
    List<Payment> payments(UUID contractorId) {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.id, c.contract_id, k.number, c.period_from, c.period_to,"
                + " c.status, c.approved_amount, c.holdback_amount, c.paid_amount, c.decided_at, c.payment_due_on,"
                + " c.paid_on, c.payment_reference, coalesce(c.decided_by_name, c.decided_by),"
                + " exists (select 1 from journal_entry e join allocation a on a.id = e.allocation_id"
                + " where e.claim_id = c.id and a.source in (" + LOTTERY_SOURCES + "))"
                + " from claim c join contract k on k.id = c.contract_id"
                + " where c.contractor_id = ?1 and c.status in ('APPROVED','PARTLY_APPROVED','REJECTED')"
                + " order by c.decided_at desc, c.id").setParameter(1, contractorId).getResultList();
        return rows.stream().map(r -> {
            LocalDate due = date(r[10]);
            LocalDate paidOn = date(r[11]);
            boolean late = due != null && (paidOn == null ? today.isAfter(due) : paidOn.isAfter(due));
            return new Payment((UUID) r[0], (UUID) r[1], (String) r[2], date(r[3]), date(r[4]), (String) r[5],
                    Yuan.exact((BigDecimal) r[6]), Yuan.exact((BigDecimal) r[7]), Yuan.exact((BigDecimal) r[8]),
                    SqlValues.instant(r[9]), (String) r[13], due, paidOn, (String) r[12], late,
                    Boolean.TRUE.equals(r[14]));
        }).toList();
    }

    /** Per contract and district: what approved claims approved, the distinct elders served, cost per elder. */
    @Transactional(readOnly = true)
    List<Beneficiaries> beneficiaries() {
        Names names = names();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.contract_id, k.number, l.district, sum(l.amount),"
                + " count(distinct l.elder_id), count(*) from claim_line l join claim c on c.id = l.claim_id"
                + " join contract k on k.id = c.contract_id where l.decision = 'APPROVED'"
                + " group by c.contract_id, k.number, l.district order by k.number, l.district").getResultList();
        return rows.stream().map(r -> {
            BigDecimal paid = Yuan.exact((BigDecimal) r[3]);
            long elders = ((Number) r[4]).longValue();
            return new Beneficiaries((UUID) r[0], (String) r[1], (String) r[2], names.of((String) r[2]), paid, elders,
                    ((Number) r[5]).longValue(), elders == 0 ? null
                            : paid.divide(BigDecimal.valueOf(elders), Yuan.SCALE, RoundingMode.HALF_UP));
        }).toList();
    }

    private static LocalDate date(Object o) {
        return o == null ? null : o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
