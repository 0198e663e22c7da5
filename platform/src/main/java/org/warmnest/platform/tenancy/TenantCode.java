package org.warmnest.platform.tenancy;

import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;

/**
 * A tenant is a city or a district, named by its GB/T 2260 administrative division code: province (2) +
 * city (2) + county (2) digits. A city's code ends in {@code 00} (and is not a province's); a district's
 * first four digits are its city's. The code is the only input to the tenant's schema name.
 */
public record TenantCode(String value) {

    private static final Pattern SIX_DIGITS = Pattern.compile("^[0-9]{6}$");

    /** GB/T 2260 province-level codes (including Taiwan, Hong Kong and Macao). */
    private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
            "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61",
            "62", "63", "64", "65", "71", "81", "82");

    public TenantCode {
        if (!isValid(value)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "tenant-code-invalid", String.valueOf(value));
        }
    }

    public static TenantCode of(String value) {
        return new TenantCode(value);
    }

    /** A city (地级市) or district/county (区/县) code; province codes and malformed input are not tenants. */
    public static boolean isValid(String value) {
        if (value == null || !SIX_DIGITS.matcher(value).matches()) {
            return false;
        }
        if (!PROVINCES.contains(value.substring(0, 2))) {
            return false;
        }
        return !value.substring(2, 4).equals("00");
    }

    public boolean isCity() {
        return value.endsWith("00");
    }

    public boolean isDistrict() {
        return !isCity();
    }

    /** The city this district belongs to; a city is its own city. */
    public TenantCode city() {
        return isCity() ? this : new TenantCode(value.substring(0, 4) + "00");
    }

    /** True when this tenant is {@code other} or one of its districts (only a city has districts). */
    public boolean isWithin(TenantCode other) {
        return equals(other) || (other.isCity() && isDistrict() && city().equals(other));
    }

    /** The schema holding this tenant's data in every service: a fixed prefix and the validated code. */
    public String schema() {
        return "t_" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
