package org.warmnest.care.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Every notification also goes to the log, so that operations see an alert even when no other channel works. */
@Component
class LogNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger("org.warmnest.care.alert.notifications");

    @Override
    public Channel channel() {
        return Channel.LOG;
    }

    @Override
    public Delivery send(Outgoing message) {
        log.warn("alert notification {} to {} ({}): {} {}", message.id(), message.recipientName(),
                message.params().getOrDefault("alertId", ""), message.title(), message.body());
        return Delivery.sent(null);
    }
}
