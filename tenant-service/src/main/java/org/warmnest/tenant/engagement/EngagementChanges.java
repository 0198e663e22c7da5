package org.warmnest.tenant.engagement;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.warmnest.platform.security.TenantServiceEngagements;
import org.warmnest.platform.tenancy.TenantCode;

/**
 * Tells the other services that a contractor's engagements in a tenant changed (engaged, rescheduled, ended,
 * deleted), on the Redis channel they listen to ({@link TenantServiceEngagements}), once the change is committed:
 * they drop what they kept and ask again, so staff of a contractor whose engagement ended are refused at once.
 * A message lost (Redis down) is healed by their cache's expiry.
 */
@Component
class EngagementChanges {

    private static final Logger log = LoggerFactory.getLogger(EngagementChanges.class);

    private final StringRedisTemplate redis;
    private final String channel;

    EngagementChanges(StringRedisTemplate redis, @Value("${warmnest.identity.state-prefix}") String prefix) {
        this.redis = redis;
        this.channel = prefix + TenantServiceEngagements.CHANNEL;
    }

    void changed(TenantCode tenant, UUID contractor) {
        String message = tenant.value() + ":" + contractor;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publish(message);
                }
            });
        } else {
            publish(message);
        }
    }

    private void publish(String message) {
        try {
            redis.convertAndSend(channel, message);
        } catch (RuntimeException e) {
            log.warn("Publishing the engagement change {} failed; the services' caches expire it", message, e);
        }
    }
}
