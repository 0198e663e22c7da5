package org.warmnest.care.alert;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Alert steps, their timeline and their notifications are written together or not at all: the writers insist on
 * the caller's transaction. Checked by hand rather than with {@code @Transactional(MANDATORY)}, whose proxy would
 * mark the whole transaction rollback-only on a failure the escalation means to contain to one alert.
 */
final class InTransaction {

    private InTransaction() {
    }

    static void require(String what) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(what + " is written only in the transaction of the step it belongs to");
        }
    }
}
