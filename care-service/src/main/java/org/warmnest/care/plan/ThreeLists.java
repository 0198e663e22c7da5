package org.warmnest.care.plan;

import org.warmnest.care.elder.BirthDates;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.platform.security.CurrentUser;

import jakarta.persistence.EntityManager;

/**
 * The three lists per area (底数、需求、包保 三项清单): every active elder in the area (the base count), what they
 * need (categories, risk, ability, difficulties and hazards not closed), and who is paired with them — the
 * unpaired first, so that who is not covered shows at a glance. Contractor staff see their contractor's elders.
 */
@Service
class ThreeLists {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    record Row(UUID elderId, String name, int age, String streetCode, String communityCode, String gridCode,
            List<String> categories, String riskTier, Integer abilityLevel, int openDifficulties,
            String difficultyCategories, int openHazards, int planItems, int pairings, String pairedWith) {

        boolean covered() {
            return pairings > 0;
        }
    }

    record GridFigures(String gridCode, long elders, long paired, long withNeeds) {
    }

    record Summary(long elders, long paired, long unpaired, Double coverage, long withOpenDifficulties,
            List<GridFigures> byGrid) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final BirthDates births;

    ThreeLists(EntityManager em, Clock clock, BirthDates births) {
        this.births = births;
        this.em = em;
        this.clock = clock;
    }

    // needs and pairings aggregated once for the tenant and joined by hash, not looked up elder by elder
    private static final String FROM = """
             from elder e
             left join (select c.elder_id, count(*) filter (where c.kind = 'DIFFICULTY') d,
                   string_agg(distinct c.category, ',') filter (where c.kind = 'DIFFICULTY') dc,
                   count(*) filter (where c.kind = 'HAZARD') h
                 from concern c where c.status <> 'CLOSED' group by c.elder_id) n on n.elder_id = e.id
             left join (select p.elder_id, count(*) p, string_agg(v.name || '（' || p.level || '）', '、'
                   order by p.started_on, v.name) pw
                 from pairing p join volunteer v on v.id = p.volunteer_id
                 where p.ended_on is null group by p.elder_id) k on k.elder_id = e.id
             where e.status = 'ACTIVE'
               and (cast(:street as text) is null or e.street_code = :street)
               and (cast(:community as text) is null or e.community_code = :community)
               and (cast(:grid as text) is null or e.grid_code = :grid)
               and (cast(:contractor as text) is null or cast(e.contractor_id as text) = :contractor)
            """;

    private jakarta.persistence.Query query(String sql, String street, String community, String grid) {
        return em.createNativeQuery(sql).setParameter("street", blank(street))
                .setParameter("community", blank(community)).setParameter("grid", blank(grid))
                .setParameter("contractor", CurrentUser.get().contractorScope().map(UUID::toString).orElse(null));
    }

    @Transactional(readOnly = true)
    List<Row> rows(String street, String community, String grid, boolean unpairedOnly, int offset, int limit) {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query("select e.id, e.name, e.birth_date, e.street_code, e.community_code, e.grid_code,"
                + " e.categories, e.risk_tier, e.ability_level, coalesce(n.d, 0), n.dc, coalesce(n.h, 0),"
                + " coalesce(i.items, 0), coalesce(k.p, 0), k.pw, e.birth_date_cipher" + FROM.replace(" where e.status",
                        " left join (select elder_id, count(*) items from care_plan_item where active_from <= :today"
                                + " and (active_to is null or active_to >= :today) group by elder_id) i"
                                + " on i.elder_id = e.id where e.status")
                + (unpairedOnly ? " and coalesce(k.p, 0) = 0" : "")
                + " order by coalesce(k.p, 0) = 0 desc, e.street_code, e.community_code, e.grid_code, e.name, e.id"
                + " limit :limit offset :offset", street, community, grid).setParameter("today", today)
                .setParameter("limit", limit).setParameter("offset", offset).getResultList();
        List<Row> out = new ArrayList<>();
        for (Object[] r : rows) {
            LocalDate legacy = r[2] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[2];
            LocalDate born = births.of((UUID) r[0], (String) r[15], legacy);
            out.add(new Row((UUID) r[0], (String) r[1], Period.between(born, today).getYears(), (String) r[3],
                    (String) r[4], (String) r[5], categories(r[6]), (String) r[7],
                    r[8] == null ? null : ((Number) r[8]).intValue(), ((Number) r[9]).intValue(), (String) r[10],
                    ((Number) r[11]).intValue(), ((Number) r[12]).intValue(), ((Number) r[13]).intValue(),
                    (String) r[14]));
        }
        return out;
    }

    /** How many rows the list has: every active elder of the area, or the unpaired only. */
    @Transactional(readOnly = true)
    long count(String street, String community, String grid, boolean unpairedOnly) {
        return ((Number) query("select count(*) from elder e where e.status = 'ACTIVE'"
                + " and (cast(:street as text) is null or e.street_code = :street)"
                + " and (cast(:community as text) is null or e.community_code = :community)"
                + " and (cast(:grid as text) is null or e.grid_code = :grid)"
                + " and (cast(:contractor as text) is null or cast(e.contractor_id as text) = :contractor)"
                + (unpairedOnly ? " and not exists (select 1 from pairing p where p.elder_id = e.id"
                        + " and p.ended_on is null)" : ""), street, community, grid).getSingleResult()).longValue();
    }

    @Transactional(readOnly = true)
    Summary summary(String street, String community, String grid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query("select e.grid_code, count(*), count(*) filter (where coalesce(k.p, 0) > 0),"
                + " count(*) filter (where coalesce(n.d, 0) + coalesce(n.h, 0) > 0)" + FROM
                + " group by e.grid_code order by e.grid_code", street, community, grid).getResultList();
        List<GridFigures> grids = new ArrayList<>();
        long elders = 0;
        long paired = 0;
        long needs = 0;
        for (Object[] r : rows) {
            GridFigures g = new GridFigures((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue());
            grids.add(g);
            elders += g.elders();
            paired += g.paired();
            needs += g.withNeeds();
        }
        return new Summary(elders, paired, elders - paired, elders == 0 ? null
                : Math.round(paired * 10000.0 / elders) / 10000.0, needs, grids);
    }

    private static List<String> categories(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof String[] a) {
            return Arrays.asList(a);
        }
        try {
            return Arrays.asList((String[]) ((java.sql.Array) o).getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
