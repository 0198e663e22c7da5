package org.warmnest.care.alert;

/**
 * Text messages to the person on duty, through the configured {@link SmsGateway}; unavailable (no SMS is even
 * queued) when no gateway is configured.
 */
class SmsNotifier implements Notifier {

    private final SmsGateway gateway;

    SmsNotifier(SmsGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public boolean available() {
        return gateway != null;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Delivery send(Outgoing message) {
        return gateway.send(message.id(), message.recipientPhone(), message.template(), message.params());
    }
}
