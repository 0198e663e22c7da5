package org.warmnest.care.activity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.elder.ElderFiles;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.web.PageView;

/**
 * Case services (个案服务): an elder's problem taken on by a social worker with a plan, open until closed with its
 * outcome. The area is the elder's; the case is the contractor's whose staff opened it (the bureau's: the one it
 * names, else the elder's contractor).
 */
@Service
class CaseServices {

    static final String TABLE = "case_service";

    enum Status { OPEN, CLOSED }

    record NewCase(UUID elderId, LocalDate openedOn, String socialWorker, String problem, String plan,
            UUID contractorId) {
    }

    record Case(UUID id, UUID contractorId, UUID elderId, String elderName, String streetCode, String communityCode,
            String gridCode, LocalDate openedOn, LocalDate closedOn, String socialWorker, String problem,
            String plan, String outcome, Status status, String createdBy, Instant createdAt, String closedBy) {
    }

    private final ActivitySql sql;
    private final Reach reach;
    private final Clock clock;

    CaseServices(ActivitySql sql, Reach reach, Clock clock) {
        this.sql = sql;
        this.reach = reach;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(SupportGroups.CHINA));
    }

    @Transactional
    Case open(NewCase n) {
        ElderFiles.ElderRef elder = reach.elder(n.elderId());
        LocalDate opened = n.openedOn() == null ? today() : n.openedOn();
        if (opened.isAfter(today())) {
            throw ProblemException.invalid("openedOn", "in-future");
        }
        UUID owner = ActivityScope.owner(n.contractorId());
        UUID id = UUID.randomUUID();
        sql.update("insert into case_service (id, contractor_id, elder_id, opened_on, social_worker, problem, plan,"
                + " status, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)", id,
                owner == null ? elder.contractorId() : owner, elder.id(), opened, n.socialWorker().strip(),
                n.problem().strip(), n.plan(), CurrentUser.get().subject(), clock.instant());
        return get(id);
    }

    @Transactional
    Case close(UUID id, LocalDate closedOn, String outcome) {
        Case c = get(id);
        LocalDate closed = closedOn == null ? today() : closedOn;
        if (closed.isBefore(c.openedOn())) {
            throw ProblemException.invalid("closedOn", "before-start");
        }
        if (closed.isAfter(today())) {
            throw ProblemException.invalid("closedOn", "in-future");
        }
        if (sql.update("update case_service set status = 'CLOSED', closed_on = ?, outcome = ?, closed_by = ?"
                + " where id = ? and status = 'OPEN'", closed, outcome.strip(), CurrentUser.get().subject(), id) == 0) {
            throw ProblemException.conflict("case-service-closed", id, c.closedOn());
        }
        return get(id);
    }

    @Transactional(readOnly = true)
    Case get(UUID id) {
        reach.row(TABLE, id, "case-service-not-found");
        ActivityScope.Conditions c = new ActivityScope.Conditions().and("c.id = ?", id);
        return rows(c.sql(), c.values()).get(0);
    }

    /** Cases opened in the period, of elders of the area. */
    @Transactional(readOnly = true)
    PageView<Case> page(ActivityScope scope, Status status, UUID elderId, int page, int size) {
        ActivityScope.Conditions c = scope.where("c.opened_on", "e", "c.contractor_id")
                .andIf(status == null ? null : status.name(), "c.status = ?").andIf(elderId, "c.elder_id = ?");
        long total = sql.count("select count(*) from case_service c join elder e on e.id = c.elder_id" + c.sql(),
                c.values());
        return new PageView<>(rows(c.sql() + " order by c.opened_on desc, c.id limit ? offset ?",
                c.paged(page * size, size)), page, size, total);
    }

    private List<Case> rows(String where, List<Object> values) {
        return sql.list("select c.id, c.contractor_id, c.elder_id, e.name, e.street_code, e.community_code,"
                + " e.grid_code, c.opened_on, c.closed_on, c.social_worker, c.problem, c.plan, c.outcome, c.status,"
                + " c.created_by, c.created_at, c.closed_by from case_service c join elder e on e.id = c.elder_id"
                + where, values,
                r -> new Case(ActivitySql.uuid(r, 1), ActivitySql.uuid(r, 2), ActivitySql.uuid(r, 3),
                        r.getString(4), r.getString(5), r.getString(6), r.getString(7), ActivitySql.date(r, 8),
                        ActivitySql.date(r, 9), r.getString(10), r.getString(11), r.getString(12), r.getString(13),
                        Status.valueOf(r.getString(14)), r.getString(15), ActivitySql.instant(r, 16),
                        r.getString(17)));
    }
}
