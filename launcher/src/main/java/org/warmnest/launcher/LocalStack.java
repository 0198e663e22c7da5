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

    /** The environment of one service: its database, the issuer, its neighbours and Redis. */
    static Map<String, String> environment(String service, String databaseUrl, Identity issuer, Ports ports,
            int redisPort) {
        Map<String, String> env = new HashMap<>();
        if (databaseUrl != null) {
            env.put("WARMNEST_DB_URL", databaseUrl);
            env.put("WARMNEST_DB_USER", Postgres.USER);
            env.put("WARMNEST_DB_PASSWORD", "");
        }
        env.put("WARMNEST_ISSUER", issuer.issuer());
        env.put("WARMNEST_JWKS_URI", issuer.jwksUri());
        env.put("WARMNEST_TOKEN_URI", issuer.tokenUri());
        env.put("WARMNEST_AUDIENCE", DevIssuer.AUDIENCE);
        if (SERVICES.contains(service)) {
            env.put("WARMNEST_CLIENT_ID", service);
            env.put("WARMNEST_CLIENT_SECRET", org.warmnest.keycloak.LocalKeycloak.devSecret(service));
        }
        if (issuer.keycloakUrl() != null) {
            env.put("WARMNEST_KEYCLOAK_URL", issuer.keycloakUrl());
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
        env.put("SPRING_DATA_REDIS_PORT", String.valueOf(redisPort));
        return env;
    }

    /** Stops the given children at the same time, each with the grace period, then forcibly. */
    static void stopAll(List<ServiceProcess> children) {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (ServiceProcess child : children) {
            stopping.add(CompletableFuture.runAsync(() -> child.stop(STOP_GRACE)));
        }
        stopping.forEach(CompletableFuture::join);
    }
}
