package org.warmnest.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * N tenants shaped like GB/T 2260 codes for the benchmark: cities {@code PPCC00} over real province prefixes,
 * each followed by up to nine districts {@code PPCCDD}; all cities come first, as a district needs its city.
 */
final class BenchmarkTenants {

    record Tenant(String code, String name) {

        boolean isCity() {
            return code.endsWith("00");
        }
    }

    static final List<String> PROVINCES = List.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
            "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63",
            "64", "65");
    static final int DISTRICTS_PER_CITY = 9;

    private BenchmarkTenants() {
    }

    static List<Tenant> of(int n) {
        if (n < 1 || n > PROVINCES.size() * 99 * (DISTRICTS_PER_CITY + 1)) {
            throw new IllegalArgumentException("between 1 and " + PROVINCES.size() * 99 * (DISTRICTS_PER_CITY + 1)
                    + " tenants: " + n);
        }
        int cities = (n + DISTRICTS_PER_CITY) / (DISTRICTS_PER_CITY + 1);
        List<Tenant> tenants = new ArrayList<>(n);
        List<String> cityPrefixes = new ArrayList<>(cities);
        for (int k = 0; k < cities; k++) {
            String prefix = PROVINCES.get(k % PROVINCES.size()) + String.format("%02d", k / PROVINCES.size() + 1);
            cityPrefixes.add(prefix);
            tenants.add(new Tenant(prefix + "00", "基准市" + prefix));
        }
        for (int d = 1; d <= DISTRICTS_PER_CITY && tenants.size() < n; d++) {
            for (int k = 0; k < cities && tenants.size() < n; k++) {
                String code = cityPrefixes.get(k) + String.format("%02d", d);
                tenants.add(new Tenant(code, "基准区" + code));
            }
        }
        return tenants;
    }
}
