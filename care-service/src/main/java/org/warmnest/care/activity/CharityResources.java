package org.warmnest.care.activity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.web.PageView;

/** Charity resources linked (链接慈善资源): money, goods, services, volunteers or a venue, for elders if named. */
@Service
class CharityResources {

    static final String TABLE = "charity_resource";

    enum Kind { MONEY, GOODS, SERVICE, VOLUNTEERS, VENUE }

    record NewResource(String name, Kind kind, String provider, BigDecimal value, LocalDate linkedOn,
            String streetCode, String communityCode, String gridCode, UUID contractorId, List<UUID> elderIds) {
    }

    record Resource(UUID id, UUID contractorId, String name, Kind kind, String provider, String value,
            LocalDate linkedOn, List<UUID> elderIds, String streetCode, String communityCode, String gridCode,
            String createdBy, Instant createdAt) {
    }

    private final ActivitySql sql;
    private final Reach reach;
    private final Clock clock;

    CharityResources(ActivitySql sql, Reach reach, Clock clock) {
        this.sql = sql;
        this.reach = reach;
        this.clock = clock;
    }

    @Transactional
    Resource link(NewResource n) {
        LocalDate linked = n.linkedOn() == null ? LocalDate.now(clock.withZone(SupportGroups.CHINA)) : n.linkedOn();
        if (linked.isAfter(LocalDate.now(clock.withZone(SupportGroups.CHINA)))) {
            throw ProblemException.invalid("linkedOn", "in-future");
        }
        UUID owner = ActivityScope.owner(n.contractorId());
        List<UUID> elders = reach.elders(n.elderIds());
        UUID id = UUID.randomUUID();
        sql.update("insert into charity_resource (id, contractor_id, name, kind, provider, value, linked_on,"
                + " street_code, community_code, grid_code, created_by, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, owner, n.name().strip(), n.kind().name(),
                n.provider().strip(), n.value(), linked, n.streetCode(), n.communityCode(), n.gridCode(),
                CurrentUser.get().subject(), clock.instant());
        for (UUID e : elders) {
            sql.update("insert into charity_resource_elder (resource_id, elder_id) values (?, ?)", id, e);
        }
        return get(id);
    }

    @Transactional(readOnly = true)
    Resource get(UUID id) {
        reach.row(TABLE, id, "charity-resource-not-found");
        ActivityScope.Conditions c = new ActivityScope.Conditions().and("c.id = ?", id);
        return rows(c.sql(), c.values()).get(0);
    }

    @Transactional(readOnly = true)
    PageView<Resource> page(ActivityScope scope, Kind kind, int page, int size) {
        ActivityScope.Conditions c = scope.where("c.linked_on", "c", "c.contractor_id")
                .andIf(kind == null ? null : kind.name(), "c.kind = ?");
        long total = sql.count("select count(*) from charity_resource c" + c.sql(), c.values());
        return new PageView<>(rows(c.sql() + " order by c.linked_on desc, c.id limit ? offset ?",
                c.paged(page * size, size)), page, size, total);
    }

    private List<Resource> rows(String where, List<Object> values) {
        List<Resource> found = sql.list("select c.id, c.contractor_id, c.name, c.kind, c.provider, c.value,"
                + " c.linked_on, c.street_code, c.community_code, c.grid_code, c.created_by, c.created_at"
                + " from charity_resource c" + where, values,
                r -> new Resource(ActivitySql.uuid(r, 1), ActivitySql.uuid(r, 2), r.getString(3),
                        Kind.valueOf(r.getString(4)), r.getString(5), ActivitySql.yuan(r.getBigDecimal(6)),
                        ActivitySql.date(r, 7), null, r.getString(8), r.getString(9), r.getString(10),
                        r.getString(11), ActivitySql.instant(r, 12)));
        Map<UUID, List<UUID>> elders = sql.children("select resource_id, elder_id from charity_resource_elder"
                + " where resource_id = any(?) order by elder_id", found.stream().map(Resource::id).toList());
        return found.stream().map(c -> new Resource(c.id(), c.contractorId(), c.name(), c.kind(), c.provider(),
                c.value(), c.linkedOn(), List.copyOf(elders.get(c.id())), c.streetCode(), c.communityCode(),
                c.gridCode(), c.createdBy(), c.createdAt())).toList();
    }
}
