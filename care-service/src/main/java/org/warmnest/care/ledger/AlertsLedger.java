package org.warmnest.care.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.alert.AlertLabels;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.sheet.XlsxExport.Column;

/**
 * 紧急情况台账: the alerts raised in the period (China days), where each climbed, who acknowledged it and how many
 * minutes after it was raised, when it was resolved (minutes from raising), and its follow-up; and the response
 * times in figures. The area is the elder's when the alert was raised.
 */
@Service
class AlertsLedger {

    record Row(UUID alertId, Instant raisedAt, UUID elderId, String elderName, Area area, String kind,
            String kindLabel, String source, String sourceLabel, String description, String highestLevel,
            String highestLevelLabel, Instant acknowledgedAt, String acknowledgedBy, String acknowledgedLevelLabel,
            Double minutesToAcknowledge, Instant resolvedAt, Double minutesToResolve, String resolution,
            Instant followUpAt, String status, String statusLabel) {
    }

    /** Minutes: the median, mean and longest of the alerts that got that far. */
    record Minutes(Double median, Double average, Double max) {
    }

    record Summary(long alerts, Map<String, Long> byKind, long acknowledged, Minutes toAcknowledge, long resolved,
            Minutes toResolve, long escalatedBeyondGrid) {
    }

    private static final String LEVELS = "array['GRID','COMMUNITY','STREET','DISTRICT']::text[]";
    // the highest level reached: where it stands now, or higher on its timeline (levels only ever go up)
    private static final String FROM = " from alert a cross join lateral (select greatest(array_position(" + LEVELS
            + ", a.level::text), (select max(array_position(" + LEVELS + ", ev.level::text)) from alert_event ev"
            + "   where ev.alert_id = a.id and ev.kind in ('RAISED','ESCALATED'))) as rank) top";
    private static final String ACK = "extract(epoch from a.acknowledged_at - a.raised_at)";
    private static final String RESOLVE = "extract(epoch from a.resolved_at - a.raised_at)";

    private final LedgerSql sql;

    AlertsLedger(LedgerSql sql) {
        this.sql = sql;
    }

    static Where where(LedgerScope scope) {
        Where w = new Where().and("a.raised_at >= ? and a.raised_at < ?", scope.start(), scope.end());
        return scope.area(w, "a", "a");
    }

    @Transactional(readOnly = true)
    Page<Row> page(LedgerScope scope, int offset, int limit) {
        Where w = where(scope);
        Map<String, AreaDirectory.GridPlace> places = sql.places();
        return new Page<>(sql.page("select a.id, a.raised_at, a.elder_id, a.elder_name, a.street_code,"
                + " a.community_code, a.grid_code, a.kind, a.source, a.description, (" + LEVELS + ")[top.rank],"
                + " a.acknowledged_at, a.acknowledged_by, a.acknowledged_level, a.resolved_at, a.resolution,"
                + " a.follow_up_at, a.status" + FROM + w.sql() + " order by a.raised_at, a.id", w, offset, limit,
                r -> row(r, places)), sql.count("select count(*) from alert a" + w.sql(), w));
    }

    @Transactional(readOnly = true)
    Summary summary(LedgerScope scope) {
        Where w = where(scope);
        Summary totals = sql.list("select count(*), count(a.acknowledged_at),"
                + " percentile_cont(0.5) within group (order by " + ACK + "), avg(" + ACK + "), max(" + ACK + "),"
                + " count(a.resolved_at), percentile_cont(0.5) within group (order by " + RESOLVE + "),"
                + " avg(" + RESOLVE + "), max(" + RESOLVE + "), count(*) filter (where top.rank > 1)" + FROM + w.sql(),
                w.values(), r -> new Summary(r.getLong(1), null, r.getLong(2), minutes(r, 3), r.getLong(6),
                        minutes(r, 7), r.getLong(10))).get(0);
        Map<String, Long> byKind = new LinkedHashMap<>();
        sql.list("select a.kind, count(*) from alert a" + w.sql() + " group by a.kind order by 2 desc, 1",
                w.values(), r -> byKind.put(r.getString(1), r.getLong(2)));
        return new Summary(totals.alerts(), byKind, totals.acknowledged(), totals.toAcknowledge(), totals.resolved(),
                totals.toResolve(), totals.escalatedBeyondGrid());
    }

