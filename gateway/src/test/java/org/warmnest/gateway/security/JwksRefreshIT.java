package org.warmnest.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.warmnest.gateway.support.GatewayIT;

/** Tokens naming key ids the issuer never published cannot make the gateway fetch the key set again and again. */
class JwksRefreshIT extends GatewayIT {

    @Test
    void unknownKeyIdsAreRefusedWithoutAFetchEach() {
        web.get().uri("/api/care/v1/tenants/530402/volunteers")
                .header("Authorization", ISSUER.platformAdmin().bearer()).exchange().expectStatus().isOk();
        int before = ISSUER.jwksFetches();
        for (int i = 0; i < 30; i++) {
            web.get().uri("/api/care/v1/tenants/530402/volunteers")
                    .header("Authorization", ISSUER.platformAdmin().signedByAnotherKey("made-up-" + i).bearer())
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.code").isEqualTo("token-invalid");
        }
        // at most the one refresh the interval (30 s) allows
        assertThat(ISSUER.jwksFetches() - before).isLessThanOrEqualTo(1);
        // the issuer's own tokens still pass
        web.get().uri("/api/care/v1/tenants/530402/volunteers")
                .header("Authorization", ISSUER.platformAdmin().bearer()).exchange().expectStatus().isOk();
    }
}
