package org.warmnest.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the launcher and the benchmark share: where the repository is, the ports, the environment a service
 * is started with, and stopping every child cleanly.
 */
final class LocalStack {

    record Ports(int issuer, int gateway, int tenant, int care, int billing, int keycloakManagement) {

        /** The ports the services' default configuration expects. */
        static final Ports DEFAULT = new Ports(8180, 8080, 8081, 8082, 8083, 9180);
    }

    /** Generous: on two busy cores a Spring Boot service can take minutes (WARMNEST_READY_TIMEOUT_SECONDS). */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.parseLong(
            System.getenv().getOrDefault("WARMNEST_READY_TIMEOUT_SECONDS", "300")));
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    static final List<String> SERVICES = List.of("tenant-service", "care-service", "billing-service");

    private LocalStack() {
    }

    /** The repository root: {@code WARMNEST_HOME}, else the nearest folder upwards holding {@code launcher/pom.xml}. */
    static Path root() {
        String home = System.getenv("WARMNEST_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("launcher").resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from the WarmNest repository (or set WARMNEST_HOME)");
    }

    /**
     * Where tokens come from: Keycloak for the product, the dev issuer for the provisioning benchmark.
     *
     * @param keycloakUrl Keycloak's base address for tenant-service's user administration; null: none (the
     *                    benchmark), user administration is then off
     */
    record Identity(String issuer, String jwksUri, String tokenUri, String keycloakUrl) {

        static Identity of(org.warmnest.keycloak.LocalKeycloak keycloak) {
            return new Identity(keycloak.issuer(), keycloak.jwksUri(), keycloak.tokenUri(), keycloak.serverUrl());
        }

        static Identity of(DevIssuer issuer) {
            return new Identity(issuer.issuer(), issuer.jwksUri(), issuer.tokenUri(), null);
        }
    }


    static DevIssuer issuer(Path root, int port) {
        return new DevIssuer(port, root.resolve(".run").resolve("dev-issuer-key.json"), Clock.systemUTC());
    }

    /**
     * The environment of one service: its database (the application login for its pool, the migration login for its
     * migrations), the issuer, its neighbours, Redis (with its password) and its address.
     */
    static Map<String, String> environment(String service, Postgres.Database database, Identity issuer, Ports ports,
            Redis redis) {
        Map<String, String> env = new HashMap<>();
        if (database != null) {
            env.put("WARMNEST_DB_URL", database.url());
            env.put("WARMNEST_DB_USER", database.app());
            env.put("WARMNEST_DB_PASSWORD", database.appPassword());
            env.put("WARMNEST_DB_MIGRATION_USER", database.owner());
            env.put("WARMNEST_DB_MIGRATION_PASSWORD", database.ownerPassword());
        }
        env.put("WARMNEST_ISSUER", issuer.issuer());
        env.put("WARMNEST_JWKS_URI", issuer.jwksUri());
        env.put("WARMNEST_TOKEN_URI", issuer.tokenUri());
        env.put("WARMNEST_AUDIENCE", DevIssuer.AUDIENCE);
        if (SERVICES.contains(service)) {
            // only the gateway faces the network; the services answer on the loopback interface only
            env.put("SERVER_ADDRESS", "127.0.0.1");
            env.put("WARMNEST_CLIENT_ID", service);
            env.put("WARMNEST_CLIENT_SECRET", org.warmnest.keycloak.LocalKeycloak.devSecret(service));
        }
        if (issuer.keycloakUrl() != null) {
            env.put("WARMNEST_KEYCLOAK_URL", issuer.keycloakUrl());
            if ("gateway".equals(service)) {
                // the console's sign-in: the gateway is the realm's confidential client warmnest-gateway
                env.put("WARMNEST_GATEWAY_SECRET", org.warmnest.keycloak.LocalKeycloak.devSecret("warmnest-gateway"));
            }
        } else {
            env.put("WARMNEST_IDENTITY_ENABLED", "false");
        }
        if ("care-service".equals(service)) {
            env.putAll(LocalPiiKeys.environment(root().resolve(".run")));
        }
        env.put("WARMNEST_TENANT_URL", "http://127.0.0.1:" + ports.tenant());
        env.put("WARMNEST_CARE_URL", "http://127.0.0.1:" + ports.care());
        env.put("WARMNEST_BILLING_URL", "http://127.0.0.1:" + ports.billing());
        // the address clients use, for the OpenAPI documents' servers entry: the gateway's
        env.put("WARMNEST_PUBLIC_URL", "http://127.0.0.1:" + ports.gateway());
        env.put("SPRING_DATA_REDIS_HOST", Redis.HOST);
        env.put("SPRING_DATA_REDIS_PORT", String.valueOf(redis.port()));
        env.put("SPRING_DATA_REDIS_PASSWORD", redis.password());
        return env;
    }

    /**
     * The passwords of the launcher's database logins, made once per checkout and kept owner-only in
     * {@code .run/db-logins.properties} (never committed).
     */
    static java.util.function.UnaryOperator<String> keptPasswords(Path runDir, java.util.Collection<String> databases) {
        java.util.Properties kept = LocalSecrets.load(runDir.resolve(DB_LOGINS),
                "passwords of the local database logins (<database>_owner migrates, <database>_app serves)", p -> {
                    for (String database : databases) {
                        for (String login : List.of(database + "_owner", database + "_app")) {
                            if (!p.containsKey(login)) {
                                p.setProperty(login, LocalSecrets.random(24));
                            }
                        }
                    }
                });
        return login -> java.util.Objects.requireNonNull(kept.getProperty(login), login);
    }

    /** The password of the launcher's Redis, made once per checkout and kept owner-only in {@code .run/}. */
    static String keptRedisPassword(Path runDir) {
        return LocalSecrets.load(runDir.resolve(REDIS_PASSWORD), "password of the local Redis (requirepass)", p -> {
            if (!p.containsKey("password")) {
                p.setProperty("password", LocalSecrets.random(24));
            }
        }).getProperty("password");
    }

    static final String DB_LOGINS = "db-logins.properties";
    static final String REDIS_PASSWORD = "redis.properties";

    /** Stops the given children at the same time, each with the grace period, then forcibly. */
    static void stopAll(List<ServiceProcess> children) {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (ServiceProcess child : children) {
            stopping.add(CompletableFuture.runAsync(() -> child.stop(STOP_GRACE)));
        }
        stopping.forEach(CompletableFuture::join);
    }
}
