package org.warmnest.tenant.tenant;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientResponseException;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;
import org.warmnest.tenant.identity.IdentityState;

/**
 * Provisioning as a saga whose state lives in {@code registry.provisioning_step}: every service creates and
 * migrates the tenant's schema; once all have, each is told the tenant is active, and only when all have
 * confirmed does the tenant become active here. A failing, slow or absent service is retried with
 * exponential backoff, across restarts, until it answers; every call is an idempotent PUT, so nothing is
 * created twice. Later status changes (suspend, activate, archive) travel the same way.
 */
@Component
class ProvisioningSaga implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningSaga.class);
    private static final int BATCH = 32;

    private final ProvisioningSteps steps;
    private final TenantRegistry registry;
    private final TenantProvisioner local;
    private final ServiceEndpoints services;
    private final ProvisioningProperties properties;
    private final IdentityState identityState;
    private final Clock clock;
    private final boolean migrateOnly;
    private final ExecutorService workers;
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> daemon(r, "provisioning-wake"));
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();

    ProvisioningSaga(ProvisioningSteps steps, TenantRegistry registry, TenantProvisioner local,
            ServiceEndpoints services, ProvisioningProperties properties, IdentityState identityState, Clock clock,
            @Value("${warmnest.migrations.migrate-only:false}") boolean migrateOnly) {
        this.identityState = identityState;
        this.steps = steps;
        this.registry = registry;
        this.local = local;
        this.services = services;
        this.properties = properties;
        this.clock = clock;
        this.migrateOnly = migrateOnly;
        this.workers = Executors.newFixedThreadPool(properties.parallelism(), r -> daemon(r, "provisioning"));
    }

    /** New work: run now rather than at the next poll. */
    void wake() {
        if (properties.enabled() && !migrateOnly) {
            waker.execute(this::runDue);
        }
    }

    @Scheduled(fixedDelayString = "${warmnest.provisioning.poll-interval:1s}")
    void poll() {
        if (properties.enabled() && !migrateOnly) {
            runDue();
        }
    }

    /** Works through every due step; one pass at a time per instance, other instances skip claimed rows. */
    void runDue() {
        if (!running.compareAndSet(false, true)) {
            wakeAgain.set(true);
            return;
        }
        try {
            do {
                wakeAgain.set(false);
                while (true) {
                    Instant now = clock.instant();
                    List<ProvisioningSteps.Step> due = steps.claimDue(now, now.plus(properties.lease()), BATCH);
                    if (due.isEmpty()) {
                        break;
                    }
                    List<Future<?>> running = new ArrayList<>();
                    for (ProvisioningSteps.Step step : due) {
                        running.add(workers.submit(() -> run(step)));
                    }
                    for (Future<?> f : running) {
                        try {
                            // A step's calls have timeouts; this bound only guards against a stuck worker.
                            f.get(properties.lease().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                        } catch (java.util.concurrent.TimeoutException e) {
                            f.cancel(true);
                            log.error("A provisioning step outlived its lease and was cancelled");
                        } catch (Exception e) {
                            log.error("Provisioning step failed unexpectedly", e);
                        }
                    }
                    activateReady();
                }
                activateReady();
            } while (wakeAgain.get());
        } finally {
            running.set(false);
        }
    }

    private void run(ProvisioningSteps.Step step) {
        TenantCode code = step.tenant();
        try {
            TenantRegistry.RegisteredTenant tenant = registry.find(code).orElseThrow();
            TenantStatus target = tenant.status() == TenantStatus.PROVISIONING ? TenantStatus.ACTIVE : tenant.status();
            if (!step.schemaReady()) {
                TenantStatus confirmed = null;
                if (ProvisioningSteps.LOCAL.equals(step.service())) {
                    local.migrator().migrateTenant(code);
                } else {
                    confirmed = services.provision(step.service(), code, tenant.parent(), tenant.name()).status();
                }
                steps.succeeded(step, true, confirmed, clock.instant());
                wakeAgain.set(true); // activation may now be due
            } else if (!ProvisioningSteps.LOCAL.equals(step.service())) {
                TenantStatus confirmed = services.status(step.service(), code, target).status();
                steps.succeeded(step, true, confirmed, clock.instant());
            }
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            var retryAt = now.plus(properties.backoff(step.attempts() + 1));
            String reason = reason(e);
            steps.failed(step, reason, retryAt, now);
            log.warn("Provisioning of tenant {} in {} failed (attempt {}, {}), retrying at {}", code, step.service(),
                    step.attempts() + 1, reason, retryAt, e);
        }
    }

    private void activateReady() {
        for (TenantCode code : steps.readyToActivate()) {
            registry.setStatus(code, TenantStatus.ACTIVE);
            try {
                identityState.tenantChanged(code, TenantStatus.ACTIVE);
            } catch (RuntimeException e) {
                // the periodic full sync writes it; until then the gateway keeps refusing the tenant (fail closed)
                log.warn("Tenant {} is active, but the gateway's state could not be written yet", code, e);
            }
            log.info("Tenant {} is active in every service", code);
        }
    }

    /** A stable reason users may see; the details (addresses, SQL) go to the log only. */
    static String reason(RuntimeException e) {
        Throwable cause = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e);
        if (e instanceof RestClientResponseException r) {
            return "http-" + r.getStatusCode().value();
        }
        if (cause instanceof java.net.SocketTimeoutException) {
            return "timeout";
        }
        if (cause instanceof java.net.ConnectException || cause instanceof java.net.SocketException
                || cause instanceof java.net.UnknownHostException) {
            return "unreachable";
        }
        if (cause instanceof java.sql.SQLException || e instanceof org.springframework.dao.DataAccessException
                || e instanceof org.warmnest.platform.problem.ProblemException) {
            return "schema-failed";
        }
        return "error";
    }

    @Override
    public void destroy() {
        waker.shutdownNow();
        workers.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
