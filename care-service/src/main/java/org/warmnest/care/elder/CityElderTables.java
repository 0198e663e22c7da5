package org.warmnest.care.elder;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantRegistry;

import jakarta.persistence.EntityManager;

/**
 * The elder tables of a city's districts, for the reads that span them (the duplicate report, an import's notice
 * of people registered elsewhere): found with one catalogue query, read with one statement, however many
 * districts the city has. The keyed hash of an ID number is the same in every district.
 */
@Component
class CityElderTables {

    private final TenantRegistry registry;
    private final EntityManager em;

    CityElderTables(TenantRegistry registry, EntityManager em) {
        this.registry = registry;
        this.em = em;
    }

    /** The city's districts, but {@code except}, whose elder table exists (a district still provisioning has none). */
    List<TenantCode> districts(TenantCode city, TenantCode except) {
        List<TenantCode> districts = registry.districtsOf(city).stream().filter(d -> !d.equals(except)).toList();
        if (districts.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        Set<String> withTable = ((List<String>) em.createNativeQuery("select n.nspname from pg_class c join "
                + "pg_namespace n on n.oid = c.relnamespace where c.relname = 'elder' and c.relkind = 'r' "
                + "and n.nspname = any(cast(:schemas as text[]))")
                .setParameter("schemas", districts.stream().map(TenantCode::schema)
                        .collect(Collectors.joining(",", "{", "}")))
                .getResultList()).stream().collect(Collectors.toSet());
        return districts.stream().filter(d -> withTable.contains(d.schema())).toList();
    }

    /**
     * One relation over the districts' elder tables: {@code district} (the code) and the given columns. Schema
     * names come from validated tenant codes only.
     */
    static String unionOf(List<TenantCode> districts, String columns) {
        return districts.stream().map(d -> "select '" + d.value() + "' as district, " + columns + " from "
                + d.schema() + ".elder").collect(Collectors.joining(" union all "));
    }
}
