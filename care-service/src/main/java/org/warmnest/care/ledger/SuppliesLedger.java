package org.warmnest.care.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.sheet.XlsxExport.Column;

/**
 * 物资发放台账: each item handed over on a visit of the period that stands (as in the visits ledger), with who
 * signed for it and when; and the totals per item.
 */
@Service
class SuppliesLedger {

    record Row(UUID visitId, UUID elderId, String elderName, Area area, LocalDate performedOn, String performerName,
            String item, int quantity, String note, String signedBy, Instant signedAt) {
    }

    record Total(String item, long quantity, long visits, long elders) {
    }

    record Summary(List<Total> items, long visits, long elders) {
    }

    private static final String FROM = " from visit v join elder e on e.id = v.elder_id"
            + " left join visit o on o.id = v.amends_id"
            + " cross join lateral jsonb_array_elements(v.supplies) with ordinality as s(x, n)";

    private final LedgerSql sql;

    SuppliesLedger(LedgerSql sql) {
        this.sql = sql;
    }

    private static Where where(LedgerScope scope) {
        return VisitsLedger.where(scope, null).and("jsonb_array_length(v.supplies) > 0");
    }

    @Transactional(readOnly = true)
    Page<Row> page(LedgerScope scope, int offset, int limit) {
        Where w = where(scope);
        Map<String, AreaDirectory.GridPlace> places = sql.places();
        return new Page<>(sql.page("select v.id, v.elder_id, e.name, e.street_code, e.community_code, e.grid_code,"
                + " v.performed_on, v.performer_name, s.x->>'item', (s.x->>'quantity')::int, s.x->>'note',"
                + " v.supplies_signed_by, v.supplies_signed_at" + FROM + w.sql()
                + " order by v.performed_on, v.started_at, v.id, s.n", w, offset, limit,
                r -> new Row(LedgerSql.uuid(r, 1), LedgerSql.uuid(r, 2), r.getString(3),
                        Area.of(places, r.getString(4), r.getString(5), r.getString(6)), LedgerSql.date(r, 7),
                        r.getString(8), r.getString(9), r.getInt(10), r.getString(11), r.getString(12),
                        LedgerSql.instant(r, 13))),
                sql.count("select count(*)" + FROM + w.sql(), w));
    }

    @Transactional(readOnly = true)
    Summary summary(LedgerScope scope) {
        Where w = where(scope);
        List<Total> items = sql.list("select s.x->>'item', sum((s.x->>'quantity')::int), count(distinct v.id),"
                + " count(distinct v.elder_id)" + FROM + w.sql() + " group by 1 order by 1", w.values(),
                r -> new Total(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4)));
        long[] totals = sql.list("select count(distinct v.id), count(distinct v.elder_id)" + FROM + w.sql(),
                w.values(), r -> new long[] { r.getLong(1), r.getLong(2) }).get(0);
        return new Summary(items, totals[0], totals[1]);
    }

    static List<XlsxExport.Sheet<?>> sheets(List<Row> rows, Summary summary) {
        List<Column<Row>> columns = List.of(
                LedgerSheets.<Row>serial(),
                Column.<Row>of("老人姓名", Row::elderName),
                Column.<Row>of("街道", r -> r.area().streetName()),
                Column.<Row>of("社区", r -> r.area().communityName()),
                Column.<Row>of("网格", r -> r.area().gridName()),
                Column.<Row>of("发放日期", Row::performedOn),
                Column.<Row>of("发放人", Row::performerName),
                Column.<Row>of("物资名称", Row::item),
                Column.<Row>of("数量", Row::quantity),
                Column.<Row>of("备注", Row::note),
                Column.<Row>of("签收人", Row::signedBy),
                Column.<Row>of("签收时间", Row::signedAt));
        List<Total> totals = new ArrayList<>(summary.items());
        totals.add(new Total("合计", summary.items().stream().mapToLong(Total::quantity).sum(), summary.visits(),
                summary.elders()));
        return List.of(XlsxExport.Sheet.of("物资发放台账", columns, rows),
                XlsxExport.Sheet.of("物资合计", List.of(
                        Column.<Total>of("物资名称", Total::item),
                        Column.<Total>of("发放数量", Total::quantity),
                        Column.<Total>of("发放次数", Total::visits),
                        Column.<Total>of("受益老人数", Total::elders)), totals));
    }
}
