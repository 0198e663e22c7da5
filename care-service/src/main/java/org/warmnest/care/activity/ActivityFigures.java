package org.warmnest.care.activity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of the five-society work (五社联动) for a period (days inclusive) and optionally a street, community
 * or grid, as a bureau asks for them (Panjin's 349 case services, 12 groups with 130 elders, 120 activities with
 * 1,550 person-times, …), in the request's tenant. Each row counts by its own area; a case by its elder's. The elders
 * reached directly are counted once across activities, groups, donations, resources and cases, so that a report
 * can add them to those reached otherwise without counting anyone twice.
 */
@Component
public class ActivityFigures {

    /**
     * The counts. Person-times are registered elders (once per activity) plus other attendees; a clinic's people
     * served are counted the same way. Groups and members: groups with a member in the period and the distinct
     * elders who were. Cases: opened in the period, and open at its end.
     */
    public record Figures(LocalDate from, LocalDate to, long caseServicesOpened, long caseServicesOpen,
            long supportGroups, long groupMembers, long activities, long activityPersonTimes,
            long activityElderPersonTimes, long activityOtherPersonTimes, long healthClinics,
            long clinicPeopleServed, long donationBatches, long donationHouseholds, long donationElders,
            String donationValue, long volunteerPersonTimes, BigDecimal volunteerHours, long resourcesLinked,
            long directBeneficiaries) {
    }

    private final ActivitySql sql;

    ActivityFigures(ActivitySql sql) {
        this.sql = sql;
    }

    /** The tenant's whole figures for the period and area (street, community and grid each optional). */
    @Transactional(readOnly = true)
    public Figures count(LocalDate from, LocalDate to, String streetCode, String communityCode, String gridCode) {
        return count(scope(from, to, streetCode, communityCode, gridCode, null));
    }

    /** The figures of one contractor's rows only. */
    @Transactional(readOnly = true)
    public Figures count(LocalDate from, LocalDate to, String streetCode, String communityCode, String gridCode,
            UUID contractorId) {
        return count(scope(from, to, streetCode, communityCode, gridCode, contractorId));
    }

    /**
     * The tenant's figures for one program: activities (the records that carry a program) only of that program;
     * groups, donations, resources and cases, which carry none, by area and period as ever.
     */
    @Transactional(readOnly = true)
    public Figures count(LocalDate from, LocalDate to, String streetCode, String communityCode, String gridCode,
            UUID contractorId, UUID programId) {
        return count(scope(from, to, streetCode, communityCode, gridCode, contractorId), programId);
    }

    /** The distinct elders reached directly in the period and area, for de-duplication with other sources. */
    @Transactional(readOnly = true)
    public Set<UUID> directElders(LocalDate from, LocalDate to, String streetCode, String communityCode,
            String gridCode) {
        return directElders(from, to, streetCode, communityCode, gridCode, null);
    }

    /** The same, with the activities of one program only (when a program is given). */
    @Transactional(readOnly = true)
    public Set<UUID> directElders(LocalDate from, LocalDate to, String streetCode, String communityCode,
            String gridCode, UUID programId) {
        List<Object> values = new ArrayList<>();
        String union = direct(scope(from, to, streetCode, communityCode, gridCode, null), programId, values);
        return new LinkedHashSet<>(sql.list(union, values, r -> ActivitySql.uuid(r, 1)));
    }

    private static ActivityScope scope(LocalDate from, LocalDate to, String street, String community, String grid,
            UUID contractor) {
        return ActivityScope.of(Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"), street,
                community, grid, contractor);
    }

    @Transactional(readOnly = true)
    Figures count(ActivityScope s) {
        return count(s, null);
    }

    private Figures count(ActivityScope s, UUID program) {
        ActivityScope.Conditions a = activities(s, program);
        long[] act = sql.list("select count(*), coalesce(sum(n.elders), 0), coalesce(sum(a.other_attendees), 0),"
                + " count(*) filter (where a.kind = 'HEALTH_CLINIC'),"
                + " coalesce(sum(n.elders + a.other_attendees) filter (where a.kind = 'HEALTH_CLINIC'), 0)"
                + " from community_activity a cross join lateral (select count(*) elders from activity_attendee x"
                + " where x.activity_id = a.id) n" + a.sql(), a.values(),
                r -> new long[] { r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5) }).get(0);
        Object[] vol = sql.list("select count(*), coalesce(sum(v.hours), 0) from activity_volunteer v"
                + " join community_activity a on a.id = v.activity_id" + a.sql(), a.values(),
                r -> new Object[] { r.getLong(1), r.getBigDecimal(2) }).get(0);

