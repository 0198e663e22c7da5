package org.warmnest.tenant.tenant;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the provisioning saga runs.
 *
 * @param enabled        run the saga worker in this instance
 * @param pollInterval   how often due steps are looked for (new work also wakes the worker at once)
 * @param callTimeout    read timeout of a call to another service (a migration can take a while)
 * @param initialBackoff wait after the first failure; doubled per failure up to {@code maxBackoff}
 * @param maxBackoff     longest wait between attempts
 * @param parallelism    steps run at the same time
 * @param careUrl        care-service's base URL
 * @param billingUrl     billing-service's base URL
 */
@ConfigurationProperties("warmnest.provisioning")
record ProvisioningProperties(Boolean enabled, Duration pollInterval, Duration callTimeout, Duration initialBackoff,
        Duration maxBackoff, Integer parallelism, String careUrl, String billingUrl) {

    ProvisioningProperties {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        callTimeout = callTimeout == null ? Duration.ofSeconds(30) : callTimeout;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(1) : maxBackoff;
        parallelism = parallelism == null ? 4 : Math.max(1, parallelism);
        careUrl = careUrl == null ? "http://127.0.0.1:8082" : careUrl;
        billingUrl = billingUrl == null ? "http://127.0.0.1:8083" : billingUrl;
    }

    /** A claimed step is someone's for this long; after a crash it is picked up again once it lapses. */
    Duration lease() {
        return callTimeout.multipliedBy(2).plusSeconds(10);
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration wait = initialBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
