package org.warmnest.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;

/**
 * A contractor's standing asked of tenant-service ({@code GET /api/tenants/v1/tenants/{t}/engagements
 * ?contractorId=}, as this service's own account) and kept for {@code warmnest.contractor-scope.cache-ttl}
 * (30 s by default). tenant-service publishes every change of an engagement on the Redis channel
 * {@code <state-prefix>engagement-changed} ({@value #ALL} or {@code <tenant>:<contractor>}), and the kept
 * standing is dropped at once; a missed message is healed by the expiry. When tenant-service does not answer the
 * request is refused, {@code 503 engagements-unavailable}.
 */
public class TenantServiceEngagements implements ContractorEngagements, SmartLifecycle {

    /** The message that drops every kept standing. */
    public static final String ALL = "*";
    /** The channel's name after the state prefix. */
    public static final String CHANNEL = "engagement-changed";

    private static final Logger log = LoggerFactory.getLogger(TenantServiceEngagements.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final int MAX_ENTRIES = 10_000;

    record EngagementView(UUID contractorId, LocalDate startDate, LocalDate endDate, String status) {
    }

    private record Key(String tenant, UUID contractor) {
    }

    private record Kept(Standing standing, Instant until) {
    }

    private final RestClient http;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<Key, Kept> kept = new ConcurrentHashMap<>();
    private final RedisMessageListenerContainer changes;
    private volatile java.util.concurrent.ScheduledExecutorService retries;
    private volatile boolean started;

    public TenantServiceEngagements(RestClient http, Duration ttl, Clock clock, RedisConnectionFactory redis,
            String statePrefix) {
        this.http = http;
        this.ttl = ttl;
        this.clock = clock;
        this.changes = new RedisMessageListenerContainer();
        changes.setConnectionFactory(redis);
        changes.addMessageListener((message, pattern) -> changed(new String(message.getBody(),
                StandardCharsets.UTF_8)), new ChannelTopic(statePrefix + CHANNEL));
    }

    @Override
    public Standing standing(TenantCode tenant, UUID contractor) {
        Key key = new Key(tenant.value(), contractor);
        Instant now = clock.instant();
        Kept hit = kept.get(key);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.standing();
        }
        Standing standing = ContractorEngagements.standingOf(ask(tenant, contractor), LocalDate.now(clock.withZone(CHINA)));
        if (!ttl.isZero()) {
            if (kept.size() >= MAX_ENTRIES) {
                kept.values().removeIf(k -> !now.isBefore(k.until()));
            }
            kept.put(key, new Kept(standing, now.plus(ttl)));
        }
        return standing;
    }

    private List<Term> ask(TenantCode tenant, UUID contractor) {
        EngagementView[] found;
        try {
            found = http.get().uri("/api/tenants/v1/tenants/{tenant}/engagements?contractorId={contractor}",
                    tenant.value(), contractor).retrieve().body(EngagementView[].class);
        } catch (RestClientException e) {
            log.warn("tenant-service did not answer for the engagements of {} in {}: {}", contractor, tenant,
                    e.getMessage());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "engagements-unavailable");
        }
        return found == null ? List.of() : java.util.Arrays.stream(found)
                .filter(e -> contractor.equals(e.contractorId()))
                .map(e -> new Term(e.startDate(), e.endDate(), !"ACTIVE".equals(e.status()))).toList();
    }

    /** A message of the channel: {@value #ALL}, or {@code <tenant>:<contractor>}. */
    void changed(String message) {
        int colon = message.indexOf(':');
        if (ALL.equals(message) || colon < 0) {
            kept.clear();
            return;
        }
        try {
            kept.remove(new Key(message.substring(0, colon), UUID.fromString(message.substring(colon + 1))));
        } catch (IllegalArgumentException garbled) {
            kept.clear();
        }
    }

    /**
     * Subscribes; when Redis does not answer yet the service still starts (it refuses requests until Redis is back,
     * see {@link IdentityGate}) and the subscription is tried again every 10 s. Until then kept answers expire.
     */
    @Override
    public void start() {
        changes.afterPropertiesSet();
        started = true;
        subscribe();
    }

    private void subscribe() {
        if (!started) {
            return;
        }
        try {
            changes.start();
        } catch (RuntimeException e) {
            log.warn("Not subscribed to engagement changes, retrying in 10 s: {}", e.toString());
            if (retries == null) {
                retries = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "engagement-changes-subscribe");
                    t.setDaemon(true);
                    return t;
                });
            }
            retries.schedule(this::subscribe, 10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Override
    public void stop() {
        started = false;
        if (retries != null) {
            retries.shutdownNow();
        }
        changes.stop();
        try {
            changes.destroy();
        } catch (Exception e) {
            log.debug("closing the engagement subscription: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
