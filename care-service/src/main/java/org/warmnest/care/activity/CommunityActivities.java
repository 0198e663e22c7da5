package org.warmnest.care.activity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.web.PageView;

/**
 * Community activities (社区活动) with their attendance as person-times: the registered elders who came, each
 * counted once per activity, and a count of other attendees; and the volunteers who served, once each with their
 * hours. A support group's sessions are GROUP activities linked to the group; a health clinic (义诊) serves its
 * registered elders and its other attendees.
 */
@Service
class CommunityActivities {

    static final String TABLE = "community_activity";

    record NewActivity(String title, ActivityKind kind, LocalDate heldOn, String place, String streetCode,
            String communityCode, String gridCode, String organiser, UUID programId, boolean lotteryFunded,
            UUID groupId, UUID contractorId, List<UUID> elderIds, int otherAttendees, List<Served> volunteers) {
    }

    record Served(UUID volunteerId, BigDecimal hours) {
    }

    /** An activity as it is shown: person-times are its registered elders plus its other attendees. */
    record Activity(UUID id, UUID contractorId, String title, ActivityKind kind, LocalDate heldOn, String place,
            String streetCode, String communityCode, String gridCode, String organiser, UUID programId,
            boolean lotteryFunded, UUID groupId, List<UUID> elderIds, int otherAttendees, int personTimes,
            List<Served> volunteers, int volunteerPersonTimes, BigDecimal volunteerHours, String createdBy,
            Instant createdAt) {
    }

    private final ActivitySql sql;
    private final Reach reach;
    private final Clock clock;

    CommunityActivities(ActivitySql sql, Reach reach, Clock clock) {
        this.sql = sql;
        this.reach = reach;
        this.clock = clock;
    }

    @Transactional
    Activity create(NewActivity n) {
        if (n.groupId() != null) {
            if (n.kind() != ActivityKind.GROUP) {
                throw ProblemException.invalid("groupId", "group-only-for-group-activity");
            }
            reach.row(SupportGroups.TABLE, n.groupId(), "support-group-not-found");
        }
        UUID owner = ActivityScope.owner(n.contractorId());
        List<UUID> elders = reach.elders(n.elderIds());
        List<Served> volunteers = n.volunteers() == null ? List.of() : n.volunteers();
        for (Served s : volunteers) {
            reach.volunteer(s.volunteerId());
        }
        if (volunteers.stream().map(Served::volunteerId).distinct().count() < volunteers.size()) {
            throw ProblemException.invalid("volunteers", "volunteer-twice");
        }
        UUID id = UUID.randomUUID();
        sql.update("insert into community_activity (id, contractor_id, title, kind, held_on, place, street_code,"
                + " community_code, grid_code, organiser, program_id, lottery_funded, group_id, other_attendees,"
                + " created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, owner,
                n.title().strip(), n.kind().name(), n.heldOn(), n.place(), n.streetCode(), n.communityCode(),
                n.gridCode(), n.organiser(), n.programId(), n.lotteryFunded(), n.groupId(), n.otherAttendees(),
                CurrentUser.get().subject(), clock.instant());
        attend(id, elders);
        for (Served s : volunteers) {
            serve(id, s);
        }
        return get(id);
    }

    /** Registers elders as attendees (those already registered stay counted once); sets the others' count if given. */
    @Transactional
    Activity addAttendees(UUID id, List<UUID> elderIds, Integer otherAttendees) {
        reach.row(TABLE, id, "activity-not-found");
        attend(id, reach.elders(elderIds));
        if (otherAttendees != null) {
            sql.update("update community_activity set other_attendees = ? where id = ?", otherAttendees, id);
        }
        return get(id);
    }

    @Transactional
    void removeAttendee(UUID id, UUID elderId) {
        reach.row(TABLE, id, "activity-not-found");
        if (sql.update("delete from activity_attendee where activity_id = ? and elder_id = ?", id, elderId) == 0) {
            throw ProblemException.notFound("attendee-not-found", elderId, id);
        }
    }

    /** A volunteer who served, with their hours (a second report of the same volunteer replaces the hours). */
    @Transactional
    Activity addVolunteer(UUID id, Served served) {
        reach.row(TABLE, id, "activity-not-found");
        reach.volunteer(served.volunteerId());
        serve(id, served);
        return get(id);
    }

