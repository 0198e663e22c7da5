package org.warmnest.care.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.care.visit.ConcernCategories;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.sheet.XlsxExport.Column;

/**
 * 困难诉求台账 and 安全隐患台账: the difficulties and hazards found in the period, with how they were followed up
 * (办理 / 整改): the steps taken, the last of them, when and how each was closed, and, for hazards, whether it was
 * still open when the period ended.
 */
@Service
class ConcernsLedger {

    enum Kind { DIFFICULTY, HAZARD }

    record Row(UUID concernId, UUID elderId, String elderName, Area area, LocalDate foundOn, String category,
            String categoryLabel, String description, String advice, String status, String statusLabel,
            int followUps, LocalDate lastFollowedOn, String lastFollowUp, LocalDate closedOn, String outcome,
            Integer daysToClose, boolean openAtEnd) {
    }

    /** Found, closed in the period (of those found in it), still open when it ended, and by category. */
    record Summary(long found, long closed, long openAtEnd, Double averageDaysToClose, Map<String, Long> byCategory) {
    }

    private static final String FROM = " from concern c join elder e on e.id = c.elder_id";
    private static final String SELECT = "select c.id, c.elder_id, e.name, e.street_code, e.community_code,"
            + " e.grid_code, c.found_on, c.category, c.description, c.advice, c.status, f.steps, f.followed_on,"
            + " f.note, c.closed_on, c.outcome" + FROM
            + " left join lateral (select count(*) over () as steps, u.followed_on, u.note from concern_follow_up u"
            + "   where u.concern_id = c.id order by u.created_at desc, u.followed_on desc limit 1) f on true";

    private final LedgerSql sql;

    ConcernsLedger(LedgerSql sql) {
        this.sql = sql;
    }

    static Where where(Kind kind, LedgerScope scope) {
        Where w = new Where().and("c.found_on between ? and ?", scope.from(), scope.to()).and("c.kind = ?",
                kind.name());
        return scope.area(w, "e", "c");
    }

    @Transactional(readOnly = true)
    Page<Row> page(Kind kind, LedgerScope scope, int offset, int limit) {
        Where w = where(kind, scope);
        Map<String, AreaDirectory.GridPlace> places = sql.places();
        return new Page<>(sql.page(SELECT + w.sql() + " order by c.found_on, c.id", w, offset, limit,
                r -> row(kind, scope, r, places)), sql.count("select count(*)" + FROM + w.sql(), w));
    }

    @Transactional(readOnly = true)
    Summary summary(Kind kind, LedgerScope scope) {
        Where w = where(kind, scope);
        List<Object> values = new ArrayList<>(List.of(scope.to(), scope.to(), scope.to()));
        values.addAll(w.values());
        Summary totals = sql.list("select count(*),"
                + " count(*) filter (where c.closed_on <= ?),"
                + " count(*) filter (where c.closed_on is null or c.closed_on > ?),"
                + " avg(c.closed_on - c.found_on) filter (where c.closed_on <= ?)" + FROM + w.sql(), values,
                r -> new Summary(r.getLong(1), r.getLong(2), r.getLong(3), round(LedgerSql.decimal(r, 4)), null))
                .get(0);
        Map<String, Long> byCategory = new LinkedHashMap<>();
        sql.list("select c.category, count(*)" + FROM + w.sql() + " group by c.category order by 2 desc, 1",
                w.values(), r -> byCategory.put(r.getString(1), r.getLong(2)));
        return new Summary(totals.found(), totals.closed(), totals.openAtEnd(), totals.averageDaysToClose(),
                byCategory);
    }

    static List<XlsxExport.Sheet<?>> sheets(Kind kind, List<Row> rows, Summary summary) {
        boolean hazard = kind == Kind.HAZARD;
        List<Column<Row>> columns = new ArrayList<>(List.of(
                LedgerSheets.<Row>serial(),
                Column.<Row>of("老人姓名", Row::elderName),
                Column.<Row>of("街道", r -> r.area().streetName()),
                Column.<Row>of("社区", r -> r.area().communityName()),
                Column.<Row>of("网格", r -> r.area().gridName()),
                Column.<Row>of("发现日期", Row::foundOn),
                Column.<Row>of(hazard ? "隐患类别" : "诉求类别", Row::categoryLabel),
                Column.<Row>of(hazard ? "隐患描述" : "诉求内容", Row::description),
                Column.<Row>of(hazard ? "整改建议" : "处理建议", Row::advice),
                Column.<Row>of(hazard ? "整改情况" : "办理情况", Row::statusLabel),
                Column.<Row>of("跟进次数", Row::followUps),
                Column.<Row>of("最近跟进日期", Row::lastFollowedOn),
                Column.<Row>of("最近跟进情况", Row::lastFollowUp),
                Column.<Row>of(hazard ? "整改完成日期" : "办结日期", Row::closedOn),
                Column.<Row>of(hazard ? "整改结果" : "办理结果", Row::outcome),
                Column.<Row>of(hazard ? "整改用时(天)" : "办理用时(天)", Row::daysToClose)));
        if (hazard) {
            columns.add(Column.<Row>of("期末未整改", Row::openAtEnd));
        }
        List<LedgerSheets.Figure> figures = new ArrayList<>();
        figures.add(new LedgerSheets.Figure(hazard ? "发现隐患数" : "收集诉求数", summary.found()));
        figures.add(new LedgerSheets.Figure(hazard ? "期内已整改" : "期内已办结", summary.closed()));
        figures.add(new LedgerSheets.Figure(hazard ? "期末未整改" : "期末未办结", summary.openAtEnd()));
        figures.add(new LedgerSheets.Figure("平均用时(天)",
                summary.averageDaysToClose() == null ? "—" : summary.averageDaysToClose()));
        summary.byCategory().forEach((category, n) -> figures.add(
                new LedgerSheets.Figure(ConcernCategories.label(kind.name(), category), n)));
        return List.of(XlsxExport.Sheet.of(hazard ? "安全隐患台账" : "困难诉求台账", columns, rows),
                LedgerSheets.figures("汇总", figures));
    }

    private static Row row(Kind kind, LedgerScope scope, ResultSet r, Map<String, AreaDirectory.GridPlace> places)
            throws SQLException {
        LocalDate found = LedgerSql.date(r, 7);
        LocalDate closed = LedgerSql.date(r, 15);
        String category = r.getString(8);
        String status = r.getString(11);
        return new Row(LedgerSql.uuid(r, 1), LedgerSql.uuid(r, 2), r.getString(3),
                Area.of(places, r.getString(4), r.getString(5), r.getString(6)), found, category,
                ConcernCategories.label(kind.name(), category), r.getString(9), r.getString(10), status,
                LedgerLabels.concernStatus(kind.name(), status), r.getInt(12), LedgerSql.date(r, 13),
                r.getString(14), closed, r.getString(16),
                closed == null ? null : (int) (closed.toEpochDay() - found.toEpochDay()),
                closed == null || closed.isAfter(scope.to()));
    }

    private static Double round(Double d) {
        return d == null ? null : Math.round(d * 10) / 10.0;
    }
}
