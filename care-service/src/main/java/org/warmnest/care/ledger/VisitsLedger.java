package org.warmnest.care.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.care.plan.ContactMode;
import org.warmnest.platform.catalogue.ServiceItem;
import org.warmnest.platform.sheet.XlsxExport.Column;
import org.warmnest.platform.sheet.XlsxExport;

/**
 * 探访台账: each visit of the period that stands, i.e. recorded or verified; a rejected visit is not in it, and an
 * amendment takes its original's place once it supersedes it (a verified visit stands until its amendment is
 * verified). Counts only, never the encrypted readings or an ID number.
 */
@Service
class VisitsLedger {

    record Row(UUID visitId, UUID elderId, String elderName, Area area, LocalDate performedOn, Instant startedAt,
            String mode, String modeLabel, String performerName, int durationMinutes, String services,
            int readingsTaken, int readingsOutOfRange, int medicinesChecked, int medicinesExpired, int safetyChecked,
            String supplies, String suppliesSignedBy, String status, String statusLabel, boolean amendment,
            UUID programId) {
    }

    /** How many visits, by mode, and their minutes in all. */
    record Summary(long visits, long elders, long minutes, Map<String, Long> byMode) {
    }

    private static final String FROM = " from visit v join elder e on e.id = v.elder_id"
            + " left join visit o on o.id = v.amends_id";
    private static final String SELECT = "select v.id, v.elder_id, e.name, e.street_code, e.community_code,"
            + " e.grid_code, v.performed_on, v.started_at, v.mode, v.performer_name, v.duration_minutes,"
            + " (select string_agg(s.service_item || ':' || s.quantity, ',' order by s.service_item)"
            + "   from visit_service s where s.visit_id = v.id),"
            + " v.readings_taken, v.readings_out_of_range, v.medicines_checked, v.medicines_expired,"
            + " cardinality(v.safety_checked),"
            + " (select string_agg((x->>'item') || '×' || (x->>'quantity'), '，' order by n)"
            + "   from jsonb_array_elements(v.supplies) with ordinality as t(x, n)),"
            + " v.supplies_signed_by, v.status, v.amends_id, v.program_id" + FROM;

    private final LedgerSql sql;

    VisitsLedger(LedgerSql sql) {
        this.sql = sql;
    }

    /** The visits that stand in the period, scope and programme (if given). */
    static Where where(LedgerScope scope, UUID programId) {
        Where w = new Where().and("v.performed_on between ? and ?", scope.from(), scope.to())
                .and("v.status in ('RECORDED','VERIFIED')")
                // an amendment still under review leaves its verified original in place
                .and("(v.amends_id is null or o.status = 'SUPERSEDED')")
                .andIf(programId, "v.program_id = ?");
        return scope.area(w, "e", "v");
    }

    @Transactional(readOnly = true)
    Page<Row> page(LedgerScope scope, UUID programId, int offset, int limit) {
        Where w = where(scope, programId);
        Map<String, AreaDirectory.GridPlace> places = sql.places();
        return new Page<>(sql.page(SELECT + w.sql() + " order by v.performed_on, v.started_at, v.id", w, offset, limit,
                r -> row(r, places)), sql.count("select count(*)" + FROM + w.sql(), w));
    }

    @Transactional(readOnly = true)
    Summary summary(LedgerScope scope, UUID programId) {
        Where w = where(scope, programId);
        Map<String, Long> byMode = new LinkedHashMap<>();
        long[] totals = new long[3];
        sql.list("select v.mode, count(*), count(distinct v.elder_id), coalesce(sum(v.duration_minutes), 0)" + FROM
                + w.sql() + " group by v.mode order by v.mode", w.values(), r -> {
                    byMode.put(r.getString(1), r.getLong(2));
                    totals[0] += r.getLong(2);
                    totals[2] += r.getLong(4);
                    return null;
                });
        totals[1] = sql.count("select count(distinct v.elder_id)" + FROM + w.sql(), w);
        return new Summary(totals[0], totals[1], totals[2], byMode);
    }

    static List<XlsxExport.Sheet<?>> sheets(List<Row> rows, Summary summary) {
        List<Column<Row>> columns = List.of(
                LedgerSheets.<Row>serial(),
                Column.<Row>of("老人姓名", Row::elderName),
                Column.<Row>of("街道", r -> r.area().streetName()),
                Column.<Row>of("社区", r -> r.area().communityName()),
                Column.<Row>of("网格", r -> r.area().gridName()),
                Column.<Row>of("探访日期", Row::performedOn),
                Column.<Row>of("开始时间", Row::startedAt),
                Column.<Row>of("探访方式", Row::modeLabel),
                Column.<Row>of("服务人员", Row::performerName),
                Column.<Row>of("时长(分钟)", Row::durationMinutes),
                Column.<Row>of("服务内容", Row::services),
                Column.<Row>of("健康监测项数", Row::readingsTaken),
                Column.<Row>of("异常项数", Row::readingsOutOfRange),
                Column.<Row>of("药品检查数", Row::medicinesChecked),
                Column.<Row>of("过期药品数", Row::medicinesExpired),
                Column.<Row>of("安全检查项数", Row::safetyChecked),
                Column.<Row>of("发放物资", Row::supplies),
                Column.<Row>of("物资签收人", Row::suppliesSignedBy),
                Column.<Row>of("状态", Row::statusLabel),
                Column.<Row>of("更正记录", Row::amendment));
        List<LedgerSheets.Figure> modes = new ArrayList<>();
        summary.byMode().forEach((mode, n) -> modes.add(new LedgerSheets.Figure(ContactMode.valueOf(mode).label, n)));
        modes.add(new LedgerSheets.Figure("合计", summary.visits()));
        modes.add(new LedgerSheets.Figure("服务老人数", summary.elders()));
        modes.add(new LedgerSheets.Figure("服务时长(分钟)", summary.minutes()));
        return List.of(XlsxExport.Sheet.of("探访台账", columns, rows), LedgerSheets.figures("汇总", modes));
    }

    private static Row row(java.sql.ResultSet r, Map<String, AreaDirectory.GridPlace> places)
            throws java.sql.SQLException {
        String mode = r.getString(9);
        String status = r.getString(20);
        return new Row(LedgerSql.uuid(r, 1), LedgerSql.uuid(r, 2), r.getString(3),
                Area.of(places, r.getString(4), r.getString(5), r.getString(6)), LedgerSql.date(r, 7),
                LedgerSql.instant(r, 8), mode, ContactMode.valueOf(mode).label, r.getString(10), r.getInt(11),
                services(r.getString(12)), r.getInt(13), r.getInt(14), r.getInt(15), r.getInt(16), r.getInt(17),
                r.getString(18), r.getString(19), status, LedgerLabels.visitStatus(status), r.getObject(21) != null,
                LedgerSql.uuid(r, 22));
    }

    /** "HOME_VISIT:1,HEALTH_CHECK:2" as "上门探访×1，健康监测×2". */
    private static String services(String items) {
        if (items == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String part : items.split(",")) {
            int colon = part.lastIndexOf(':');
            String code = part.substring(0, colon);
            String label;
            try {
                label = ServiceItem.valueOf(code).label;
            } catch (IllegalArgumentException e) {
                label = code;
            }
            out.append(out.isEmpty() ? "" : "，").append(label).append('×').append(part.substring(colon + 1));
        }
        return out.toString();
    }
}
