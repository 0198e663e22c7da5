package org.warmnest.care.alert;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.warmnest.care.alert.Notifier.Delivery;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider's HTTP API as Chinese providers shape it: a JSON POST naming the phone number, the signature
 * (签名) and a registered template code with its parameters. The body is signed with HMAC-SHA256 under the app
 * secret ({@code X-Signature}, Base64) and carries a timestamp, so a captured request cannot be altered or sent
 * much later; the notification's id is the request id ({@code X-Request-Id} and {@code requestId}), which the
 * provider deduplicates on when a send is retried after a timeout that in fact got through.
 * <p>
 * The JDK's HTTP client is used on purpose: unlike {@code HttpURLConnection} it never re-sends a POST on its own.
 */
class SmsGateway {

    static final String SIGNATURE_HEADER = "X-Signature";
    static final String APP_KEY_HEADER = "X-App-Key";
    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final SmsProperties properties;
    private final RestClient http;
    private final JsonMapper json;
    private final Clock clock;

    SmsGateway(SmsProperties properties, RestClient.Builder builder, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder.clone().baseUrl(properties.baseUrl()).requestFactory(requests).build();
    }

    Delivery send(UUID requestId, String phone, String template, Map<String, String> params) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestId", requestId.toString());
        request.put("phoneNumbers", phone);
        request.put("signName", properties.signName());
        request.put("templateCode", properties.templateCode(template));
        request.put("templateParam", params);
        request.put("timestamp", clock.millis());
        byte[] body = json.writeValueAsBytes(request);
        try {
            String answer = http.post().uri(properties.path()).contentType(MediaType.APPLICATION_JSON)
                    .header(APP_KEY_HEADER, properties.appKey() == null ? "" : properties.appKey())
                    .header(SIGNATURE_HEADER, sign(body, properties.appSecret()))
                    .header(REQUEST_ID_HEADER, requestId.toString()).body(body).retrieve().body(String.class);
            return accepted(answer);
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            String detail = "HTTP " + status + " " + AlertTimeline.clip(e.getResponseBodyAsString(), 200);
            return status >= 500 || status == 429 ? Delivery.retry(detail) : Delivery.failed(detail);
        } catch (ResourceAccessException e) {
            return Delivery.retry("no answer: " + AlertTimeline.clip(String.valueOf(e.getMessage()), 200));
        } catch (RestClientException e) {
            return Delivery.retry(AlertTimeline.clip(String.valueOf(e.getMessage()), 250));
        }
    }

    /** A 2xx whose body names a provider error code is a refusal all the same (several providers answer so). */
    private Delivery accepted(String answer) {
        if (answer == null || answer.isBlank()) {
            return Delivery.sent(null);
        }
        JsonNode node;
        try {
            node = json.readTree(answer);
        } catch (RuntimeException e) {
            return Delivery.sent(null);
        }
        String code = node.path("code").asString(null);
        if (code != null && !"OK".equalsIgnoreCase(code)) {
            return Delivery.failed("provider refused: " + code + " " + node.path("message").asString(""));
        }
        return Delivery.sent(node.path("messageId").asString(null));
    }

    /** Base64 of HMAC-SHA256 of the exact body bytes under the app secret. */
    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
