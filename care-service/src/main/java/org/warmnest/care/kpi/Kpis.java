package org.warmnest.care.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.activity.ActivityFigures;
import org.warmnest.care.plan.PlanFigures;

import jakarta.persistence.EntityManager;

/**
 * The outcome figures a bureau reports (Panjin's 五社联动 KPIs, and the care loop's), for the request's tenant, a
 * period and optionally an area and a program. Direct beneficiaries are counted once per elder across every source:
 * visits and contacts, activities, groups, donations, case services and time-bank services. Indirect beneficiaries
 * are the people the direct ones live with (their household) and the unregistered attendees of activities.
 */
@Service
class Kpis {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    record Report(String tenant, LocalDate from, LocalDate to, UUID programId, String streetCode, String communityCode,
            String gridCode, long caseServicesOpened, long caseServicesOpen, long supportGroups, long groupMembers,
            long activities, long activityPersonTimes, long healthClinics, long clinicPeopleServed,
            long donationBatches, long donationHouseholds, long donationElders, long resourcesLinked,
            long visits, long eldersVisited, long volunteerPersonTimes, BigDecimal volunteerHours,
            BigDecimal timeBankHoursEarned, long directBeneficiaries, long indirectBeneficiaries, long elders,
            long paired, Double pairingCoverage, Double cadenceCompliance) {

        /** The same figures under another tenant's name (a city's total of one district). */
        Report as(String other) {
            return new Report(other, from, to, programId, streetCode, communityCode, gridCode, caseServicesOpened,
                    caseServicesOpen, supportGroups, groupMembers, activities, activityPersonTimes, healthClinics,
                    clinicPeopleServed, donationBatches, donationHouseholds, donationElders, resourcesLinked, visits,
                    eldersVisited, volunteerPersonTimes, volunteerHours, timeBankHoursEarned, directBeneficiaries,
                    indirectBeneficiaries, elders, paired, pairingCoverage, cadenceCompliance);
        }

        /** Sums of two tenants' reports (a city's roll-up): districts never share an elder. */
        Report plus(Report o, String tenant) {
            return new Report(tenant, from, to, programId, null, null, null,
                    caseServicesOpened + o.caseServicesOpened, caseServicesOpen + o.caseServicesOpen,
                    supportGroups + o.supportGroups, groupMembers + o.groupMembers, activities + o.activities,
                    activityPersonTimes + o.activityPersonTimes, healthClinics + o.healthClinics,
                    clinicPeopleServed + o.clinicPeopleServed, donationBatches + o.donationBatches,
                    donationHouseholds + o.donationHouseholds, donationElders + o.donationElders,
                    resourcesLinked + o.resourcesLinked, visits + o.visits, eldersVisited + o.eldersVisited,
                    volunteerPersonTimes + o.volunteerPersonTimes, volunteerHours.add(o.volunteerHours),
                    timeBankHoursEarned.add(o.timeBankHoursEarned), directBeneficiaries + o.directBeneficiaries,
                    indirectBeneficiaries + o.indirectBeneficiaries, elders + o.elders, paired + o.paired,
                    elders + o.elders == 0 ? null : Math.round((paired + o.paired) * 10000.0 / (elders + o.elders))
                            / 10000.0, null);
        }
    }

    private final ActivityFigures activities;
    private final PlanFigures plan;
    private final EntityManager em;

    Kpis(ActivityFigures activities, PlanFigures plan, EntityManager em) {
        this.activities = activities;
        this.plan = plan;
        this.em = em;
    }

    private static final String VISITS = """
             from visit v join elder e on e.id = v.elder_id
            where v.status in ('RECORDED','VERIFIED') and v.performed_on between :from and :to
              and (cast(:program as text) is null or cast(v.program_id as text) = :program)
              and (cast(:street as text) is null or e.street_code = :street)
              and (cast(:community as text) is null or e.community_code = :community)
              and (cast(:grid as text) is null or e.grid_code = :grid)
            """;

