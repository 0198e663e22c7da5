package org.warmnest.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.warmnest.gateway.identity.IdentityState.Reading;
import org.warmnest.gateway.identity.IdentityState.TenantStatus;

class IdentityStateTest {

    @Test
    void keyNamesFollowTheContract() {
        assertThat(IdentityState.TENANT_STATUS).isEqualTo("warmnest:tenant-status");
        assertThat(IdentityState.TENANT_STATUS_SYNCED).isEqualTo("warmnest:tenant-status:synced");
        assertThat(IdentityState.REVOKED_USER_PREFIX).isEqualTo("warmnest:revoked-user:");
        assertThat(IdentityState.rename(IdentityState.TENANT_STATUS, "test-1:")).isEqualTo("test-1:tenant-status");
    }

    @Test
    void readsTheScriptsReply() {
        assertThat(IdentityState.reading(List.of("unsynced")))
                .isEqualTo(new Reading(false, OptionalLong.empty(), null, null));
        assertThat(IdentityState.reading(List.of("synced", "", "ACTIVE", "")))
                .isEqualTo(new Reading(true, OptionalLong.empty(), TenantStatus.ACTIVE, null));
        assertThat(IdentityState.reading(List.of("synced", "1800000000", "SUSPENDED", "ARCHIVED")))
                .isEqualTo(new Reading(true, OptionalLong.of(1_800_000_000L), TenantStatus.SUSPENDED,
                        TenantStatus.ARCHIVED));
        // A status this gateway does not know is no status: the tenant counts as unknown.
        assertThat(IdentityState.reading(List.of("synced", "", "FROZEN", "")).tokenTenant()).isNull();
        // A revocation marker that is not a number still revokes.
        assertThat(IdentityState.reading(List.of("synced", "yes", "", "")).revokedAt())
                .hasValue(Long.MAX_VALUE);
        assertThat(IdentityState.flatten(List.of(List.of("unsynced")))).isEqualTo(List.of("unsynced"));
    }
}
