package org.warmnest.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;

class ProblemResponsesTest {

    @ParameterizedTest(name = "Accept-Language \"{0}\" -> {1}")
    @CsvSource(nullValues = "-", value = { "-, zh-CN", "'', zh-CN", "en, en", "en-US, en", "en-GB;q=0.8, en",
            "zh-CN, zh-CN", "zh, zh-CN", "zh-TW, zh-CN", "'en;q=0.5, zh;q=0.9', zh-CN", "'fr, en;q=0.5', en",
            "fr, zh-CN", "*, zh-CN", "';;;', zh-CN" })
    void speaksChineseUnlessTheClientPrefersEnglish(String header, String expected) {
        assertThat(ProblemResponses.locale(header).toLanguageTag()).isEqualTo(expected);
    }

    @Test
    void everyBodyHasTheRfc9457MembersAndOurCode() {
        var body = new ProblemResponses().body(Problem.of(HttpStatus.FORBIDDEN, "tenant-suspended", "530402"),
                "/api/care/v1/tenants/530402/volunteers", Locale.ENGLISH);
        assertThat(body).containsEntry("type", "urn:warmnest:problem:tenant-suspended")
                .containsEntry("title", "Tenant suspended")
                .containsEntry("status", 403)
                .containsEntry("detail", "Tenant 530402 is suspended.")
                .containsEntry("code", "tenant-suspended")
                .containsEntry("instance", "/api/care/v1/tenants/530402/volunteers");
    }

    @ParameterizedTest
    @CsvSource({ "unauthenticated", "token-invalid", "token-revoked", "access-denied", "tenant-suspended",
            "tenant-archived", "tenant-not-ready", "tenant-unknown", "rate-limited", "payload-too-large",
            "identity-state-unavailable", "not-found", "bad-gateway", "service-unavailable", "gateway-timeout",
            "internal-error", "bad-request", "method-not-allowed", "unsupported-media-type" })
    void everyCodeHasATitleAndDetailInBothLanguages(String code) {
        ProblemResponses responses = new ProblemResponses();
        Problem problem = Problem.of(HttpStatus.BAD_REQUEST, code, "530402");
        for (Locale locale : new Locale[] { Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH }) {
            var body = responses.body(problem, "/", locale);
            assertThat(body.get("title")).isNotEqualTo(HttpStatus.BAD_REQUEST.getReasonPhrase());
            assertThat(body.get("detail")).isNotEqualTo(HttpStatus.BAD_REQUEST.getReasonPhrase());
        }
        assertThat(responses.body(problem, "/", Locale.SIMPLIFIED_CHINESE).get("title"))
                .isNotEqualTo(responses.body(problem, "/", Locale.ENGLISH).get("title"));
    }
}
