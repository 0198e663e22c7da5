package org.warmnest.care.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.warmnest.platform.tenancy.TenantCode;

class EvidenceKeysTest {

    static final UUID ID = UUID.fromString("0b9e3f52-4c55-4f0e-9d3e-5a3d1f6b7c01");

    @Test
    void aKeyIsTheTenantsFolderTheMonthAndTheId() {
        assertThat(EvidenceKeys.newKey(TenantCode.of("530402"), LocalDate.of(2026, 11, 30), ID, "jpg"))
                .isEqualTo("t_530402/2026/11/0b9e3f52-4c55-4f0e-9d3e-5a3d1f6b7c01.jpg");
        assertThat(EvidenceKeys.newKey(TenantCode.of("530400"), LocalDate.of(2027, 3, 1), ID, "heic"))
                .isEqualTo("t_530400/2027/03/0b9e3f52-4c55-4f0e-9d3e-5a3d1f6b7c01.heic");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "JPG", "j/pg", "../jpg", "jpg.html", "toolong" })
    void refusesAnExtensionThatIsNotOne(String extension) {
        assertThatThrownBy(() -> EvidenceKeys.newKey(TenantCode.of("530402"), LocalDate.of(2026, 11, 30), ID,
                extension)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyBelongsToItsOwnTenantOnly() {
        String key = EvidenceKeys.newKey(TenantCode.of("530402"), LocalDate.of(2026, 11, 30), ID, "jpg");
        assertThat(EvidenceKeys.belongsTo(key, TenantCode.of("530402"))).isTrue();
        assertThat(EvidenceKeys.belongsTo(key, TenantCode.of("530403"))).isFalse();
        assertThat(EvidenceKeys.belongsTo(key, TenantCode.of("530400"))).isFalse();
        assertThat(EvidenceKeys.belongsTo("t_530402/../t_530403/x.jpg", TenantCode.of("530402"))).isFalse();
    }
}
