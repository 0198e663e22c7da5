package org.warmnest.care.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.care.elder.Category;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.sheet.XlsxExport.Column;

/**
 * 跟踪回访名单: the active elders in scope, category by category (an elder in several categories is on each
 * list), with their last visit on or before the period's end, the days since, whether they were visited in the
 * period, and what is still open about them now (concerns not closed, alerts not yet resolved). The elders longest
 * without a visit come first in each category.
 */
@Service
class FollowUpLedger {

    record Row(String category, String categoryLabel, UUID elderId, String elderName, Area area, String riskTier,
            String responsibleName, LocalDate lastVisitOn, Integer daysSinceLastVisit, boolean visitedInPeriod,
            long openConcerns, long openAlerts) {
    }

    record CategoryFigures(String category, String categoryLabel, long elders, long visited, long notVisited) {
    }

    private static final String CATEGORIES = Arrays.stream(Category.values()).map(c -> "'" + c.name() + "'")
            .collect(Collectors.joining(",", "array[", "]::text[]"));
    private static final String FROM = " from elder e cross join lateral unnest(e.categories) as c(cat)"
            + " left join lateral (select max(v.performed_on) as last from visit v where v.elder_id = e.id"
            + "   and v.performed_on <= ? and v.status in ('RECORDED','VERIFIED')) lv on true";

    private final LedgerSql sql;

    FollowUpLedger(LedgerSql sql) {
        this.sql = sql;
    }

    private static Where where(LedgerScope scope, Category category) {
        Where w = new Where().and("e.status = 'ACTIVE'");
        if (category != null) {
            w.and("e.categories @> array[?]::text[]", category.name()).and("c.cat = ?", category.name());
        }
        return scope.area(w, "e", "e");
    }

    /** The period's end for the last-visit join, then the conditions. */
    private static List<Object> values(LedgerScope scope, Where w) {
        List<Object> values = new ArrayList<>();
        values.add(scope.to());
        values.addAll(w.values());
        return values;
    }

    @Transactional(readOnly = true)
    Page<Row> page(LedgerScope scope, Category category, int offset, int limit) {
        Where w = where(scope, category);
        Map<String, AreaDirectory.GridPlace> places = sql.places();
        List<Object> values = values(scope, w);
        long total = sql.list("select count(*)" + FROM + w.sql(), values, r -> r.getLong(1)).get(0);
        values.add(limit);
        values.add(offset);
        List<Row> rows = sql.list("select c.cat, e.id, e.name, e.street_code, e.community_code, e.grid_code,"
                + " e.risk_tier, e.responsible_name, lv.last,"
                + " (select count(*) from concern k where k.elder_id = e.id and k.status <> 'CLOSED'),"
                + " (select count(*) from alert a where a.elder_id = e.id"
                + "   and a.status in ('OPEN','ACKNOWLEDGED','ACTING'))" + FROM + w.sql()
                + " order by array_position(" + CATEGORIES + ", c.cat), lv.last nulls first, e.name, e.id"
                + " limit ? offset ?", values, r -> {
                    String cat = r.getString(1);
                    LocalDate last = LedgerSql.date(r, 9);
                    return new Row(cat, label(cat), LedgerSql.uuid(r, 2), r.getString(3),
                            Area.of(places, r.getString(4), r.getString(5), r.getString(6)), r.getString(7),
                            r.getString(8), last,
                            last == null ? null : (int) (scope.to().toEpochDay() - last.toEpochDay()),
                            last != null && !last.isBefore(scope.from()), r.getLong(10), r.getLong(11));
                });
        return new Page<>(rows, total);
    }

    @Transactional(readOnly = true)
    List<CategoryFigures> summary(LedgerScope scope, Category category) {
        Where w = where(scope, category);
        List<Object> values = new ArrayList<>();
        values.add(scope.from());
        values.add(scope.from());
        values.addAll(values(scope, w));
        return sql.list("select c.cat, count(*), count(*) filter (where lv.last >= ?),"
                + " count(*) filter (where lv.last is null or lv.last < ?)" + FROM + w.sql()
                + " group by c.cat order by array_position(" + CATEGORIES + ", c.cat)", values,
                r -> new CategoryFigures(r.getString(1), label(r.getString(1)), r.getLong(2), r.getLong(3),
                        r.getLong(4)));
    }

    static List<XlsxExport.Sheet<?>> sheets(List<Row> rows, List<CategoryFigures> summary) {
        List<Column<Row>> columns = List.of(
                LedgerSheets.<Row>serial(),
                Column.<Row>of("老人类别", Row::categoryLabel),
                Column.<Row>of("老人姓名", Row::elderName),
                Column.<Row>of("街道", r -> r.area().streetName()),
                Column.<Row>of("社区", r -> r.area().communityName()),
                Column.<Row>of("网格", r -> r.area().gridName()),
                Column.<Row>of("责任人", Row::responsibleName),
                Column.<Row>of("最近探访日期", Row::lastVisitOn),
                Column.<Row>of("距期末天数", Row::daysSinceLastVisit),
                Column.<Row>of("本期已探访", Row::visitedInPeriod),
                Column.<Row>of("未结诉求隐患数", Row::openConcerns),
                Column.<Row>of("未处置紧急情况数", Row::openAlerts));
        return List.of(XlsxExport.Sheet.of("跟踪回访名单", columns, rows),
                XlsxExport.Sheet.of("分类汇总", List.of(
                        Column.<CategoryFigures>of("老人类别", CategoryFigures::categoryLabel),
                        Column.<CategoryFigures>of("老人数", CategoryFigures::elders),
                        Column.<CategoryFigures>of("本期已探访", CategoryFigures::visited),
                        Column.<CategoryFigures>of("本期未探访", CategoryFigures::notVisited)), summary));
    }

    private static String label(String category) {
        try {
            return Category.valueOf(category).label();
        } catch (IllegalArgumentException e) {
            return category;
        }
    }
}
