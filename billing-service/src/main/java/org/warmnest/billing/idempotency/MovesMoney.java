package org.warmnest.billing.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that moves money (or decides on it): it takes an {@code Idempotency-Key} header. The same key with
 * the same request returns the first outcome, the same key with another request is refused (422), and a
 * duplicate arriving while the first is under way gets 409. See {@link IdempotentRequests}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface MovesMoney {
}
