package org.warmnest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientHeadersTest {

    @ParameterizedTest(name = "{0} dropped: {1}")
    @CsvSource({
            "Forwarded, true", "X-Forwarded-For, true", "x-forwarded-host, true", "X-Forwarded-Prefix, true",
            "X-Real-IP, true", "X-Original-URL, true", "X-Original-Forwarded-For, true", "X-Rewrite-URL, true",
            "X-Tenant, true", "X-Tenant-Id, true", "X-User, true", "X-User-Roles, true", "X-Warmnest-Service, true",
            "X-Auth-Request-User, true", "X-Authenticated-User, true", "X-Internal-Call, true", "traceparent, true",
            "TraceState, true", "X-Envoy-External-Address, true", "X-Amzn-Trace-Id, true", "Client-IP, true",
            "X-Client-IP, true", "True-Client-IP, true", "CF-Connecting-IP, true", "X-Cluster-Client-IP, true",
            "Authorization, false", "Content-Type, false", "Accept-Language, false", "Origin, false",
            "If-Match, false", "X-Requested-With, false", "Cookie, false" })
    void dropsForwardingIdentityAndTraceHeadersAClientSends(String name, boolean dropped) {
        assertThat(ClientHeaders.isDropped(name)).isEqualTo(dropped);
    }
}
