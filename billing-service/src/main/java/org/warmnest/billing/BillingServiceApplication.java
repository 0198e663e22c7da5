package org.warmnest.billing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.warmnest.platform.config.WarmnestApplication;

@SpringBootApplication
@EnableScheduling
public class BillingServiceApplication {

    public static void main(String[] args) {
        WarmnestApplication.run(BillingServiceApplication.class, args);
    }
}
