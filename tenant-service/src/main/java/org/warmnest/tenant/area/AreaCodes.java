package org.warmnest.tenant.area;

import java.util.regex.Pattern;

import org.warmnest.platform.tenancy.TenantCode;

/**
 * The coding rules of areas. Streets and towns carry the 9-digit and communities the 12-digit statistical
 * division code (统计用区划代码), whose first 6 digits are the county's; grids are numbered by the district.
 * Only the prefix ties a street to the tenant, so a city without districts (e.g. 东莞市) can keep its towns too.
 */
final class AreaCodes {

    static final String MOBILE = "^1[3-9][0-9]{9}$";
    static final String GRID_CODE = "^[0-9A-Za-z_-]{1,32}$";

    private static final Pattern STREET = Pattern.compile("^[0-9]{9}$");
    private static final Pattern COMMUNITY = Pattern.compile("^[0-9]{12}$");
    private static final Pattern GRID = Pattern.compile(GRID_CODE);
    private static final Pattern PHONE = Pattern.compile(MOBILE);

    private AreaCodes() {
    }

    static boolean isStreetCode(String code) {
        return code != null && STREET.matcher(code).matches();
    }

    static boolean isCommunityCode(String code) {
        return code != null && COMMUNITY.matcher(code).matches();
    }

    static boolean isGridCode(String code) {
        return code != null && GRID.matcher(code).matches();
    }

    static boolean isMobile(String phone) {
        return phone != null && PHONE.matcher(phone).matches();
    }

    static boolean streetBelongsTo(String streetCode, TenantCode tenant) {
        return isStreetCode(streetCode) && streetCode.startsWith(tenant.value());
    }

    static boolean communityBelongsTo(String communityCode, String streetCode) {
        return isCommunityCode(communityCode) && isStreetCode(streetCode) && communityCode.startsWith(streetCode);
    }
}
