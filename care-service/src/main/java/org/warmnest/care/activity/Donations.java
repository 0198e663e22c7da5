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

/**
 * Batches of donated goods (物资捐赠批次): received from a donor, worth a value in yuan, reaching a number of
 * households and the registered elders named, each once per batch.
 */
@Service
class Donations {

    static final String TABLE = "donation_batch";

    record NewBatch(LocalDate receivedOn, String donor, String goods, BigDecimal value, int households,
            String streetCode, String communityCode, String gridCode, UUID contractorId, List<UUID> elderIds) {
    }

    record Batch(UUID id, UUID contractorId, LocalDate receivedOn, String donor, String goods, String value,
            int households, List<UUID> elderIds, String streetCode, String communityCode, String gridCode,
            String createdBy, Instant createdAt) {
    }

    private final ActivitySql sql;
    private final Reach reach;
    private final Clock clock;

    Donations(ActivitySql sql, Reach reach, Clock clock) {
        this.sql = sql;
        this.reach = reach;
        this.clock = clock;
    }

    @Transactional
    Batch create(NewBatch n) {
        if (n.receivedOn().isAfter(LocalDate.now(clock.withZone(SupportGroups.CHINA)))) {
            throw ProblemException.invalid("receivedOn", "in-future");
        }
        UUID owner = ActivityScope.owner(n.contractorId());
        List<UUID> elders = reach.elders(n.elderIds());
        UUID id = UUID.randomUUID();
        sql.update("insert into donation_batch (id, contractor_id, received_on, donor, goods, value, households,"
                + " street_code, community_code, grid_code, created_by, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, owner, n.receivedOn(), n.donor().strip(),
                n.goods().strip(), n.value(), n.households(), n.streetCode(), n.communityCode(), n.gridCode(),
                CurrentUser.get().subject(), clock.instant());
        reached(id, elders);
        return get(id);
    }

    /** More elders the batch reached; those already named stay counted once. */
    @Transactional
    Batch addRecipients(UUID id, List<UUID> elderIds) {
        reach.row(TABLE, id, "donation-batch-not-found");
        reached(id, reach.elders(elderIds));
        return get(id);
    }

    @Transactional
    void removeRecipient(UUID id, UUID elderId) {
        reach.row(TABLE, id, "donation-batch-not-found");
        if (sql.update("delete from donation_recipient where batch_id = ? and elder_id = ?", id, elderId) == 0) {
            throw ProblemException.notFound("donation-recipient-not-found", elderId, id);
        }
    }

    private void reached(UUID id, List<UUID> elders) {
        for (UUID e : elders) {
            sql.update("insert into donation_recipient (batch_id, elder_id, added_by, added_at) values (?, ?, ?, ?)"
                    + " on conflict do nothing", id, e, CurrentUser.get().subject(), clock.instant());
        }
    }

    @Transactional(readOnly = true)
    Batch get(UUID id) {
        reach.row(TABLE, id, "donation-batch-not-found");
        ActivityScope.Conditions c = new ActivityScope.Conditions().and("b.id = ?", id);
        return rows(c.sql(), c.values()).get(0);
    }

    @Transactional(readOnly = true)
    PageView<Batch> page(ActivityScope scope, int page, int size) {
        ActivityScope.Conditions c = scope.where("b.received_on", "b", "b.contractor_id");
        long total = sql.count("select count(*) from donation_batch b" + c.sql(), c.values());
        return new PageView<>(rows(c.sql() + " order by b.received_on desc, b.id limit ? offset ?",
                c.paged(page * size, size)), page, size, total);
    }

    private List<Batch> rows(String where, List<Object> values) {
        List<Batch> batches = sql.list("select b.id, b.contractor_id, b.received_on, b.donor, b.goods, b.value,"
                + " b.households, b.street_code, b.community_code, b.grid_code, b.created_by, b.created_at"
                + " from donation_batch b" + where, values,
                r -> new Batch(ActivitySql.uuid(r, 1), ActivitySql.uuid(r, 2), ActivitySql.date(r, 3),
                        r.getString(4), r.getString(5), ActivitySql.yuan(r.getBigDecimal(6)), r.getInt(7), null,
                        r.getString(8), r.getString(9), r.getString(10), r.getString(11),
                        ActivitySql.instant(r, 12)));
        Map<UUID, List<UUID>> elders = sql.children("select batch_id, elder_id from donation_recipient"
                + " where batch_id = any(?) order by added_at, elder_id", batches.stream().map(Batch::id).toList());
        return batches.stream().map(b -> new Batch(b.id(), b.contractorId(), b.receivedOn(), b.donor(), b.goods(),
                b.value(), b.households(), List.copyOf(elders.get(b.id())), b.streetCode(), b.communityCode(),
                b.gridCode(), b.createdBy(), b.createdAt())).toList();
    }
}
