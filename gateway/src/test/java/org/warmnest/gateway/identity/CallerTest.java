package org.warmnest.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void findsTheTenantInThePath() {
        assertThat(Caller.pathTenant("/api/care/v1/tenants/530402/volunteers")).isEqualTo("530402");
        assertThat(Caller.pathTenant("/api/tenants/v1/tenants")).isNull();
        assertThat(Caller.pathTenant("/api/care/v1/tenants/5304/volunteers")).isNull();
        // percent-encoded digits name the same tenant, as the services decode them
        assertThat(Caller.pathTenant("/api/care/v1/tenants/%3530402/volunteers")).isEqualTo("530402");
    }

    /** A suspended tenant can still be read and re-activated by those who manage it; nothing else of it. */
    @Test
    void theTenantsOwnLifecyclePathsAreExemptFromThePathTenantCheck() {
        assertThat(Caller.isTenantLifecyclePath("/api/tenants/v1/tenants/530423")).isTrue();
        assertThat(Caller.isTenantLifecyclePath("/api/tenants/v1/tenants/530423/activate")).isTrue();
        assertThat(Caller.isTenantLifecyclePath("/api/tenants/v1/tenants/530423/suspend")).isTrue();
        assertThat(Caller.isTenantLifecyclePath("/api/tenants/v1/tenants/530423/streets")).isFalse();
        assertThat(Caller.isTenantLifecyclePath("/api/care/v1/tenants/530423")).isFalse();
        assertThat(Caller.isTenantLifecyclePath("/api/tenants/v1/tenants/530423/activate/../streets")).isFalse();
    }
}
