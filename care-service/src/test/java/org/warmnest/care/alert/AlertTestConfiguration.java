package org.warmnest.care.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * What every alert test shares (one Spring context for them all): a clock the tests move instead of sleeping,
 * and an SMS gateway stood in for by WireMock, with a short read timeout and few attempts so that its faults are
 * quick to provoke.
 */
@TestConfiguration(proxyBeanMethods = false)
class AlertTestConfiguration {

    static final String SMS_KEY = "test-app-key";
    static final String SMS_SECRET = "test-app-secret";

    private static WireMockServer sms;

    static synchronized WireMockServer sms() {
        if (sms == null) {
            sms = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            sms.start();
            resetSms();
            Runtime.getRuntime().addShutdownHook(new Thread(sms::stop, "sms-gateway-stub"));
        }
        return sms;
    }

    /** The gateway accepts everything unless a test says otherwise. */
    static void resetSms() {
        sms.resetAll();
        sms.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":\"OK\",\"messageId\":\"m-1\"}")));
    }

    @Bean
    @Primary
    MovableClock clock() {
        return new MovableClock();
    }

    @Bean
    DynamicPropertyRegistrar smsGateway() {
        return registry -> {
            registry.add("warmnest.sms.base-url", () -> sms().baseUrl());
            registry.add("warmnest.sms.app-key", () -> SMS_KEY);
            registry.add("warmnest.sms.app-secret", () -> SMS_SECRET);
            registry.add("warmnest.sms.read-timeout", () -> "400ms");
            registry.add("warmnest.alerts.dispatch.max-attempts", () -> "3");
        };
    }

    /** A clock that stands still until a test moves it. */
    static final class MovableClock extends Clock {

        private final AtomicReference<Instant> now = new AtomicReference<>(
                Instant.now().truncatedTo(ChronoUnit.SECONDS));

        /** Back to the real time (to the second), for a test's start. */
        Instant reset() {
            Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            now.set(t);
            return t;
        }

        void set(Instant t) {
            now.set(t);
        }

        Instant advance(Duration d) {
            return now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MovableClock self = this;
            return new Clock() {
                @Override
                public Instant instant() {
                    return self.instant();
                }

                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId z) {
                    return self.withZone(z);
                }
            };
        }
    }
}