    @Transactional
    void removeVolunteer(UUID id, UUID volunteerId) {
        reach.row(TABLE, id, "activity-not-found");
        if (sql.update("delete from activity_volunteer where activity_id = ? and volunteer_id = ?", id,
                volunteerId) == 0) {
            throw ProblemException.notFound("activity-volunteer-not-found", volunteerId, id);
        }
    }

    private void attend(UUID id, List<UUID> elders) {
        Instant now = clock.instant();
        String by = CurrentUser.get().subject();
        for (UUID e : elders) {
            sql.update("insert into activity_attendee (activity_id, elder_id, added_by, added_at) values (?, ?, ?, ?)"
                    + " on conflict do nothing", id, e, by, now);
        }
    }

    private void serve(UUID id, Served s) {
        sql.update("insert into activity_volunteer (activity_id, volunteer_id, hours, added_by, added_at)"
                + " values (?, ?, ?, ?, ?) on conflict (activity_id, volunteer_id) do update set hours = excluded.hours",
                id, s.volunteerId(), s.hours(), CurrentUser.get().subject(), clock.instant());
    }

    @Transactional(readOnly = true)
    Activity get(UUID id) {
        reach.row(TABLE, id, "activity-not-found");
        ActivityScope.Conditions c = new ActivityScope.Conditions().and("a.id = ?", id);
        return rows(c.sql(), c.values()).get(0);
    }

    @Transactional(readOnly = true)
    PageView<Activity> page(ActivityScope scope, ActivityKind kind, UUID groupId, int page, int size) {
        ActivityScope.Conditions c = scope.where("a.held_on", "a", "a.contractor_id")
                .andIf(kind == null ? null : kind.name(), "a.kind = ?").andIf(groupId, "a.group_id = ?");
        long total = sql.count("select count(*) from community_activity a" + c.sql(), c.values());
        List<Activity> rows = rows(c.sql() + " order by a.held_on desc, a.id limit ? offset ?",
                c.paged(page * size, size));
        return new PageView<>(rows, page, size, total);
    }

    private List<Activity> rows(String where, List<Object> values) {
        record Row(UUID id, UUID contractorId, String title, String kind, LocalDate heldOn, String place,
                String street, String community, String grid, String organiser, UUID programId, boolean lottery,
                UUID groupId, int others, String createdBy, Instant createdAt) {
        }
        List<Row> rows = sql.list("select a.id, a.contractor_id, a.title, a.kind, a.held_on, a.place, a.street_code,"
                + " a.community_code, a.grid_code, a.organiser, a.program_id, a.lottery_funded, a.group_id,"
                + " a.other_attendees, a.created_by, a.created_at from community_activity a" + where, values,
                r -> new Row(ActivitySql.uuid(r, 1), ActivitySql.uuid(r, 2), r.getString(3), r.getString(4),
                        ActivitySql.date(r, 5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                        r.getString(10), ActivitySql.uuid(r, 11), r.getBoolean(12), ActivitySql.uuid(r, 13),
                        r.getInt(14), r.getString(15), ActivitySql.instant(r, 16)));
        List<UUID> ids = rows.stream().map(Row::id).toList();
        Map<UUID, List<UUID>> elders = sql.children("select activity_id, elder_id from activity_attendee"
                + " where activity_id = any(?) order by added_at, elder_id", ids);
        Map<UUID, List<Served>> served = new LinkedHashMap<>();
        ids.forEach(i -> served.put(i, new ArrayList<>()));
        if (!ids.isEmpty()) {
            sql.list("select activity_id, volunteer_id, hours from activity_volunteer where activity_id = any(?)"
                    + " order by added_at, volunteer_id", ActivitySql.ids(ids),
                    r -> served.get(ActivitySql.uuid(r, 1)).add(new Served(ActivitySql.uuid(r, 2),
                            r.getBigDecimal(3))));
        }
        return rows.stream().map(r -> {
            List<UUID> e = elders.get(r.id());
            List<Served> v = served.get(r.id());
            BigDecimal hours = v.stream().map(Served::hours).reduce(BigDecimal.ZERO.setScale(1), BigDecimal::add);
            return new Activity(r.id(), r.contractorId(), r.title(), ActivityKind.valueOf(r.kind()), r.heldOn(),
                    r.place(), r.street(), r.community(), r.grid(), r.organiser(), r.programId(), r.lottery(),
                    r.groupId(), e, r.others(), e.size() + r.others(), v, v.size(), hours, r.createdBy(),
                    r.createdAt());
        }).toList();
    }
}
