package org.warmnest.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;

class TenantAccessPolicyTest {

    final TenantAccessPolicy policy = new TenantAccessPolicy();

    static CurrentUser user(String tenant, String... roles) {
        return new CurrentUser("u", "u", Optional.ofNullable(tenant).map(TenantCode::of), Optional.empty(),
                Set.of(roles));
    }

    @ParameterizedTest(name = "a user of {0} acting on {1}: {2}")
    @CsvSource({
            "530402, 530402, true",
            "530402, 530423, false",
            "530402, 530400, false",
            "530400, 530400, true",
            "530400, 530402, true",
            "530400, 530427, true",
            "530400, 220102, false",
            "530400, 220100, false" })
    void scopeByHomeTenant(String home, String target, boolean allowed) {
        assertThat(policy.mayActOn(user(home, "bureau-admin"), TenantCode.of(target))).isEqualTo(allowed);
    }

    @Test
    void platformAdminsAndServicesActOnAnyTenant() {
        assertThat(policy.mayActOn(user(null, Roles.PLATFORM_ADMIN), TenantCode.of("220102"))).isTrue();
        assertThat(policy.mayActOn(user(null, Roles.SERVICE), TenantCode.of("220102"))).isTrue();
    }

    @Test
    void aUserWithoutTenantIsRefusedWithItsOwnCode() {
        assertThatThrownBy(() -> policy.authorize(user(null, "bureau-admin"), TenantCode.of("530402")))
                .isInstanceOf(ProblemException.class).extracting(e -> ((ProblemException) e).code())
                .isEqualTo("tenant-claim-missing");
        assertThatThrownBy(() -> policy.authorize(user("530402", "bureau-admin"), TenantCode.of("530423")))
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("tenant-out-of-scope");
    }
}
