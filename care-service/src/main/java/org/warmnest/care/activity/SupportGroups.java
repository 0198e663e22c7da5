package org.warmnest.care.activity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * Support groups (支持小组) and their members, elders who join and leave on a day; an elder is a member at most
 * once at a time. The groups' sessions are GROUP activities linked to the group.
 */
@Service
class SupportGroups {

    static final String TABLE = "support_group";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    record NewGroup(String name, String purpose, String leader, LocalDate formedOn, String streetCode,
            String communityCode, String gridCode, UUID contractorId, List<UUID> elderIds) {
    }

    record Member(UUID elderId, LocalDate joinedOn, LocalDate leftOn) {
    }

    record Group(UUID id, UUID contractorId, String name, String purpose, String leader, LocalDate formedOn,
            String streetCode, String communityCode, String gridCode, List<Member> members, int currentMembers,
            long sessions, String createdBy, Instant createdAt) {
    }

    private final ActivitySql sql;
    private final Reach reach;
    private final Clock clock;

    SupportGroups(ActivitySql sql, Reach reach, Clock clock) {
        this.sql = sql;
        this.reach = reach;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    /** A new group; the elders named join on the day it was formed. */
    @Transactional
    Group create(NewGroup n) {
        UUID owner = ActivityScope.owner(n.contractorId());
        List<UUID> elders = reach.elders(n.elderIds());
        LocalDate formed = n.formedOn() == null ? today() : n.formedOn();
        UUID id = UUID.randomUUID();
        sql.update("insert into support_group (id, contractor_id, name, purpose, leader, formed_on, street_code,"
                + " community_code, grid_code, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                owner, n.name().strip(), n.purpose(), n.leader(), formed, n.streetCode(), n.communityCode(),
                n.gridCode(), CurrentUser.get().subject(), clock.instant());
        for (UUID e : elders) {
            insertMember(id, e, formed);
        }
        return get(id);
    }

    @Transactional
    Group join(UUID id, UUID elderId, LocalDate joinedOn) {
        reach.row(TABLE, id, "support-group-not-found");
        reach.elder(elderId);
        if (insertMember(id, elderId, joinedOn == null ? today() : joinedOn) == 0) {
            throw ProblemException.conflict("group-member-exists", elderId, id);
        }
        return get(id);
    }

    @Transactional
    Group leave(UUID id, UUID elderId, LocalDate leftOn) {
        reach.row(TABLE, id, "support-group-not-found");
        Member m = current(id, elderId);
        if (m == null) {
            throw ProblemException.notFound("group-member-not-found", elderId, id);
        }
        LocalDate left = leftOn == null ? today() : leftOn;
        if (left.isBefore(m.joinedOn())) {
            throw ProblemException.invalid("leftOn", "before-start");
        }
        sql.update("update support_group_member set left_on = ? where group_id = ? and elder_id = ?"
                + " and left_on is null", left, id, elderId);
        return get(id);
    }

    private Member current(UUID group, UUID elder) {
        return sql.list("select elder_id, joined_on, left_on from support_group_member where group_id = ?"
                + " and elder_id = ? and left_on is null for update", List.of(group, elder),
                r -> new Member(ActivitySql.uuid(r, 1), ActivitySql.date(r, 2), null)).stream().findFirst()
                .orElse(null);
    }

    /** 1 if the elder joined; 0 if a member already (two joins at once: one wins, by the partial unique index). */
    private int insertMember(UUID group, UUID elder, LocalDate joined) {
        return sql.update("insert into support_group_member (id, group_id, elder_id, joined_on, created_by,"
                + " created_at) values (?, ?, ?, ?, ?, ?) on conflict (group_id, elder_id) where left_on is null"
                + " do nothing", UUID.randomUUID(), group, elder, joined, CurrentUser.get().subject(),
                clock.instant());
    }

    @Transactional(readOnly = true)
    Group get(UUID id) {
        reach.row(TABLE, id, "support-group-not-found");
        ActivityScope.Conditions c = new ActivityScope.Conditions().and("g.id = ?", id);
        return rows(c.sql(), c.values()).get(0);
    }

    /** Groups formed in the period (either end may be open), of the area. */
    @Transactional(readOnly = true)
    PageView<Group> page(ActivityScope scope, int page, int size) {
        ActivityScope.Conditions c = scope.where("g.formed_on", "g", "g.contractor_id");
        long total = sql.count("select count(*) from support_group g" + c.sql(), c.values());
        return new PageView<>(rows(c.sql() + " order by g.formed_on desc, g.id limit ? offset ?",
                c.paged(page * size, size)), page, size, total);
    }

    private List<Group> rows(String where, List<Object> values) {
        List<Group> groups = sql.list("select g.id, g.contractor_id, g.name, g.purpose, g.leader, g.formed_on,"
                + " g.street_code, g.community_code, g.grid_code, g.created_by, g.created_at,"
                + " (select count(*) from community_activity a where a.group_id = g.id)"
                + " from support_group g" + where, values,
                r -> new Group(ActivitySql.uuid(r, 1), ActivitySql.uuid(r, 2), r.getString(3), r.getString(4),
                        r.getString(5), ActivitySql.date(r, 6), r.getString(7), r.getString(8), r.getString(9),
                        new ArrayList<>(), 0, r.getLong(12), r.getString(10), ActivitySql.instant(r, 11)));
        Map<UUID, List<Member>> members = new LinkedHashMap<>();
        groups.forEach(g -> members.put(g.id(), g.members()));
        if (!groups.isEmpty()) {
            sql.list("select group_id, elder_id, joined_on, left_on from support_group_member"
                    + " where group_id = any(?) order by joined_on, elder_id", ActivitySql.ids(members.keySet()),
                    r -> members.get(ActivitySql.uuid(r, 1)).add(new Member(ActivitySql.uuid(r, 2),
                            ActivitySql.date(r, 3), ActivitySql.date(r, 4))));
        }
        return groups.stream().map(g -> new Group(g.id(), g.contractorId(), g.name(), g.purpose(), g.leader(),
                g.formedOn(), g.streetCode(), g.communityCode(), g.gridCode(), List.copyOf(g.members()),
                (int) g.members().stream().filter(m -> m.leftOn() == null).count(), g.sessions(), g.createdBy(),
                g.createdAt())).toList();
    }
}
