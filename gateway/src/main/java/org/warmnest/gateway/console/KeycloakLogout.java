package org.warmnest.gateway.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/**
 * Signing out of the console ends the user's Keycloak session too, server to server: the session's refresh token
 * is sent to the realm's end-session endpoint with the client's credentials (OpenID Connect RP-initiated logout
 * without a browser round trip), so the next sign-in asks for the password again. Keycloak not answering does not
 * keep anyone signed in to the console: the gateway's session ends regardless, and the failure is logged.
 */
@Component
class KeycloakLogout implements ServerLogoutHandler {

    private static final Logger log = LoggerFactory.getLogger(KeycloakLogout.class);

    private final ServerOAuth2AuthorizedClientRepository clients;
    private final ReactiveClientRegistrationRepository registrations;
    private final WebClient http = WebClient.builder().build();

    KeycloakLogout(ServerOAuth2AuthorizedClientRepository clients,
            ReactiveClientRegistrationRepository registrations) {
        this.clients = clients;
        this.registrations = registrations;
    }

    @Override
    public Mono<Void> logout(WebFilterExchange exchange, Authentication authentication) {
        if (!(authentication instanceof OAuth2AuthenticationToken)) {
            return Mono.empty();
        }
        return registrations.findByRegistrationId(ConsoleSecurity.REGISTRATION)
                .flatMap(registration -> clients.loadAuthorizedClient(ConsoleSecurity.REGISTRATION, authentication,
                        exchange.getExchange())
                        .filter(client -> client.getRefreshToken() != null)
                        .flatMap(client -> {
                            var form = new LinkedMultiValueMap<String, String>();
                            form.add("refresh_token", client.getRefreshToken().getTokenValue());
                            String endSession = (String) registration.getProviderDetails()
                                    .getConfigurationMetadata().get("end_session_endpoint");
                            return http.post().uri(endSession)
                                    .headers(h -> h.setBasicAuth(registration.getClientId(),
                                            registration.getClientSecret()))
                                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                    .body(BodyInserters.fromFormData(form))
                                    .retrieve().toBodilessEntity()
                                    .timeout(java.time.Duration.ofSeconds(5))
                                    .then(clients.removeAuthorizedClient(ConsoleSecurity.REGISTRATION,
                                            authentication, exchange.getExchange()));
                        }))
                .onErrorResume(e -> {
                    log.warn("Keycloak did not end the session of {}: {}", authentication.getName(), e.toString());
                    return Mono.empty();
                });
    }
}
