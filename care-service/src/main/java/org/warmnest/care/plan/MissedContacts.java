package org.warmnest.care.plan;

import org.warmnest.care.elder.BirthDates;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.care.alert.AlertRaising;
import org.warmnest.platform.catalogue.ServiceItem;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.tenancy.TenantRegistry;
import org.warmnest.platform.tenancy.TenantStatus;

import jakarta.persistence.EntityManager;

/**
 * A daily contact not made by its deadline raises an alert (一日三问 past its deadline: someone must find out why).
 * Every few minutes, tenant by tenant: once the day's deadline has passed, each N-times-a-day item with fewer
 * contacts than due raises a MISSED_CONTACT alert, once per item and day (the alerts' own unique key); yesterday is
 * looked at too, so a service that was down at the deadline still raises them when it is back.
 */
@Component
class MissedContacts {

    private static final Logger log = LoggerFactory.getLogger(MissedContacts.class);

    /** One item short on one day. */
    record Miss(UUID elderId, UUID planItemId, LocalDate day, int due, int done, ServiceItem item) {
    }

    private final TenantRegistry registry;
    private final AlertRaising alerts;
    private final EntityManager em;
    private final TransactionTemplate read;
    private final TransactionTemplate raise;
    private final Clock clock;
    private final LocalTime deadline;
    private final boolean enabled;
    private final BirthDates births;

    MissedContacts(TenantRegistry registry, AlertRaising alerts, EntityManager em, BirthDates births,
            PlatformTransactionManager transactions, Clock clock,
            @Value("${warmnest.cadence.contact-deadline:20:00}") LocalTime deadline,
            @Value("${warmnest.cadence.missed-contact-alerts:true}") boolean enabled) {
        this.registry = registry;
        this.births = births;
        this.alerts = alerts;
        this.em = em;
        this.read = new TransactionTemplate(transactions);
        this.read.setReadOnly(true);
        this.raise = new TransactionTemplate(transactions);
        this.raise.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.deadline = deadline;
        this.enabled = enabled;
    }

    @Scheduled(initialDelayString = "${warmnest.cadence.missed-contact-initial-delay:2m}",
            fixedDelayString = "${warmnest.cadence.missed-contact-interval:10m}")
    void watch() {
        if (!enabled) {
            return;
        }
        for (TenantCode tenant : registry.withSchemas()) {
            if (registry.status(tenant).orElse(null) != TenantStatus.ACTIVE) {
                continue;
            }
            try {
                int raised = check(tenant);
                if (raised > 0) {
                    log.info("Missed daily contacts in {}: {} alerts raised", tenant.value(), raised);
                }
            } catch (RuntimeException e) { // one tenant's trouble must not hold back the others
                log.warn("Missed-contact check of {} failed and will run again: {}", tenant.value(), e.getMessage());
            }
        }
    }

    /** Raises the alerts due now in one tenant; returns how many were new. */
    int check(TenantCode tenant) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(CarePlans.CHINA));
        LocalDate today = now.toLocalDate();
        List<LocalDate> days = new ArrayList<>(List.of(today.minusDays(1)));
        if (!now.toLocalTime().isBefore(deadline)) {
            days.add(today);
        }
        int raised = 0;
        for (LocalDate day : days) {
            for (Miss miss : misses(tenant, day, today)) {
                raised += TenantContext.callAs(tenant, () -> raise.execute(tx -> {
                    alerts.raiseMissedContact(miss.elderId(), miss.planItemId(), miss.day(), detail(miss));
                    return 1;
                }));
            }
        }
        return raised;
    }

    /** The day's N-times-a-day items short of contacts and not yet alerted. */
    List<Miss> misses(TenantCode tenant, LocalDate day, LocalDate today) {
        return TenantContext.callAs(tenant, () -> read.execute(tx -> {
            Set<UUID> alerted = new HashSet<>();
            for (Object id : em.createNativeQuery("select plan_item_id from alert where missed_day = :d"
                    + " and plan_item_id is not null").setParameter("d", day).getResultList()) {
                alerted.add((UUID) id);
            }
            List<Miss> out = new ArrayList<>();
            em.unwrap(Session.class).doWork(c -> CadenceEngine.run(c, day, day, today.plusDays(1),
                    CadenceEngine.Scope.ALL, births, r -> {
                        if (r.item().cadence() instanceof Cadence.TimesPerDay && r.done() < r.due()
                                && !alerted.contains(r.item().id())) {
                            out.add(new Miss(r.item().elderId(), r.item().id(), day, r.due(), r.done(),
                                    r.item().serviceItem()));
                        }
                    }));
            return out;
        }));
    }

    private static String detail(Miss m) {
        return m.item().label + "：" + m.day() + " 应联系 " + m.due() + " 次，截至时限实际 " + m.done() + " 次";
    }
}
