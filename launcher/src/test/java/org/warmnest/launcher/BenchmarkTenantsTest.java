package org.warmnest.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BenchmarkTenantsTest {

    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = { 1, 9, 10, 11, 100, 1000, 3000 })
    void nDistinctGbT2260ShapedCodesWithEveryCityBeforeItsDistricts(int n) {
        List<BenchmarkTenants.Tenant> tenants = BenchmarkTenants.of(n);

        assertThat(tenants).hasSize(n);
        Set<String> seen = new HashSet<>();
        for (BenchmarkTenants.Tenant t : tenants) {
            assertThat(t.code()).matches("^[0-9]{6}$");
            assertThat(BenchmarkTenants.PROVINCES).contains(t.code().substring(0, 2));
            assertThat(t.code().substring(2, 4)).isNotEqualTo("00");
            if (!t.isCity()) {
                assertThat(seen).as("city of " + t.code() + " comes first").contains(t.code().substring(0, 4) + "00");
            }
            assertThat(seen.add(t.code())).as("unique " + t.code()).isTrue();
        }
    }

    @Test
    void tenTenantsAreOneCityAndNineDistricts() {
        assertThat(BenchmarkTenants.of(10)).extracting(BenchmarkTenants.Tenant::code).containsExactly("110100",
                "110101", "110102", "110103", "110104", "110105", "110106", "110107", "110108", "110109");
    }

    @Test
    void refusesNothingToDo() {
        assertThatThrownBy(() -> BenchmarkTenants.of(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentileIsNearestRank() {
        List<Long> values = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(ProvisioningBenchmark.percentile(values, 50)).isEqualTo(5);
        assertThat(ProvisioningBenchmark.percentile(values, 95)).isEqualTo(10);
        assertThat(ProvisioningBenchmark.percentile(List.of(7L), 95)).isEqualTo(7);
    }
}
