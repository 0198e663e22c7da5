package org.warmnest.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.warmnest.keycloak.LocalKeycloak;

/**
 * Runs WarmNest on one machine: PostgreSQL and Redis (the local ones, else embedded), Keycloak with the realm,
 * the three services and the gateway as child processes, and the demo. Ctrl-C stops all of it.
 */
public final class Launcher {

    static final Map<String, String> DATABASES = Map.of("tenant-service", "warmnest_tenant", "care-service",
            "warmnest_care", "billing-service", "warmnest_billing");

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final List<ServiceProcess> children = new ArrayList<>();
    private final long started = System.nanoTime();
    private Postgres postgres;
    private Redis redis;
    private LocalKeycloak keycloak;
    private Leftovers leftovers;
    private Path pgData;
    private boolean stopped;

    public static void main(String[] args) throws Exception {
        String[] rest = args.length > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        if (args.length > 0 && args[0].equals("bench-provisioning")) {
            ProvisioningBenchmark.main(rest);
            return;
        }
        if (args.length > 0 && args[0].equals("bench-elders")) {
            ElderBenchmark.main(rest);
            return;
        }
        if (args.length > 0 && args[0].equals("bench-cadence")) {
            CadenceBenchmark.main(rest);
            return;
        }
        if (args.length > 0 && args[0].equals("bench-mutual-aid")) {
            MutualAidBenchmark.main(rest);
            return;
        }
        if (args.length > 0 && args[0].equals("bench-approvals")) {
            ApprovalBenchmark.main(rest);
            return;
        }
        if (args.length > 0 && args[0].equals("bench-gateway")) {
            GatewayBenchmark.main(rest);
            return;
        }
        if (args.length > 0 && args[0].equals("load-demo")) {
            // the demo again, against a product already running on the default ports (scripts/run)
            quietLibraries();
            new DemoData("http://127.0.0.1:" + LocalStack.Ports.DEFAULT.gateway(), "http://127.0.0.1:"
                    + LocalStack.Ports.DEFAULT.issuer() + "/realms/" + LocalKeycloak.REALM
                    + "/protocol/openid-connect/token", new PrintStream(System.out, true, StandardCharsets.UTF_8))
                    .load();
            return;
        }
        if (args.length > 0 && args[0].equals("dev-issuer")) {
            DevIssuer.main(rest); // the issuer alone, for services run from an IDE
            return;
        }
        quietLibraries();
        Launcher launcher = new Launcher();
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "launcher-stop"));
        try {
            launcher.run();
        } catch (Exception e) {
            System.err.println("\nWarmNest did not start: " + e.getMessage());
            System.exit(1);
        }
    }

    static void quietLibraries() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // the spreadsheet library logs through Log4j's API, which otherwise warns that it has no provider
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }

    private void run() throws Exception {
        Path root = LocalStack.root();
        Path runDir = root.resolve(".run");
        LocalStack.Ports ports = LocalStack.Ports.DEFAULT;

        out.println("Starting WarmNest from " + root);
        leftovers = new Leftovers(runDir);
        leftovers.reap(out);
        pgData = runDir.resolve("pg");
        postgres = Postgres.localOrEmbedded(pgData);
        out.println("  " + postgres.describe());
        redis = Redis.start(LocalStack.keptRedisPassword(runDir));
        out.println("  " + redis.describe());
        var passwords = LocalStack.keptPasswords(runDir, DATABASES.values());
        Map<String, Postgres.Database> databases = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : DATABASES.entrySet()) {
            databases.put(e.getKey(), postgres.prepare(e.getValue(), passwords));
        }
        out.println("  databases " + String.join(", ", new java.util.TreeSet<>(DATABASES.values()))
                + ", each with a migration login <database>_owner and the services' login <database>_app");

        if (!Postgres.Net.isFree(ports.issuer())) {
            throw new IllegalStateException("port " + ports.issuer()
                    + " for Keycloak is already in use: is another launcher running?");
        }
        // The demo's switch: no one-time code at sign-in (WARMNEST_OTP=CONDITIONAL keeps it, as in production).
        keycloak = LocalKeycloak.builder(root).ports(ports.issuer(), ports.keycloakManagement())
                .storage(LocalKeycloak.Storage.FILE)
                .env("WARMNEST_OTP", System.getenv().getOrDefault("WARMNEST_OTP", "DISABLED"))
                // where the console's sign-in comes back to
                .env("WARMNEST_PUBLIC_URL", "http://127.0.0.1:" + ports.gateway()).build();
        out.println("  starting Keycloak " + LocalKeycloak.VERSION + " (log: " + root.relativize(keycloak.log())
                + ")");
        CompletableFuture<java.time.Duration> keycloakReady = CompletableFuture.supplyAsync(() -> {
            try {
                return keycloak.start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        LocalStack.Identity issuer = new LocalStack.Identity(keycloak.issuer(), keycloak.jwksUri(),
                keycloak.tokenUri(), keycloak.serverUrl());

        Path logs = runDir.resolve("logs");
        Path jars = runDir.resolve("jars");
        ServiceProcess.clearCopies(jars);
        for (String service : LocalStack.SERVICES) {
            int port = switch (service) {
            case "tenant-service" -> ports.tenant();
            case "care-service" -> ports.care();
            default -> ports.billing();
            };
            children.add(new ServiceProcess(service, port, root, LocalStack.environment(service,
                    databases.get(service), issuer, ports, redis), logs.resolve(service + ".log")).runFromCopyIn(jars));
        }
        children.add(new ServiceProcess("gateway", ports.gateway(), root,
                LocalStack.environment("gateway", null, issuer, ports, redis), logs.resolve("gateway.log")).runFromCopyIn(jars));
        synchronized (this) {
            if (stopped) {
                return;
            }
            for (ServiceProcess child : children) {
                child.start();
            }
        }
        remember();
        try {
            out.printf("  Keycloak is ready on %s (%.1f s)%n", keycloak.serverUrl(),
                    keycloakReady.join().toMillis() / 1000.0);
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("Keycloak did not start: " + e.getCause().getMessage(), e);
        }
        for (ServiceProcess child : children) {
            out.println("  waiting for " + child.name() + " (log: " + root.relativize(child.log()) + ")");
            var took = child.awaitReady(LocalStack.READY_TIMEOUT);
            out.printf("  %s is ready on %s (%.1f s)%n", child.name(), child.url(), took.toMillis() / 1000.0);
        }

        remember();
        String gateway = "http://127.0.0.1:" + ports.gateway();
        out.println("Loading the demo through the gateway…");
        long demoStart = System.nanoTime();
        try {
            new DemoData(gateway, keycloak.tokenUri(), out).load();
            out.printf("  (the demo took %.1f s)%n", (System.nanoTime() - demoStart) / 1e9);
        } catch (RuntimeException | IOException e) {
            out.println("  the demo was not loaded: " + e.getMessage());
            out.println("  (the services keep running; see .run/logs/)");
        }

        printSummary(gateway);
        watchChildren();
    }

    private void printSummary(String gateway) {
        out.println();
        out.printf("WarmNest is running (up in %.0f s). Ctrl-C stops everything.%n",
                (System.nanoTime() - started) / 1e9);
        out.println("  Console:          " + gateway + "/   (sign in as a demo user below)");
        out.println("  Gateway:          " + gateway);
        for (ServiceProcess child : children) {
            if (!child.name().equals("gateway")) {
                out.printf("  %-17s %s/swagger-ui.html%n", child.name() + ":", child.url());
            }
        }
        out.println("  Swagger UI:       " + gateway + "/swagger-ui.html");
        out.println("  Keycloak:         " + keycloak.serverUrl() + "/admin/ (realm " + LocalKeycloak.REALM
                + "; users are managed through tenant-service)");
        out.println("  Token endpoint:   " + keycloak.tokenUri());
        out.println("  Logs:             .run/logs/<service>.log");
        out.println();
        out.println("Demo users (password: " + DemoUsers.PASSWORD + "; one-time code "
                + (otpSkipped() ? "skipped: WARMNEST_OTP=DISABLED" : "required for the roles marked *") + "):");
        for (DemoUsers.User user : DemoUsers.ALL) {
            out.printf("  %-26s %-20s %-7s %s%n", user.username(), user.role() + (user.otp() ? "*" : ""),
                    user.tenant() == null ? "-" : user.tenant(), user.description());
        }
        out.println();
        out.println("Example (command-line client " + DemoUsers.CLI_CLIENT + "):");
        out.println("  TOKEN=$(curl -s " + keycloak.tokenUri() + " -d grant_type=password -d client_id="
                + DemoUsers.CLI_CLIENT + " -d username=yuxi-bureau-admin -d password=" + DemoUsers.PASSWORD
                + " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" " + gateway + TenantDirectory.PATH + "/"
                + DemoData.CITY.code());
    }

    private static boolean otpSkipped() {
        return !"CONDITIONAL".equals(System.getenv().getOrDefault("WARMNEST_OTP", "DISABLED"));
    }

    /** Says so when a child dies on its own, and keeps the others running. */
    private void watchChildren() throws InterruptedException {
        Set<String> reported = new HashSet<>();
        while (true) {
            for (ServiceProcess child : children) {
                if (!child.isAlive() && !stopping() && reported.add(child.name())) {
                    out.println(child.name() + " has stopped; see " + child.log());
                }
            }
            Thread.sleep(2000);
        }
    }

    /** Writes down every process this launcher runs, for the next run should this one be killed outright. */
    private void remember() throws IOException {
        List<ProcessHandle> running = new ArrayList<>(ProcessHandle.current().descendants().toList());
        if (postgres.isEmbedded()) {
            Leftovers.postmaster(pgData).ifPresent(running::add);
        }
        leftovers.record(running);
    }

    private synchronized boolean stopping() {
        return stopped;
    }

    private void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        out.println("\nStopping WarmNest…");
        LocalStack.stopAll(children);
        if (keycloak != null) {
            keycloak.close();
        }
        try {
            if (redis != null) {
                redis.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            System.err.println("stopping the embedded servers: " + e.getMessage());
        }
        if (leftovers != null) {
            leftovers.clear();
        }
        out.println("Stopped.");
    }
}
