package org.warmnest.care.elder;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.web.PageView;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Finding elders in the current tenant by what a care worker or a bureau asks: name, category, area, risk,
 * responsible person, overdue work, an ID number (by its keyed hash, never in clear). Paged and sorted, every
 * order ending in the id so that pages never overlap.
 */
@Component
class ElderSearch {

    /** The filters; every one optional. {@code status} absent means active elders only. */
    record Filter(String name, Category category, String gridCode, String communityCode, String streetCode,
            RiskTier riskTier, String responsible, Elder.Status status, boolean anyStatus, boolean overdue,
            byte[] idNumberHash) {
    }

    enum Sort {
        // by birth year: the exact date is kept only encrypted (ages within one year are ordered by the id)
        NAME("e.name"), AGE("e.birth_year"), RISK("case e.risk_tier when 'HIGH' then 0 when 'PRIORITY' then 1 else 2 end"),
        REGISTERED("e.created_at"), UPDATED("e.updated_at"), ASSESSMENT_DUE("e.next_assessment_due");

        final String expression;

        Sort(String expression) {
            this.expression = expression;
        }
    }

    private final EntityManager em;
    private final BirthDates births;

    ElderSearch(EntityManager em, BirthDates births) {
        this.em = em;
        this.births = births;
    }

    PageView<Elder> search(Filter f, Optional<UUID> contractor, LocalDate today, Sort sort, boolean descending,
            int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new LinkedHashMap<>();
        contractor.ifPresent(c -> {
            where.append(" and e.contractor_id = :contractor");
            params.put("contractor", c);
        });
        if (f.name() != null && !f.name().isBlank()) {
            where.append(" and e.name like :name escape '\\'");
            params.put("name", "%" + f.name().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    + "%");
        }
        if (f.category() == Category.HIGH_AGE) {
            // earlier years are 80 or older; of the boundary year, those whose (sealed) birthday has come
            LocalDate bornBy = today.minusYears(ElderRules.HIGH_AGE);
            where.append(" and (e.birth_year < :highAgeYear or (e.birth_year = :highAgeYear"
                    + " and e.id = any(cast(cast(:highAgeBoundary as text) as uuid[]))))");
            params.put("highAgeYear", bornBy.getYear());
            params.put("highAgeBoundary", "{" + String.join(",", boundary(bornBy, contractor).stream()
                    .map(UUID::toString).toList()) + "}");
        } else if (f.category() != null) {
            where.append(" and e.categories @> array[cast(:category as text)]");
            params.put("category", f.category().name());
        }
        equal(where, params, "e.grid_code", "grid", f.gridCode());
        equal(where, params, "e.community_code", "community", f.communityCode());
        equal(where, params, "e.street_code", "street", f.streetCode());
        equal(where, params, "e.risk_tier", "risk", f.riskTier() == null ? null : f.riskTier().name());
        if (f.responsible() != null && !f.responsible().isBlank()) {
            String r = f.responsible().strip();
            UUID volunteer = asUuid(r);
            if (volunteer != null) {
                where.append(" and e.responsible_volunteer_id = :volunteer");
                params.put("volunteer", volunteer);
            } else { // a name or a user's id: each has its index
                where.append(" and (e.responsible_name = :responsible or e.responsible_user_id = :responsible)");
                params.put("responsible", r);
            }
        }
        if (!f.anyStatus()) {
            equal(where, params, "e.status", "status", (f.status() == null ? Elder.Status.ACTIVE : f.status()).name());
        }
        if (f.overdue()) {
            // the work this feature knows of: a reassessment past due, or none ever made
            where.append(" and e.status = 'ACTIVE' and (e.next_assessment_due is null or e.next_assessment_due < :today)");
            params.put("today", today);
        }
        if (f.idNumberHash() != null) {
            where.append(" and e.id_number_hash = :hash");
            params.put("hash", f.idNumberHash());
        }
        if ((long) page * size > 1_000_000) {
            throw ProblemException.invalid("page", "page-too-deep");
        }
        Query count = em.createNativeQuery("select count(*) from elder e" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        String direction = descending ? " desc" : " asc";
        String nulls = descending ? " nulls last" : " nulls first";
        Query select = em.createNativeQuery("select e.* from elder e" + where + " order by " + sort.expression
                + direction + (sort == Sort.ASSESSMENT_DUE ? nulls : "") + ", e.id" + direction, Elder.class);
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Elder> items = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new PageView<>(items, page, size, total);
    }

    /** The elders born in the year that turns 80 this year who have turned 80 by today. */
    private List<UUID> boundary(LocalDate bornBy, Optional<UUID> contractor) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, birth_date_cipher, birth_date from elder"
                + " where birth_year = :year and (cast(:contractor as uuid) is null or contractor_id = :contractor)")
                .setParameter("year", bornBy.getYear()).setParameter("contractor", contractor.orElse(null))
                .getResultList();
        List<UUID> reached = new java.util.ArrayList<>();
        for (Object[] r : rows) {
            LocalDate legacy = r[2] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[2];
            if (!births.of((UUID) r[0], (String) r[1], legacy).isAfter(bornBy)) {
                reached.add((UUID) r[0]);
            }
        }
        return reached;
    }

    private static UUID asUuid(String s) {
        try {
            return s.length() == 36 ? UUID.fromString(s) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void equal(StringBuilder where, Map<String, Object> params, String column, String name,
            String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(column).append(" = :").append(name);
            params.put(name, value.strip());
        }
    }
}
