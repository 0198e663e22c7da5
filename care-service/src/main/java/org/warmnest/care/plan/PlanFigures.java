package org.warmnest.care.plan;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.platform.security.CurrentUser;

/**
 * The care loop's figures a KPI report takes, for the request's tenant, a period and optionally an area: how many
 * elders the three lists count and how many are paired, and the cadence compliance (contacts done ÷ due).
 */
@Component
public class PlanFigures {

    public record Figures(long elders, long paired, Double coverage, long due, long done, Double compliance) {
    }

    private final ThreeLists lists;
    private final Compliance compliance;

    PlanFigures(ThreeLists lists, Compliance compliance) {
        this.lists = lists;
        this.compliance = compliance;
    }

    @Transactional(readOnly = true)
    public Figures figures(LocalDate from, LocalDate to, String streetCode, String communityCode, String gridCode) {
        ThreeLists.Summary s = lists.summary(streetCode, communityCode, gridCode);
        Compliance.By by = blank(gridCode) != null ? Compliance.By.GRID : blank(communityCode) != null
                ? Compliance.By.COMMUNITY : blank(streetCode) != null ? Compliance.By.STREET : Compliance.By.DISTRICT;
        String key = by == Compliance.By.GRID ? gridCode : by == Compliance.By.COMMUNITY ? communityCode
                : by == Compliance.By.STREET ? streetCode : null;
        List<Compliance.Row> rows = compliance.compliance(from, to, by, CurrentUser.get().contractorScope());
        long due = 0;
        long done = 0;
        for (Compliance.Row r : rows) {
            if (key == null || key.strip().equals(r.key())) {
                due += r.due();
                done += r.done();
            }
        }
        return new Figures(s.elders(), s.paired(), s.coverage(), due, done,
                due == 0 ? null : Math.round(done * 10000.0 / due) / 10000.0);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
