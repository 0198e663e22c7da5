package org.warmnest.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Access tokens for calling another service, by the client-credentials grant of this service's own client;
 * a token is reused until shortly before it expires.
 */
public class ServiceTokens {

    private final RestClient http;
    private final String tokenUri;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    public ServiceTokens(RestClient http, String tokenUri, String clientId, String clientSecret, Clock clock) {
        this.http = http;
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    public synchronized String token() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(refreshAt)) {
            var form = new LinkedMultiValueMap<String, String>();
            form.add("grant_type", "client_credentials");
            form.add("client_id", clientId);
            form.add("client_secret", clientSecret);
            Map<?, ?> body = http.post().uri(tokenUri).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                    .retrieve().body(Map.class);
            if (body == null || !(body.get("access_token") instanceof String accessToken)) {
                throw new IllegalStateException("the token endpoint returned no access token");
            }
            long expiresIn = body.get("expires_in") instanceof Number n ? n.longValue() : 60;
            token = accessToken;
            refreshAt = now.plusSeconds(Math.max(1, expiresIn - Math.min(30, expiresIn / 2)));
        }
        return token;
    }

    /** Adds this service's bearer token to every request of a client. */
    public ClientHttpRequestInterceptor interceptor() {
        return (request, body, execution) -> {
            request.getHeaders().setBearerAuth(token());
            return execution.execute(request, body);
        };
    }
}
