package org.warmnest.care.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.warmnest.care.alert.AlertFixtures.ALERTS;
import static org.warmnest.care.alert.AlertFixtures.anElder;
import static org.warmnest.care.alert.AlertFixtures.raiseBody;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.test.ServiceTest;
import org.warmnest.platform.test.TestIssuer;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.jayway.jsonpath.JsonPath;

/**
 * The outbox as it reaches people: the SMS gateway (WireMock) gets a signed request with the notification's id as
 * its request id; a 500 is tried again after the backoff and then succeeds; a gateway that does not answer in time
 * is tried up to the configured attempts and then given up; a 400 or a refusal in the body fails at once with its
 * reason; the log channel is sent too.
 */
@ServiceTest
@Import(AlertTestConfiguration.class)
class NotificationDispatchIT {

    static final String T = "450311";
    static final String S = "t_" + T;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AlertTestConfiguration.MovableClock clock;
    @Autowired
    NotificationDispatcher dispatcher;

    final String admin = TestIssuer.get().user(T, "bureau-admin").bearer();
    static boolean provisioned;
    static UUID elder;
    Instant t0;

    @Autowired
    void provision(TenantProvisioner provisioner) throws Exception {
        if (!provisioned) {
            AlertFixtures.provision(provisioner, "450300", T);
            AlertFixtures.standardRoster(mvc, T);
            elder = anElder().named("郑淑华").in(mvc, T);
            provisioned = true;
        }
    }

    @BeforeEach
    void now() {
        t0 = clock.reset();
        AlertTestConfiguration.sms();
        AlertTestConfiguration.resetSms();
    }

    @AfterEach
    void gatewayBackToNormal() {
        AlertTestConfiguration.resetSms();
    }

    /** Raises an alert in G1 and returns the id of its SMS to the grid's duty. */
    UUID smsOfANewAlert() throws Exception {
        String body = mvc.perform(post(ALERTS, T).header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .content(raiseBody(elder, "FALL", null))).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        UUID alert = UUID.fromString(JsonPath.read(body, "$.id"));
        return jdbc.queryForObject("select id from " + S + ".notification where alert_id = ? and channel = 'SMS'",
                UUID.class, alert);
    }

    Map<String, Object> row(UUID id) {
        return jdbc.queryForMap("select status, attempts, next_attempt_at, last_error, provider_id, sent_at from " + S
                + ".notification where id = ?", id);
    }

    void gatewayAnswers(UUID id, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        AlertTestConfiguration.sms().stubFor(WireMock.post(urlPathEqualTo("/v1/sms/send"))
                .withHeader(SmsGateway.REQUEST_ID_HEADER, equalTo(id.toString())).willReturn(answer));
    }

    static Instant instant(Object timestamp) {
        return ((java.sql.Timestamp) timestamp).toInstant();
    }

    List<LoggedRequest> requestsFor(UUID id) {
        return AlertTestConfiguration.sms().findAll(postRequestedFor(urlPathEqualTo("/v1/sms/send"))
                .withHeader(SmsGateway.REQUEST_ID_HEADER, equalTo(id.toString())));
    }

    @Test
    void anSmsIsSentSignedWithTheNotificationAsItsRequestId() throws Exception {
        UUID sms = smsOfANewAlert();
        assertThat(row(sms)).containsEntry("status", "PENDING").containsEntry("attempts", 0);
        dispatcher.dispatch();
        assertThat(row(sms)).containsEntry("status", "SENT").containsEntry("attempts", 1)
                .containsEntry("provider_id", "m-1");
        List<LoggedRequest> sent = requestsFor(sms);
        assertThat(sent).hasSize(1);
        LoggedRequest request = sent.get(0);
        byte[] body = request.getBody();
        assertThat(request.getHeader(SmsGateway.SIGNATURE_HEADER))
                .isEqualTo(SmsGateway.sign(body, AlertTestConfiguration.SMS_SECRET))
                .isNotEqualTo(SmsGateway.sign(body, "another secret"));
        assertThat(request.getHeader(SmsGateway.APP_KEY_HEADER)).isEqualTo(AlertTestConfiguration.SMS_KEY);
        String json = new String(body, StandardCharsets.UTF_8);
        assertThat((String) JsonPath.read(json, "$.requestId")).isEqualTo(sms.toString());
        assertThat((String) JsonPath.read(json, "$.phoneNumbers")).startsWith("139");
        assertThat((String) JsonPath.read(json, "$.templateCode")).isEqualTo("ALERT_DUTY");
        assertThat((String) JsonPath.read(json, "$.signName")).isEqualTo("暖巢");
        assertThat((String) JsonPath.read(json, "$.templateParam.elder")).isEqualTo("郑**");
        assertThat((String) JsonPath.read(json, "$.templateParam.kind")).isEqualTo("跌倒");
        assertThat(((Number) JsonPath.read(json, "$.timestamp")).longValue()).isEqualTo(t0.toEpochMilli());
        // the log channel went out too; sent notifications are not sent again
        assertThat(jdbc.queryForList("select status from " + S + ".notification where alert_id = (select alert_id from "
                + S + ".notification where id = ?) and channel = 'LOG'", String.class, sms)).containsOnly("SENT");
        dispatcher.dispatch();
        assertThat(requestsFor(sms)).hasSize(1);
    }

