package org.warmnest.care.alert;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of alerts ({@code warmnest.alerts.*}); a bureau's rules on response times live here.
 *
 * @param ackDeadline   the time each level has to acknowledge before the next is told; at the district bureau,
 *                      the interval of reminders until someone acknowledges
 * @param escalationBatch how many due alerts of one tenant a tick escalates at most (the rest on the next tick)
 * @param dispatch      how the notification outbox is sent
 */
@ConfigurationProperties("warmnest.alerts")
record AlertProperties(@DefaultValue AckDeadline ackDeadline, @DefaultValue("200") int escalationBatch,
        @DefaultValue Dispatch dispatch) {

    record AckDeadline(@DefaultValue("15m") Duration grid, @DefaultValue("30m") Duration community,
            @DefaultValue("60m") Duration street, @DefaultValue("120m") Duration district) {

        Map<AlertLevel, Duration> byLevel() {
            return Map.of(AlertLevel.GRID, grid, AlertLevel.COMMUNITY, community, AlertLevel.STREET, street,
                    AlertLevel.DISTRICT, district);
        }
    }

    /**
     * @param maxAttempts a notification that failed for a passing reason (5xx, timeout) this often is given up
     * @param backoff     the wait after the first failure, doubled after each further one up to {@code maxBackoff}
     * @param batch       how many notifications of one tenant a dispatch run sends at most
     */
    record Dispatch(@DefaultValue("6") int maxAttempts, @DefaultValue("30s") Duration backoff,
            @DefaultValue("30m") Duration maxBackoff, @DefaultValue("100") int batch) {

        Duration after(int attempts) {
            Duration wait = backoff;
            for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }
}
