package org.warmnest.care;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.warmnest.platform.config.WarmnestApplication;

@SpringBootApplication
@EnableScheduling
public class CareServiceApplication {

    public static void main(String[] args) {
        WarmnestApplication.run(CareServiceApplication.class, args);
    }
}
