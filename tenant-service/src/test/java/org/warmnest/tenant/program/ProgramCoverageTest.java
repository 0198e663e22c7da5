package org.warmnest.tenant.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.warmnest.platform.problem.ProblemException.FieldProblem;
import org.warmnest.platform.tenancy.TenantCode;

class ProgramCoverageTest {

    @ParameterizedTest(name = "{0} covering {1}: {2}")
    @MethodSource("cases")
    void coverage(String owner, String district, String expectedCode) {
        List<FieldProblem> problems = ProgramCoverage.problems(TenantCode.of(owner), List.of(district));
        if (expectedCode == null) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("districtCodes[0]");
                assertThat(p.code()).isEqualTo(expectedCode);
            });
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("530400", "530402", null), // 玉溪市 → 红塔区
                Arguments.of("530400", "530427", null), // 玉溪市 → 峨山县
                Arguments.of("530400", "530400", "district-outside-city"), // the city itself is no district
                Arguments.of("530400", "220102", "district-outside-city"), // a district of 长春市
                Arguments.of("530400", "530100", "district-outside-city"), // another city of the province
                Arguments.of("530402", "530402", null), // a district covers itself
                Arguments.of("530402", "530423", "district-not-owner"), // not its neighbour
                Arguments.of("530402", "530400", "district-not-owner"), // nor its city
                Arguments.of("530400", "53040", "tenant-code-invalid"),
                Arguments.of("530400", "530000", "tenant-code-invalid"), // a province
                Arguments.of("530400", "abcdef", "tenant-code-invalid"));
    }

    @ParameterizedTest
    @MethodSource("normalisation")
    void storedSortedWithoutRepeats(List<String> given, List<String> stored) {
        assertThat(ProgramCoverage.normalised(given)).isEqualTo(stored);
    }

    static Stream<Arguments> normalisation() {
        return Stream.of(Arguments.of(List.of("530427", "530402", "530427"), List.of("530402", "530427")),
                Arguments.of(List.of("530402"), List.of("530402")));
    }
}