    private jakarta.persistence.Query query(String sql, LocalDate from, LocalDate to, UUID program, String street,
            String community, String grid) {
        return em.createNativeQuery(sql).setParameter("from", from).setParameter("to", to)
                .setParameter("program", program == null ? null : program.toString())
                .setParameter("street", blank(street)).setParameter("community", blank(community))
                .setParameter("grid", blank(grid));
    }

    @Transactional(readOnly = true)
    Report report(String tenant, LocalDate from, LocalDate to, UUID program, String street, String community,
            String grid) {
        ActivityFigures.Figures a = activities.count(from, to, street, community, grid, null, program);
        Object[] v = (Object[]) query("select count(*), count(distinct v.elder_id),"
                + " count(*) filter (where v.performer_kind in ('VOLUNTEER','CADRE')),"
                + " coalesce(sum(v.duration_minutes) filter (where v.performer_kind in ('VOLUNTEER','CADRE')), 0)"
                + VISITS, from, to, program, street, community, grid).getSingleResult();
        Set<UUID> direct = new HashSet<>(activities.directElders(from, to, street, community, grid, program));
        @SuppressWarnings("unchecked")
        List<Object> visited = query("select distinct v.elder_id" + VISITS, from, to, program, street, community,
                grid).getResultList();
        visited.forEach(id -> direct.add((UUID) id));
        @SuppressWarnings("unchecked")
        List<Object> served = em.createNativeQuery("select distinct t.beneficiary_elder_id from time_entry t"
                + " join elder e on e.id = t.beneficiary_elder_id where t.kind = 'REDEEM'"
                + " and t.created_at >= :start and t.created_at < :end"
                + " and (cast(:street as text) is null or e.street_code = :street)"
                + " and (cast(:community as text) is null or e.community_code = :community)"
                + " and (cast(:grid as text) is null or e.grid_code = :grid)")
                .setParameter("start", from.atStartOfDay(CHINA).toInstant())
                .setParameter("end", to.plusDays(1).atStartOfDay(CHINA).toInstant())
                .setParameter("street", blank(street)).setParameter("community", blank(community))
                .setParameter("grid", blank(grid)).getResultList();
        served.forEach(id -> direct.add((UUID) id));
        long household = direct.isEmpty() ? 0 : ((Number) em.createNativeQuery("select coalesce(sum("
                + "jsonb_array_length(household)), 0) from elder where id = any(cast(:ids as uuid[]))")
                .setParameter("ids", direct.stream().map(UUID::toString).toArray(String[]::new)).getSingleResult())
                .longValue();
        Object earned = em.createNativeQuery("select coalesce(sum(minutes), 0) from time_entry where kind = 'EARN'"
                + " and created_at >= :start and created_at < :end")
                .setParameter("start", from.atStartOfDay(CHINA).toInstant())
                .setParameter("end", to.plusDays(1).atStartOfDay(CHINA).toInstant()).getSingleResult();
        PlanFigures.Figures p = plan.figures(from, to, street, community, grid);
        long volunteerVisits = ((Number) v[2]).longValue();
        BigDecimal visitHours = hours(((Number) v[3]).longValue());
        return new Report(tenant, from, to, program, blank(street), blank(community), blank(grid),
                a.caseServicesOpened(), a.caseServicesOpen(), a.supportGroups(), a.groupMembers(), a.activities(),
                a.activityPersonTimes(), a.healthClinics(), a.clinicPeopleServed(), a.donationBatches(),
                a.donationHouseholds(), a.donationElders(), a.resourcesLinked(), ((Number) v[0]).longValue(),
                ((Number) v[1]).longValue(), a.volunteerPersonTimes() + volunteerVisits,
                a.volunteerHours().add(visitHours).setScale(2, RoundingMode.HALF_UP),
                hours(((Number) earned).longValue()), direct.size(), household + a.activityOtherPersonTimes(),
                p.elders(), p.paired(), p.coverage(), p.compliance());
    }

    private static BigDecimal hours(long minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