    static List<XlsxExport.Sheet<?>> sheets(List<Row> rows, Summary summary) {
        List<Column<Row>> columns = List.of(
                LedgerSheets.<Row>serial(),
                Column.<Row>of("发生时间", Row::raisedAt),
                Column.<Row>of("老人姓名", Row::elderName),
                Column.<Row>of("街道", r -> r.area().streetName()),
                Column.<Row>of("社区", r -> r.area().communityName()),
                Column.<Row>of("网格", r -> r.area().gridName()),
                Column.<Row>of("类型", Row::kindLabel),
                Column.<Row>of("来源", Row::sourceLabel),
                Column.<Row>of("情况描述", Row::description),
                Column.<Row>of("最高升级层级", Row::highestLevelLabel),
                Column.<Row>of("确认时间", Row::acknowledgedAt),
                Column.<Row>of("确认人", Row::acknowledgedBy),
                Column.<Row>of("确认层级", Row::acknowledgedLevelLabel),
                Column.<Row>of("响应用时(分钟)", Row::minutesToAcknowledge),
                Column.<Row>of("处置完成时间", Row::resolvedAt),
                Column.<Row>of("处置用时(分钟)", Row::minutesToResolve),
                Column.<Row>of("处置结果", Row::resolution),
                Column.<Row>of("回访时间", Row::followUpAt),
                Column.<Row>of("状态", Row::statusLabel));
        List<LedgerSheets.Figure> figures = new ArrayList<>();
        figures.add(new LedgerSheets.Figure("紧急情况数", summary.alerts()));
        summary.byKind().forEach((kind, n) -> figures.add(new LedgerSheets.Figure(AlertLabels.kind(kind), n)));
        figures.add(new LedgerSheets.Figure("已确认", summary.acknowledged()));
        minutes(figures, "响应用时", summary.toAcknowledge());
        figures.add(new LedgerSheets.Figure("已处置", summary.resolved()));
        minutes(figures, "处置用时", summary.toResolve());
        figures.add(new LedgerSheets.Figure("升级至网格以上", summary.escalatedBeyondGrid()));
        return List.of(XlsxExport.Sheet.of("紧急情况台账", columns, rows), LedgerSheets.figures("汇总", figures));
    }

    private static void minutes(List<LedgerSheets.Figure> figures, String what, Minutes m) {
        figures.add(new LedgerSheets.Figure(what + "中位数(分钟)", m.median() == null ? "—" : m.median()));
        figures.add(new LedgerSheets.Figure(what + "平均(分钟)", m.average() == null ? "—" : m.average()));
        figures.add(new LedgerSheets.Figure(what + "最长(分钟)", m.max() == null ? "—" : m.max()));
    }

    private static Minutes minutes(ResultSet r, int first) throws SQLException {
        return new Minutes(minutes(LedgerSql.decimal(r, first)), minutes(LedgerSql.decimal(r, first + 1)),
                minutes(LedgerSql.decimal(r, first + 2)));
    }

    /** Seconds as minutes to a tenth: 15 minutes 30 seconds is 15.5, past a 15-minute deadline. */
    static Double minutes(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 6.0) / 10.0;
    }

    private static Double between(Instant from, Instant to) {
        return to == null ? null : minutes((double) Duration.between(from, to).toSeconds());
    }

    private static Row row(ResultSet r, Map<String, AreaDirectory.GridPlace> places) throws SQLException {
        Instant raised = LedgerSql.instant(r, 2);
        Instant acknowledged = LedgerSql.instant(r, 12);
        Instant resolved = LedgerSql.instant(r, 15);
        String kind = r.getString(8);
        String source = r.getString(9);
        String top = r.getString(11);
        String status = r.getString(18);
        return new Row(LedgerSql.uuid(r, 1), raised, LedgerSql.uuid(r, 3), r.getString(4),
                Area.of(places, r.getString(5), r.getString(6), r.getString(7)), kind, AlertLabels.kind(kind), source,
                AlertLabels.source(source), r.getString(10), top, AlertLabels.level(top), acknowledged,
                r.getString(13), AlertLabels.level(r.getString(14)), between(raised, acknowledged), resolved,
                between(raised, resolved), r.getString(16), LedgerSql.instant(r, 17), status,
                AlertLabels.status(status));
    }
}
