package org.warmnest.care.timebank;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.Session;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.elder.ElderFiles;
import org.warmnest.care.timebank.TimeLedger.Kind;
import org.warmnest.care.timebank.TimeLedger.Move;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.sql.SqlValues;

import jakarta.persistence.EntityManager;

/**
 * The time bank (时间银行) of the request's tenant. Minutes are earned only when a volunteer's visit is verified
 * (once per visit, at most {@code max-minutes-per-visit}); a balance above the cap ({@code cap-hours}) is donated to
 * the pool. Minutes are redeemed for service to the volunteer, a family member or an elder (who must have reached
 * {@code beneficiary-min-age}), given to the pool or an elder in difficulty, or transferred to family; unspent
 * minutes expire after {@code expiry-years} (oldest first). Contractor staff reach their contractor's volunteers only.
 */
@Service
public class TimeBank {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final EntityManager em;
    private final ElderFiles elders;
    private final Clock clock;
    private final int capMinutes;
    private final int maxMinutesPerVisit;
    private final int expiryYears;
    private final int beneficiaryMinAge;

    TimeBank(EntityManager em, ElderFiles elders, Clock clock,
            @Value("${warmnest.time-bank.cap-hours:1500}") int capHours,
            @Value("${warmnest.time-bank.max-minutes-per-visit:480}") int maxMinutesPerVisit,
            @Value("${warmnest.time-bank.expiry-years:3}") int expiryYears,
            @Value("${warmnest.time-bank.beneficiary-min-age:65}") int beneficiaryMinAge) {
        this.em = em;
        this.elders = elders;
        this.clock = clock;
        this.capMinutes = capHours * 60;
        this.maxMinutesPerVisit = maxMinutesPerVisit;
        this.expiryYears = expiryYears;
        this.beneficiaryMinAge = beneficiaryMinAge;
    }

    record Volunteer(UUID id, String name, UUID contractorId, LocalDate birthDate) {
    }

