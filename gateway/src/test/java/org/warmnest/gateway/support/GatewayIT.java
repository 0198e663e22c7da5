package org.warmnest.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The gateway in front of three WireMock stand-ins for tenant-, care- and billing-service, a {@link TestIssuer},
 * and the real Redis. Every test JVM uses a Redis key prefix of its own and each test starts with none of its keys
 * with the identity state marked synced, so parallel runs never see each other's keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public abstract class GatewayIT {

    protected static final WireMockServer TENANTS = started();
    protected static final WireMockServer CARE = started();
    protected static final WireMockServer BILLING = started();
    protected static final TestIssuer ISSUER = TestIssuer.get();
    protected static final String PREFIX = "warmnest-test-" + UUID.randomUUID() + ":";

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected ReactiveStringRedisTemplate redis;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("warmnest.gateway.tenant-url", TENANTS::baseUrl);
        registry.add("warmnest.gateway.care-url", CARE::baseUrl);
        registry.add("warmnest.gateway.billing-url", BILLING::baseUrl);
        registry.add("warmnest.security.issuer", ISSUER::issuer);
        registry.add("warmnest.security.jwks-uri", ISSUER::jwksUri);
        registry.add("warmnest.identity.state-prefix", () -> PREFIX);
        registry.add("warmnest.gateway.metrics.password", () -> METRICS_PASSWORD);
        registry.add("warmnest.console.client-secret", () -> "console-secret-under-test");
    }

    protected static final String METRICS_PASSWORD = "scrape-" + UUID.randomUUID();

    @BeforeEach
    void standIns() {
        // WebTestClient's default of 5 s is too short on a shared, loaded machine (a first Prometheus scrape)
        web = web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        for (var service : List.of(Map.entry(TENANTS, "tenant-service"), Map.entry(CARE, "care-service"),
                Map.entry(BILLING, "billing-service"))) {
            service.getKey().resetAll();
            service.getKey().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"servedBy\":\"" + service.getValue() + "\"}")));
        }
        forgetRedis();
        markSynced();
    }

    @AfterEach
    void forgetRedis() {
        redis.scan(ScanOptions.scanOptions().match(PREFIX + "*").count(500).build())
                .collectList()
                .flatMap(keys -> keys.isEmpty() ? reactor.core.publisher.Mono.just(0L)
                        : redis.delete(keys.toArray(String[]::new)))
                .block();
    }

    // The identity-state contract, spelled out as tenant-service writes it.

    protected void markSynced() {
        redis.opsForValue().set(PREFIX + "tenant-status:synced", Long.toString(Instant.now().getEpochSecond()))
                .block();
    }

    protected void unmarkSynced() {
        redis.delete(PREFIX + "tenant-status:synced").block();
    }

    protected void tenantStatus(String code, String status) {
        redis.opsForHash().put(PREFIX + "tenant-status", code, status).block();
    }

    protected void revoke(String subject, Instant at) {
        redis.opsForValue().set(PREFIX + "revoked-user:" + subject, Long.toString(at.getEpochSecond()),
                java.time.Duration.ofMinutes(10)).block();
    }

    /** A tenant code of this test alone (six digits), active. */
    protected String activeTenant() {
        String code = "5" + (10000 + ThreadLocalRandom.current().nextInt(90000));
        tenantStatus(code, "ACTIVE");
        return code;
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
        return server;
    }
}
