package org.warmnest.care.alert;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The clocks that drive alerts on every replica: escalation and the notification outbox. Several replicas may
 * tick at once; {@link AlertEscalation} and {@link NotificationDispatcher} make that harmless. Tests switch this
 * off ({@code warmnest.alerts.schedule.enabled=false}) and tick by hand with a moved clock.
 */
@Component
@ConditionalOnProperty(name = "warmnest.alerts.schedule.enabled", matchIfMissing = true)
class AlertSchedule {

    private final AlertEscalation escalation;
    private final NotificationDispatcher dispatcher;

    AlertSchedule(AlertEscalation escalation, NotificationDispatcher dispatcher) {
        this.escalation = escalation;
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelayString = "${warmnest.alerts.schedule.escalation-interval:30s}",
            initialDelayString = "${warmnest.alerts.schedule.initial-delay:10s}")
    void escalate() {
        escalation.tick();
    }

    @Scheduled(fixedDelayString = "${warmnest.alerts.schedule.dispatch-interval:10s}",
            initialDelayString = "${warmnest.alerts.schedule.initial-delay:10s}")
    void dispatch() {
        dispatcher.dispatch();
    }
}