    /** The volunteer if the caller may reach them (contractor staff: their contractor's), else 404. */
    Volunteer volunteer(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, name, contractor_id, birth_date from volunteer"
                + " where id = ?1").setParameter(1, id).getResultList();
        Optional<UUID> scope = CurrentUser.get().contractorScope();
        return rows.stream().map(r -> new Volunteer((UUID) r[0], (String) r[1], (UUID) r[2], date(r[3])))
                .filter(v -> scope.map(s -> s.equals(v.contractorId())).orElse(true)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("volunteer-not-found", id));
    }

    /** The holder's account, opened on first use. */
    UUID account(String kind, UUID volunteerId, UUID elderId) {
        em.createNativeQuery("insert into time_account (id, holder_kind, volunteer_id, elder_id, balance_minutes,"
                + " created_at) values (?1, ?2, cast(?3 as uuid), cast(?4 as uuid), 0, ?5) on conflict do nothing")
                .setParameter(1, UUID.randomUUID()).setParameter(2, kind)
                .setParameter(3, volunteerId == null ? null : volunteerId.toString())
                .setParameter(4, elderId == null ? null : elderId.toString()).setParameter(5, clock.instant())
                .executeUpdate();
        var q = switch (kind) {
            case "VOLUNTEER" -> em.createNativeQuery("select id from time_account where volunteer_id = ?1")
                    .setParameter(1, volunteerId);
            case "ELDER" -> em.createNativeQuery("select id from time_account where elder_id = ?1")
                    .setParameter(1, elderId);
            default -> em.createNativeQuery("select id from time_account where holder_kind = 'POOL'");
        };
        return (UUID) q.getSingleResult();
    }

    UUID pool() {
        return account("POOL", null, null);
    }

    private void post(List<Move> moves) {
        post(moves, CurrentUser.get().subject());
    }

    private void post(List<Move> moves, String by) {
        em.flush();
        Instant at = clock.instant();
        em.unwrap(Session.class).doWork(c -> TimeLedger.post(c, UUID.randomUUID(), moves, by, at));
    }

    /**
     * Minutes for a volunteer's verified visit, in the verifier's transaction: once per visit (an amendment keeps
     * what the original earned), at most the per-visit maximum; what would take the balance over the cap goes to
     * the pool. Returns the minutes earned (0 if the visit had earned already).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int earn(UUID visitId, UUID amendsId, UUID volunteerId, int durationMinutes) {
        int minutes = Math.min(Math.max(durationMinutes, 0), maxMinutesPerVisit);
        if (minutes == 0 || earned(visitId) || (amendsId != null && earned(amendsId))) {
            return 0;
        }
        UUID account = account("VOLUNTEER", volunteerId, null);
        int balance = ((Number) em.createNativeQuery("select balance_minutes from time_account where id = ?1"
                + " for update").setParameter(1, account).getSingleResult()).intValue();
        List<Move> moves = new ArrayList<>();
        moves.add(new Move(account, Kind.EARN, minutes, visitId, null, null, null, null));
        int over = balance + minutes - capMinutes;
        if (over > 0) {
            UUID pool = pool();
            moves.add(new Move(account, Kind.CAP_OUT, -Math.min(over, balance + minutes), null, pool, null, null,
                    "超出上限，捐入公共池"));
            moves.add(new Move(pool, Kind.CAP_IN, Math.min(over, balance + minutes), null, account, null, null,
                    "超出上限的捐赠"));
        }
        post(moves);
        return minutes;
    }

    private boolean earned(UUID visitId) {
        return !em.createNativeQuery("select 1 from time_entry where kind = 'EARN' and visit_id = ?1")
                .setParameter(1, visitId).getResultList().isEmpty();
    }

    enum Beneficiary { SELF, FAMILY, ELDER }

    record Redemption(int minutes, Beneficiary beneficiary, String familyName, String relation,
            LocalDate familyBirthDate, UUID elderId, String service) {
    }

    /** Minutes spent on a service to the volunteer, a family member or an elder of age. */
    @Transactional
    void redeem(UUID volunteerId, Redemption r) {
        Volunteer v = volunteer(volunteerId);
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        String who;
        UUID elder = null;
        LocalDate born;
        switch (r.beneficiary()) {
            case SELF -> {
                who = "本人 " + v.name();
                born = v.birthDate();
            }
            case FAMILY -> {
                if (r.familyName() == null || r.familyName().isBlank() || r.relation() == null
                        || r.relation().isBlank()) {
                    throw ProblemException.invalid("familyName", "family-required");
                }
                who = r.relation().strip() + " " + r.familyName().strip();
                born = r.familyBirthDate();
            }
            default -> {
                if (r.elderId() == null) {
                    throw ProblemException.invalid("elderId", "required");
                }
                var ref = elders.require(r.elderId());
                elder = ref.id();
                who = "老人 " + ref.name();
                born = ref.birthDate();
            }
        }
        if (born == null || Period.between(born, today).getYears() < beneficiaryMinAge) {
            throw ProblemException.invalid("beneficiary", "beneficiary-too-young", beneficiaryMinAge);
        }
        UUID account = account("VOLUNTEER", volunteerId, null);
        post(List.of(new Move(account, Kind.REDEEM, -r.minutes(), null, null, who, elder, r.service())));
    }

    /** Minutes an elder was given, spent on a service to the elder. */
    @Transactional
    void redeemForElder(UUID elderId, int minutes, String service) {
        var elder = elders.require(elderId);
        UUID account = account("ELDER", null, elder.id());
        post(List.of(new Move(account, Kind.REDEEM, -minutes, null, null, "老人 " + elder.name(), elder.id(),
                service)));
    }

    /** The minutes an elder holds (given by donation or transfer). */
    @Transactional(readOnly = true)
    int elderBalance(UUID elderId) {
        elders.require(elderId);
        List<?> rows = em.createNativeQuery("select balance_minutes from time_account where elder_id = ?1")
                .setParameter(1, elderId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    /** Minutes given to the pool (no elder) or to an elder in difficulty. */
    @Transactional
    void donate(UUID volunteerId, int minutes, UUID elderId, String note) {
        volunteer(volunteerId);
        UUID from = account("VOLUNTEER", volunteerId, null);
        UUID to = elderId == null ? pool() : account("ELDER", null, elders.require(elderId).id());
        post(List.of(new Move(from, Kind.DONATE_OUT, -minutes, null, to, null, elderId, note),
                new Move(to, Kind.DONATE_IN, minutes, null, from, null, null, note)));
    }

    /** Minutes transferred to a family member who is a volunteer here too, or an elder here. */
    @Transactional
    void transfer(UUID volunteerId, int minutes, UUID toVolunteerId, UUID toElderId, String relation) {
        volunteer(volunteerId);
        if ((toVolunteerId == null) == (toElderId == null)) {
            throw ProblemException.invalid("toVolunteerId", "one-recipient");
        }
        if (volunteerId.equals(toVolunteerId)) {
            throw ProblemException.invalid("toVolunteerId", "transfer-to-self");
        }
        UUID from = account("VOLUNTEER", volunteerId, null);
        UUID to = toVolunteerId != null ? account("VOLUNTEER", volunteer(toVolunteerId).id(), null)
                : account("ELDER", null, elders.require(toElderId).id());
        post(List.of(new Move(from, Kind.TRANSFER_OUT, -minutes, null, to, relation, toElderId, null),
                new Move(to, Kind.TRANSFER_IN, minutes, null, from, relation, null, null)));
    }

    /**
     * Expires what was received before the cutoff ({@code expiry-years} ago) and not spent since, oldest first:
     * per account, what came in before the cutoff less everything that went out. Returns the minutes expired.
     */
    @Transactional
    long expire() {
        return expire(CurrentUser.get().subject());
    }

    /**
     * Expiry of the request's tenant (or of the tenant a job runs as), under a transaction-scoped advisory lock:
     * two replicas never expire the same minutes twice, and running it again the same day expires nothing more.
     */
    @Transactional
    public long expire(String by) {
        if (expiryYears <= 0) {
            return 0;
        }
        Boolean mine = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "time-bank-expiry:" + em.createNativeQuery("select current_schema()")
                        .getSingleResult()).getSingleResult();
        if (!Boolean.TRUE.equals(mine)) {
            return 0;
        }
        Instant cutoff = LocalDate.now(clock.withZone(CHINA)).minusYears(expiryYears).atStartOfDay(CHINA).toInstant();
        em.flush();
        List<Move> moves = em.unwrap(Session.class).doReturningWork(c -> TimeLedger.expiring(c, cutoff));
        if (!moves.isEmpty()) {
            post(moves, by);
        }
        return -moves.stream().mapToLong(Move::minutes).sum();
    }

    @Transactional
    void evaluate(UUID entryId, int stars, String comment) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select e.kind, a.volunteer_id from time_entry e join time_account a"
                + " on a.id = e.account_id where e.id = ?1").setParameter(1, entryId).getResultList();
        if (rows.isEmpty() || !"EARN".equals(rows.get(0)[0])) {
            throw ProblemException.notFound("time-entry-not-found", entryId);
        }
        volunteer((UUID) rows.get(0)[1]);
        int added = em.createNativeQuery("insert into time_evaluation (entry_id, stars, comment, recorded_by,"
                + " recorded_at) values (?1, ?2, ?3, ?4, ?5) on conflict do nothing").setParameter(1, entryId)
                .setParameter(2, stars).setParameter(3, comment).setParameter(4, CurrentUser.get().subject())
                .setParameter(5, clock.instant()).executeUpdate();
        if (added == 0) {
            throw ProblemException.conflict("time-entry-evaluated", entryId);
        }
    }

    record Entry(UUID id, long seq, String kind, int minutes, int balanceAfter, UUID visitId, String beneficiary,
            String note, Integer stars, Instant at) {
    }

    record Statement(UUID volunteerId, String name, int balanceMinutes, long earnedMinutes, long redeemedMinutes,
            long donatedMinutes, long expiredMinutes, Double averageStars, List<Entry> entries) {
    }

    @Transactional(readOnly = true)
    Statement statement(UUID volunteerId, int offset, int limit) {
        Volunteer v = volunteer(volunteerId);
        @SuppressWarnings("unchecked")
        List<Object[]> totals = em.createNativeQuery("""
                select a.balance_minutes,
                  coalesce(sum(e.minutes) filter (where e.kind = 'EARN'), 0),
                  -coalesce(sum(e.minutes) filter (where e.kind = 'REDEEM'), 0),
                  -coalesce(sum(e.minutes) filter (where e.kind in ('DONATE_OUT','TRANSFER_OUT','CAP_OUT')), 0),
                  -coalesce(sum(e.minutes) filter (where e.kind = 'EXPIRE'), 0),
                  (select avg(t.stars) from time_evaluation t join time_entry x on x.id = t.entry_id
                   where x.account_id = a.id)
                from time_account a left join time_entry e on e.account_id = a.id
                where a.volunteer_id = ?1 group by a.id""").setParameter(1, volunteerId).getResultList();
        if (totals.isEmpty()) {
            return new Statement(v.id(), v.name(), 0, 0, 0, 0, 0, null, List.of());
        }
        Object[] t = totals.get(0);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select e.id, e.seq, e.kind, e.minutes, e.balance_after, e.visit_id, e.beneficiary, e.note, t.stars,
                  e.created_at
                from time_entry e join time_account a on a.id = e.account_id
                left join time_evaluation t on t.entry_id = e.id
                where a.volunteer_id = ?1 order by e.seq desc limit ?2 offset ?3""").setParameter(1, volunteerId)
                .setParameter(2, limit).setParameter(3, offset).getResultList();
        List<Entry> entries = rows.stream().map(r -> new Entry((UUID) r[0], ((Number) r[1]).longValue(),
                (String) r[2], ((Number) r[3]).intValue(), ((Number) r[4]).intValue(), (UUID) r[5], (String) r[6],
                (String) r[7], r[8] == null ? null : ((Number) r[8]).intValue(), SqlValues.instant(r[9]))).toList();
        return new Statement(v.id(), v.name(), ((Number) t[0]).intValue(), ((Number) t[1]).longValue(),
                ((Number) t[2]).longValue(), ((Number) t[3]).longValue(), ((Number) t[4]).longValue(),
                t[5] == null ? null : ((Number) t[5]).doubleValue(), entries);
    }

    record Rank(int rank, UUID volunteerId, String name, long earnedMinutes, long services, Double averageStars) {
    }

    /** Volunteers by minutes earned in the period (China days), the most first; contractor staff see their own. */
    @Transactional(readOnly = true)
    List<Rank> rankings(LocalDate from, LocalDate to, int limit) {
        Optional<UUID> scope = CurrentUser.get().contractorScope();
        var q = em.createNativeQuery("""
                select v.id, v.name, sum(e.minutes), count(*), avg(t.stars)
                from time_entry e join time_account a on a.id = e.account_id join volunteer v on v.id = a.volunteer_id
                left join time_evaluation t on t.entry_id = e.id
                where e.kind = 'EARN' and e.created_at >= ?1 and e.created_at < ?2
                  and (cast(?3 as uuid) is null or v.contractor_id = cast(?3 as uuid))
                group by v.id, v.name order by sum(e.minutes) desc, v.name limit ?4""")
                .setParameter(1, from.atStartOfDay(CHINA).toInstant())
                .setParameter(2, to.plusDays(1).atStartOfDay(CHINA).toInstant())
                .setParameter(3, scope.map(UUID::toString).orElse(null)).setParameter(4, limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<Rank> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Rank(out.size() + 1, (UUID) r[0], (String) r[1], ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(), r[4] == null ? null : ((Number) r[4]).doubleValue()));
        }
        return out;
    }

    @Transactional(readOnly = true)
    int poolBalance() {
        List<?> rows = em.createNativeQuery("select balance_minutes from time_account where holder_kind = 'POOL'")
                .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    private static LocalDate date(Object o) {
        return o == null ? null : o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

}
