package org.warmnest.care.alert;

import java.util.Map;
import java.util.UUID;

/**
 * A way of telling someone about an alert. In-app notifications need none: their row in the outbox is the inbox.
 * The others are sent by the {@link NotificationDispatcher} from the outbox; a notifier only delivers and says how
 * it went, never retries by itself.
 */
interface Notifier {

    enum Channel { IN_APP, LOG, SMS }

    enum Outcome {
        SENT,
        /** Failed for a reason that may pass (a 5xx, a timeout, a broken connection): try again later. */
        RETRY,
        /** Refused for good (a 4xx: a bad number, a template the provider does not know). */
        FAILED
    }

    record Outgoing(UUID id, Channel channel, String recipientName, String recipientPhone, String recipientSubject,
            String template, Map<String, String> params, String title, String body, int attempts) {
    }

    record Delivery(Outcome outcome, String detail, String providerId) {

        static Delivery sent(String providerId) {
            return new Delivery(Outcome.SENT, null, providerId);
        }

        static Delivery retry(String detail) {
            return new Delivery(Outcome.RETRY, detail, null);
        }

        static Delivery failed(String detail) {
            return new Delivery(Outcome.FAILED, detail, null);
        }
    }

    Channel channel();

    /** Whether this channel is configured here; nothing is queued for a channel that is not. */
    default boolean available() {
        return true;
    }

    Delivery send(Outgoing message);
}
