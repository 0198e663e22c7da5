package org.warmnest.tenant;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.warmnest.platform.config.WarmnestApplication;

@SpringBootApplication
@EnableScheduling
public class TenantServiceApplication {

    public static void main(String[] args) {
        WarmnestApplication.run(TenantServiceApplication.class, args);
    }
}
