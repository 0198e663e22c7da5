package org.warmnest.platform.config;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a service. With {@code --migrate-only} it brings the registry and every tenant schema up to date
 * without opening a web server, then exits (0 when all schemas are complete): the deployment job.
 */
public final class WarmnestApplication {

    private WarmnestApplication() {
    }

    public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
        boolean migrateOnly = Arrays.asList(args).contains("--migrate-only")
                || "true".equalsIgnoreCase(System.getenv("WARMNEST_MIGRATIONS_MIGRATE_ONLY"));
        SpringApplication app = new SpringApplication(application);
        if (!migrateOnly) {
            return app.run(args);
        }
        System.exit(migrateOnly(application, args));
        return null;
    }

    /** Runs the migrations of every tenant without a web server; 0 when all schemas are complete. */
    public static int migrateOnly(Class<?> application, String... args) {
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        String[] withFlag = Arrays.copyOf(args, args.length + 1);
        withFlag[args.length] = "--warmnest.migrations.migrate-only=true";
        try (ConfigurableApplicationContext context = app.run(withFlag)) {
            return SpringApplication.exit(context);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(WarmnestApplication.class).error("Migrations failed", e);
            return 1;
        }
    }
}