    @Test
    void aServerErrorIsTriedAgainAfterTheBackoffAndThenGoesThrough() throws Exception {
        UUID sms = smsOfANewAlert();
        AlertTestConfiguration.sms().stubFor(WireMock.post(urlPathEqualTo("/v1/sms/send"))
                .withHeader(SmsGateway.REQUEST_ID_HEADER, equalTo(sms.toString())).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500).withBody("busy"))
                .willSetStateTo("recovered"));
        AlertTestConfiguration.sms().stubFor(WireMock.post(urlPathEqualTo("/v1/sms/send"))
                .withHeader(SmsGateway.REQUEST_ID_HEADER, equalTo(sms.toString())).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("{\"code\":\"OK\",\"messageId\":\"m-2\"}")));
        dispatcher.dispatch();
        Map<String, Object> first = row(sms);
        assertThat(first).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat((String) first.get("last_error")).contains("HTTP 500");
        assertThat(instant(first.get("next_attempt_at"))).isEqualTo(t0.plusSeconds(30));
        dispatcher.dispatch(); // not yet due
        assertThat(requestsFor(sms)).hasSize(1);
        clock.advance(Duration.ofSeconds(30));
        dispatcher.dispatch();
        assertThat(row(sms)).containsEntry("status", "SENT").containsEntry("attempts", 2)
                .containsEntry("provider_id", "m-2");
        // the retry is the same request: the provider deduplicates on its id
        assertThat(requestsFor(sms)).hasSize(2).allSatisfy(r -> assertThat(r.getHeader(SmsGateway.REQUEST_ID_HEADER))
                .isEqualTo(sms.toString()));
    }

    @Test
    void aGatewayThatDoesNotAnswerInTimeIsGivenUpAfterTheAttempts() throws Exception {
        UUID sms = smsOfANewAlert();
        gatewayAnswers(sms, aResponse().withStatus(200).withFixedDelay(1500).withBody("{\"code\":\"OK\"}"));
        dispatcher.dispatch();
        assertThat(row(sms)).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat((String) row(sms).get("last_error")).contains("no answer");
        clock.advance(Duration.ofSeconds(30));
        dispatcher.dispatch();
        assertThat(row(sms)).containsEntry("status", "PENDING").containsEntry("attempts", 2);
        assertThat(instant(row(sms).get("next_attempt_at")))
                .isEqualTo(clock.instant().plusSeconds(60)); // the wait doubles
        clock.advance(Duration.ofSeconds(60));
        dispatcher.dispatch();
        Map<String, Object> last = row(sms);
        assertThat(last).containsEntry("status", "FAILED").containsEntry("attempts", 3)
                .containsEntry("next_attempt_at", null);
        assertThat((String) last.get("last_error")).startsWith("gave up after 3 attempts");
    }

    @Test
    void aRefusalFailsAtOnceWithItsReason() throws Exception {
        UUID badRequest = smsOfANewAlert();
        gatewayAnswers(badRequest, aResponse().withStatus(400).withBody("{\"code\":\"isv.MOBILE_NUMBER_ILLEGAL\"}"));
        UUID refusedInBody = smsOfANewAlert();
        gatewayAnswers(refusedInBody, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"message\":\"触发限流\"}"));
        dispatcher.dispatch();
        assertThat(row(badRequest)).containsEntry("status", "FAILED").containsEntry("attempts", 1);
        assertThat((String) row(badRequest).get("last_error")).contains("HTTP 400").contains("MOBILE_NUMBER_ILLEGAL");
        assertThat(row(refusedInBody)).containsEntry("status", "FAILED");
        assertThat((String) row(refusedInBody).get("last_error")).contains("BUSINESS_LIMIT_CONTROL");
        clock.advance(Duration.ofHours(1));
        dispatcher.dispatch();
        assertThat(requestsFor(badRequest)).hasSize(1);
    }
}
