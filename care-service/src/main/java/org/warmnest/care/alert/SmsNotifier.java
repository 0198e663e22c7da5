package org.warmnest.care.alert;

/** Text messages to the person on duty, through the configured {@link SmsGateway}. */
class SmsNotifier implements Notifier {

    private final SmsGateway gateway;

    SmsNotifier(SmsGateway gateway) {
        this.gateway = gateway;
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