        ActivityScope.Conditions g = groups(s);
        long[] grp = sql.list("select count(distinct g.id), count(distinct m.elder_id) from support_group g"
                + " join support_group_member m on m.group_id = g.id" + g.sql(), g.values(),
                r -> new long[] { r.getLong(1), r.getLong(2) }).get(0);

        ActivityScope.Conditions b = s.where("b.received_on", "b", "b.contractor_id");
        Object[] don = sql.list("select count(*), coalesce(sum(b.households), 0), coalesce(sum(b.value), 0)"
                + " from donation_batch b" + b.sql(), b.values(),
                r -> new Object[] { r.getLong(1), r.getLong(2), r.getBigDecimal(3) }).get(0);
        long donationElders = sql.count("select count(distinct r.elder_id) from donation_recipient r"
                + " join donation_batch b on b.id = r.batch_id" + b.sql(), b.values());

        ActivityScope.Conditions c = s.where("c.linked_on", "c", "c.contractor_id");
        long resources = sql.count("select count(*) from charity_resource c" + c.sql(), c.values());

        ActivityScope.Conditions opened = s.where("k.opened_on", "e", "k.contractor_id");
        long casesOpened = sql.count("select count(*) from case_service k join elder e on e.id = k.elder_id"
                + opened.sql(), opened.values());
        ActivityScope.Conditions open = areaOnly(s, "e", "k.contractor_id").and("k.opened_on <= ?", s.to())
                .and("(k.closed_on is null or k.closed_on > ?)", s.to());
        long casesOpen = sql.count("select count(*) from case_service k join elder e on e.id = k.elder_id"
                + open.sql(), open.values());

        List<Object> values = new ArrayList<>();
        String union = direct(s, program, values);
        long direct = sql.count("select count(*) from (" + union + ") d", values);

        return new Figures(s.from(), s.to(), casesOpened, casesOpen, grp[0], grp[1], act[0], act[1] + act[2],
                act[1], act[2], act[3], act[4], (long) don[0], (long) don[1], donationElders,
                ActivitySql.yuan(((BigDecimal) don[2]).setScale(2)), (long) vol[0], (BigDecimal) vol[1], resources,
                direct);
    }

    /** Memberships that overlap the period, of groups of the area. */
    private static ActivityScope.Conditions groups(ActivityScope s) {
        return areaOnly(s, "g", "g.contractor_id").and("m.joined_on <= ?", s.to())
                .and("(m.left_on is null or m.left_on >= ?)", s.from());
    }

    private static ActivityScope.Conditions areaOnly(ActivityScope s, String area, String contractorColumn) {
        return new ActivityScope(null, null, s.streetCode(), s.communityCode(), s.gridCode(), s.contractorId())
                .where(null, area, contractorColumn);
    }

    /** Activities of the scope, and of the program when one is given. */
    private static ActivityScope.Conditions activities(ActivityScope s, UUID program) {
        ActivityScope.Conditions a = s.where("a.held_on", "a", "a.contractor_id");
        return program == null ? a : a.and("a.program_id = ?", program);
    }

    /** The union of the elders reached directly; its values appended to {@code values}. */
    private static String direct(ActivityScope s, UUID program, List<Object> values) {
        List<String> parts = new ArrayList<>();
        ActivityScope.Conditions a = activities(s, program);
        parts.add("select x.elder_id from activity_attendee x join community_activity a on a.id = x.activity_id"
                + a.sql());
        values.addAll(a.values());
        ActivityScope.Conditions g = groups(s);
        parts.add("select m.elder_id from support_group_member m join support_group g on g.id = m.group_id"
                + g.sql());
        values.addAll(g.values());
        ActivityScope.Conditions b = s.where("b.received_on", "b", "b.contractor_id");
        parts.add("select r.elder_id from donation_recipient r join donation_batch b on b.id = r.batch_id" + b.sql());
        values.addAll(b.values());
        ActivityScope.Conditions c = s.where("c.linked_on", "c", "c.contractor_id");
        parts.add("select ce.elder_id from charity_resource_elder ce join charity_resource c on c.id = ce.resource_id"
                + c.sql());
        values.addAll(c.values());
        ActivityScope.Conditions k = areaOnly(s, "e", "k.contractor_id").and("k.opened_on <= ?", s.to())
                .and("(k.closed_on is null or k.closed_on >= ?)", s.from());
        parts.add("select k.elder_id from case_service k join elder e on e.id = k.elder_id" + k.sql());
        values.addAll(k.values());
        return String.join(" union ", parts);
    }
}
