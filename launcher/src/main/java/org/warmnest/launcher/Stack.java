package org.warmnest.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.warmnest.keycloak.LocalKeycloak;

/**
 * The whole product on free loopback ports for system tests and benchmarks: PostgreSQL (local, else embedded) with
 * databases of its own, Redis, a fresh Keycloak with the realm (one-time codes required, as in production), the
 * three services and the gateway from their built jars. Everything it started stops on {@link #close()}, and its
 * databases are dropped.
 */
public final class Stack implements AutoCloseable {

    private final Path root;
    private final Path workDir;
    private final Map<String, Postgres.Database> databases = new LinkedHashMap<>();
    private final List<ServiceProcess> children = new ArrayList<>();
    private final Map<String, String> gatewayEnvironment = new HashMap<>();
    private Postgres postgres;
    private Redis redis;
    private LocalKeycloak keycloak;
    private LocalStack.Ports ports;

    private Stack(Path root, Path workDir) {
        this.root = root;
        this.workDir = workDir;
    }

    /**
     * @param workDir          where Keycloak is unpacked, the jars copied and the logs written (a module's target)
     * @param gatewayOverrides extra environment for the gateway (e.g. rate limits)
     */
    public static Stack start(Path workDir, Map<String, String> gatewayOverrides)
            throws IOException, InterruptedException {
        Stack stack = new Stack(LocalStack.root(), workDir.toAbsolutePath().normalize());
        stack.gatewayEnvironment.putAll(gatewayOverrides);
        try {
            stack.run();
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void run() throws IOException, InterruptedException {
        ports = new LocalStack.Ports(Postgres.Net.freePort(), Postgres.Net.freePort(), Postgres.Net.freePort(),
                Postgres.Net.freePort(), Postgres.Net.freePort(), Postgres.Net.freePort());
        keycloak = LocalKeycloak.builder(root).home(workDir.resolve("keycloak-" + LocalKeycloak.VERSION))
                .log(workDir.resolve("logs").resolve("keycloak.log"))
                .ports(ports.issuer(), ports.keycloakManagement()).storage(LocalKeycloak.Storage.MEMORY)
                // an administrator in the master realm, so that tests can add a signing key of their own
                .env("KC_BOOTSTRAP_ADMIN_USERNAME", "suite-admin").env("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword())
                // where the console's sign-in comes back to
                .env("WARMNEST_PUBLIC_URL", "http://127.0.0.1:" + ports.gateway())
                .build();
        CompletableFuture<Duration> keycloakReady = CompletableFuture.supplyAsync(() -> {
            try {
                return keycloak.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        postgres = Postgres.localOrEmbedded(workDir.resolve("pg"));
        redis = Redis.start();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        for (Map.Entry<String, String> e : Launcher.DATABASES.entrySet()) {
            String database = "stack_" + suffix + "_" + e.getKey().replace("-service", "");
            try {
                databases.put(e.getKey(), postgres.prepare(database, Postgres.freshPasswords()));
            } catch (java.sql.SQLException ex) {
                throw new IllegalStateException("creating database " + database, ex);
            }
        }
        LocalStack.Identity identity = new LocalStack.Identity(keycloak.issuer(), keycloak.jwksUri(),
                keycloak.tokenUri(), keycloak.serverUrl());
        Path jars = workDir.resolve("jars");
        ServiceProcess.clearCopies(jars);
        Path logs = workDir.resolve("logs");
        String statePrefix = "stack-" + suffix + ":"; // the gateway's Redis state, apart from any other run's
        for (String service : LocalStack.SERVICES) {
            int port = switch (service) {
            case "tenant-service" -> ports.tenant();
            case "care-service" -> ports.care();
            default -> ports.billing();
            };
            Map<String, String> env = new HashMap<>(LocalStack.environment(service,
                    databases.get(service), identity, ports, redis));
            env.put("WARMNEST_IDENTITY_STATEPREFIX", statePrefix);
            env.put("WARMNEST_IDENTITY_STATE_PREFIX", statePrefix);
            if (service.equals("care-service")) {
                // visit photos under the work directory too, never in the caller's working directory
                env.put("WARMNEST_EVIDENCE_LOCAL_ROOT", workDir.resolve("evidence").toString());
            }
            children.add(new ServiceProcess(service, port, root, env, logs.resolve(service + ".log"))
                    .runFromCopyIn(jars));
        }
        Map<String, String> gateway = new HashMap<>(LocalStack.environment("gateway", null, identity, ports,
                redis));
        gateway.put("WARMNEST_IDENTITY_STATEPREFIX", statePrefix);
        gateway.put("WARMNEST_IDENTITY_STATE_PREFIX", statePrefix);
        gateway.putAll(gatewayEnvironment);
        children.add(new ServiceProcess("gateway", ports.gateway(), root, gateway, logs.resolve("gateway.log"))
                .runFromCopyIn(jars));
        keycloakReady.join();
        for (ServiceProcess child : children) {
            child.start();
        }
        for (ServiceProcess child : children) {
            child.awaitReady(LocalStack.READY_TIMEOUT);
        }
    }

    private String adminPassword;

    /** The master realm's administrator ({@code suite-admin}) password of this run. */
    public String adminPassword() {
        if (adminPassword == null) {
            adminPassword = UUID.randomUUID().toString();
        }
        return adminPassword;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.gateway();
    }

    /** A service's own address, behind the gateway ({@code tenant-service}, {@code care-service}, ...). */
    public String serviceUrl(String service) {
        return children.stream().filter(c -> c.name().equals(service)).findFirst().orElseThrow().url();
    }

    /** CPU time used so far by a process of the stack ({@code gateway}, {@code tenant-service}, ...). */
    public Duration cpuTime(String name) {
        return children.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().cpuTime();
    }

    public LocalKeycloak keycloak() {
        return keycloak;
    }

    public Path logs() {
        return workDir.resolve("logs");
    }

    @Override
    public void close() {
        LocalStack.stopAll(children);
        if (keycloak != null) {
            keycloak.close();
        }
        try {
            if (postgres != null) {
                for (Postgres.Database database : databases.values()) {
                    try {
                        postgres.dropDatabase(database.name());
                        postgres.dropLogins(database);
                    } catch (java.sql.SQLException e) {
                        System.err.println("dropping " + database.name() + ": " + e.getMessage());
                    }
                }
                postgres.close();
            }
            if (redis != null) {
                redis.close();
            }
        } catch (IOException e) {
            System.err.println("stopping the stack: " + e.getMessage());
        }
    }
}
