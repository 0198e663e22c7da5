package org.warmnest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnroutablePathsTest {

    @ParameterizedTest(name = "{0} -> refused: {1}")
    @CsvSource({
            "/internal/v1/provisioning/tenants/530402, true",
            "/internal, true",
            "/INTERNAL/v1/x, true",
            "/api/care/../../internal/v1/x, true",
            "/api/care/./v1/x, true",
            "/api/care/%2e%2e/internal, true",
            "/api/care/%2E%2E/internal, true",
            "/api/care/..%2finternal, true",
            "/api/care/..%5cinternal, true",
            "/api/care/..;/internal, true",
            "/api/care/v1/tenants/530402/volunteers, false",
            "/api/billing/v1/tenants/530400/allocations/1.2, false",
            "/api/tenants/v1/tenants/530402/areas..x, false",
            "/internalise, false",
            "/docs/care/v3/api-docs, false" })
    void refusesInternalPathsAndEveryWayOfSpellingThem(String path, boolean refused) {
        assertThat(UnroutablePaths.isUnroutable(path)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/care/v1/tenants/530402/volunteers, CANONICAL",
            "/api/care/v1/tenants/530402/volunteers/%E5%BC%A0, CANONICAL",
            "/api/care/v1/x%20y, CANONICAL",
            "/api/care/v1/x%25, CANONICAL",
            "/%61pi/care/v1/x, ENCODED_UNRESERVED",
            "/%41PI/care/v1/x, ENCODED_UNRESERVED",
            "/api/care/v1/tenants/%3530402/x, ENCODED_UNRESERVED",
            "/api/care/v1/%2D, ENCODED_UNRESERVED",
            "/api/care/v1/%5f, ENCODED_UNRESERVED",
            "/api/care/v1/%7e, ENCODED_UNRESERVED",
            "/api/care/v1/%00, MALFORMED",
            "/api/care/v1/%0A, MALFORMED",
            "/api/care/v1/%7F, MALFORMED",
            "/api/care/v1/%zz, MALFORMED",
            "/api/care/v1/%2, MALFORMED",
            "/api/care/v1/%, MALFORMED" })
    void aPathUsesPercentEncodingOnlyWhereACharacterMustBeEncoded(String path, UnroutablePaths.Spelling spelling) {
        assertThat(UnroutablePaths.spelling(path)).isEqualTo(spelling);
    }
}
