package org.warmnest.tenant.identity;

import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.security.Roles;

/**
 * The authority an administrator acts with, lowest first: a contractor manager, a district's bureau, a city's bureau,
 * the platform. An account disabled by one authority is enabled again only by the same or a higher one.
 */
enum Authority {
    CONTRACTOR_MANAGER, DISTRICT_BUREAU, CITY_BUREAU, PLATFORM;

    /** The highest authority the caller holds; a caller with none of these administers no one. */
    static Authority of(CurrentUser caller) {
        if (caller.isPlatformAdmin()) {
            return PLATFORM;
        }
        if (caller.hasRole(Roles.BUREAU_ADMIN)) {
            return caller.tenant().map(home -> home.isCity() ? CITY_BUREAU : DISTRICT_BUREAU)
                    .orElse(DISTRICT_BUREAU);
        }
        return CONTRACTOR_MANAGER;
    }

    boolean atLeast(Authority other) {
        return compareTo(other) >= 0;
    }

    /** A stored name, or empty when unknown. */
    static java.util.Optional<Authority> parse(String value) {
        if (value == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(valueOf(value));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
