package org.warmnest.platform.security;

import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;

/**
 * Whether a caller may act on a tenant: a district user on its district only, a city user on the city
 * and its districts, a platform admin (and a service account) on any. Everything else is refused.
 */
public class TenantAccessPolicy {

    public boolean mayActOn(CurrentUser user, TenantCode target) {
        if (user.isPlatformAdmin() || user.isService()) {
            return true;
        }
        return user.tenant().map(home -> target.isWithin(home)).orElse(false);
    }

    public void authorize(CurrentUser user, TenantCode target) {
        if (user.isPlatformAdmin() || user.isService()) {
            return;
        }
        if (user.tenant().isEmpty()) {
            throw ProblemException.forbidden("tenant-claim-missing");
        }
        if (!mayActOn(user, target)) {
            throw ProblemException.forbidden("tenant-out-of-scope", target.value());
        }
    }
}
