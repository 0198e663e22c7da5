package org.warmnest.platform.test;

import java.time.Duration;
import java.time.Instant;

import org.springframework.core.env.Environment;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The identity state tenant-service writes for the gateway and the services (revoked users, tenant status, the
 * sync marker), written by tests into the real Redis ({@code 127.0.0.1:6379}, or {@code WARMNEST_TEST_REDIS_HOST}
 * / {@code _PORT}) under the prefix of their own test context, so parallel runs never see each other's keys. Every
 * key expires after a day, so nothing is left behind.
 */
public final class TestIdentityState {

    private static final Duration KEPT = Duration.ofDays(1);
    private static StatefulRedisConnection<String, String> connection;

    private final String prefix;

    private TestIdentityState(String prefix) {
        this.prefix = prefix;
    }

    /** The state of the test context whose environment this is. */
    public static TestIdentityState of(Environment environment) {
        return new TestIdentityState(environment.getRequiredProperty("warmnest.identity.state-prefix"));
    }

    static TestIdentityState of(String prefix) {
        return new TestIdentityState(prefix);
    }

    public static String host() {
        return env("WARMNEST_TEST_REDIS_HOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(env("WARMNEST_TEST_REDIS_PORT", "6379"));
    }

    /** The marker that says the state is whole: without it every authenticated request is refused (503). */
    public TestIdentityState synced() {
        redis().set(prefix + "tenant-status:synced", String.valueOf(Instant.now().getEpochSecond()),
                SetArgs.Builder.ex(KEPT));
        return this;
    }

    /** As when tenant-service has not written the state yet (or Redis lost it). */
    public TestIdentityState unsynced() {
        redis().del(prefix + "tenant-status:synced");
        return this;
    }

    /** The user was disabled at the instant: its tokens issued up to then are refused. */
    public TestIdentityState revoke(String subject, Instant at) {
        redis().set(prefix + "revoked-user:" + subject, String.valueOf(at.getEpochSecond()), SetArgs.Builder.ex(KEPT));
        return this;
    }

    /** The tenant's status as tenant-service publishes it ({@code ACTIVE}, {@code SUSPENDED}, ...). */
    public TestIdentityState tenant(String code, String status) {
        redis().hset(prefix + "tenant-status", code, status);
        redis().expire(prefix + "tenant-status", KEPT);
        return this;
    }

    /** Publishes a message on a channel under the prefix, as tenant-service does. */
    public void publish(String channel, String message) {
        redis().publish(prefix + channel, message);
    }

    /** Listens on a channel under the prefix; the messages arrive in the queue. */
    public java.util.concurrent.BlockingQueue<String> subscribe(String channel) {
        java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        var pubSub = RedisClient.create(uri()).connectPubSub();
        pubSub.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                received.add(message);
            }
        });
        pubSub.sync().subscribe(prefix + channel);
        return received;
    }

    private static RedisURI uri() {
        RedisURI uri = RedisURI.create(host(), port());
        String password = System.getenv("WARMNEST_TEST_REDIS_PASSWORD");
        if (password != null && !password.isBlank()) {
            uri.setPassword(password.toCharArray());
        }
        return uri;
    }

    private static synchronized RedisCommands<String, String> redis() {
        if (connection == null) {
            connection = RedisClient.create(uri()).connect();
        }
        return connection.sync();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
