package org.warmnest.billing;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.warmnest.platform.config.WarmnestApplication;

@SpringBootApplication
@EnableScheduling
public class BillingServiceApplication {

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--reconcile")) {
            System.exit(reconcile(args));
        }
        WarmnestApplication.run(BillingServiceApplication.class, args);
    }

    /**
     * The reconciliation command: without a web server, proves every tenant's balances against the journal and
     * prints any difference; 0 when all agree (see {@code ReconcileCommand}).
     */
    public static int reconcile(String... args) {
        SpringApplication app = new SpringApplication(BillingServiceApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        String[] withFlag = Arrays.stream(args).filter(a -> !a.equals("--reconcile")).toArray(String[]::new);
        withFlag = Arrays.copyOf(withFlag, withFlag.length + 2);
        withFlag[withFlag.length - 2] = "--warmnest.reconcile-only=true";
        withFlag[withFlag.length - 1] = "--warmnest.migrations.on-startup=false";
        try (ConfigurableApplicationContext context = app.run(withFlag)) {
            return SpringApplication.exit(context);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(BillingServiceApplication.class).error("Reconciliation failed", e);
            return 2;
        }
    }
}
