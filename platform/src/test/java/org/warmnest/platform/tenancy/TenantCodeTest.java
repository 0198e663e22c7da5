package org.warmnest.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.warmnest.platform.problem.ProblemException;

class TenantCodeTest {

    @ParameterizedTest(name = "{0} is a {1} of city {2}")
    @CsvSource({
            "530400, CITY, 530400",      // 玉溪市
            "530402, DISTRICT, 530400",  // 红塔区
            "530427, DISTRICT, 530400",  // 峨山县
            "220100, CITY, 220100",      // 长春市
            "310112, DISTRICT, 310100",  // 上海市闵行区
            "140824, DISTRICT, 140800",  // 稷山县
            "211102, DISTRICT, 211100",  // 双台子区
            "820100, CITY, 820100",      // highest province prefix
            "110101, DISTRICT, 110100" })
    void validCodes(String code, String level, String city) {
        TenantCode tenant = TenantCode.of(code);
        assertThat(tenant.isCity()).isEqualTo(level.equals("CITY"));
        assertThat(tenant.city().value()).isEqualTo(city);
        assertThat(tenant.schema()).isEqualTo("t_" + code);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @NullAndEmptySource
    @ValueSource(strings = {
            "53040",        // five digits
            "5304000",      // seven digits
            "530000",       // a province is not a tenant
            "990100",       // no such province
            "100100",       // no such province
            "53a400",       // not digits
            "５３０４００",   // full-width digits
            " 530400",      // padding
            "530400\n",     // trailing newline
            "530400; drop schema t_530402 cascade",
            "t_530400",
            "../530400" })
    void invalidCodes(String code) {
        assertThat(TenantCode.isValid(code)).isFalse();
        assertThatThrownBy(() -> TenantCode.of(code)).isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("tenant-code-invalid");
    }

    @ParameterizedTest(name = "{0} within {1}: {2}")
    @CsvSource({
            "530402, 530400, true",   // a district within its city
            "530400, 530400, true",   // a tenant within itself
            "530402, 530402, true",
            "530423, 530402, false",  // a sibling district
            "530400, 530402, false",  // a city is not within its district
            "220102, 530400, false",  // another city's district
            "530102, 530400, false" }) // same province, other city
    void scope(String code, String scope, boolean within) {
        assertThat(TenantCode.of(code).isWithin(TenantCode.of(scope))).isEqualTo(within);
    }
}
