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

/**
 * Runs WarmNest on one machine: PostgreSQL and Redis (the local ones, else embedded), the dev token issuer,
 * the three services and the gateway as child processes, and the demo. Ctrl-C stops all of it.
 */
public final class Launcher {

    static final Map<String, String> DATABASES = Map.of("tenant-service", "warmnest_tenant", "care-service",
            "warmnest_care", "billing-service", "warmnest_billing");

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final List<ServiceProcess> children = new ArrayList<>();
    private Postgres postgres;
    private Redis redis;
    private DevIssuer issuer;
    private boolean stopped;

    public static void main(String[] args) throws Exception {
        String[] rest = args.length > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        if (args.length > 0 && args[0].equals("bench-provisioning")) {
            ProvisioningBenchmark.main(rest);
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
    }

    private void run() throws Exception {
        Path root = LocalStack.root();
        Path runDir = root.resolve(".run");
        LocalStack.Ports ports = LocalStack.Ports.DEFAULT;

        out.println("Starting WarmNest from " + root);
        postgres = Postgres.localOrEmbedded(runDir.resolve("pg"));
        out.println("  " + postgres.describe());
        redis = Redis.localOrEmbedded();
        out.println("  " + redis.describe());
        for (String database : DATABASES.values()) {
            if (postgres.createDatabaseIfMissing(database)) {
                out.println("  created database " + database);
            }
        }

        if (!Postgres.Net.isFree(ports.issuer())) {
            throw new IllegalStateException("port " + ports.issuer()
                    + " for the dev issuer is already in use: is another launcher running?");
        }
        issuer = LocalStack.issuer(root, ports.issuer());
        issuer.start();
        out.println("  dev issuer at " + issuer.issuer());

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
                    postgres.jdbcUrl(DATABASES.get(service)), issuer, ports, redis.port()), logs.resolve(service + ".log")).runFromCopyIn(jars));
        }
        children.add(new ServiceProcess("gateway", ports.gateway(), root,
                LocalStack.environment("gateway", null, issuer, ports, redis.port()), logs.resolve("gateway.log")).runFromCopyIn(jars));
        synchronized (this) {
            if (stopped) {
                return;
            }
            for (ServiceProcess child : children) {
                child.start();
            }
        }
        for (ServiceProcess child : children) {
            out.println("  waiting for " + child.name() + " (log: " + root.relativize(child.log()) + ")");
            var took = child.awaitReady(LocalStack.READY_TIMEOUT);
            out.printf("  %s is ready on %s (%.1f s)%n", child.name(), child.url(), took.toMillis() / 1000.0);
        }

        String gateway = "http://127.0.0.1:" + ports.gateway();
        out.println("Loading the demo through the gateway…");
        try {
            new DemoData(gateway, issuer.tokenUri(), out).load();
        } catch (RuntimeException | IOException e) {
            out.println("  the demo was not loaded: " + e.getMessage());
            out.println("  (the services keep running; see .run/logs/)");
        }

        printSummary(gateway);
        watchChildren();
    }

    private void printSummary(String gateway) {
        out.println();
        out.println("WarmNest is running. Ctrl-C stops everything.");
        out.println("  Gateway:          " + gateway);
        for (ServiceProcess child : children) {
            if (!child.name().equals("gateway")) {
                out.printf("  %-17s %s/swagger-ui.html%n", child.name() + ":", child.url());
            }
        }
        out.println("  Token endpoint:   " + issuer.tokenUri());
        out.println("  Logs:             .run/logs/<service>.log");
        out.println();
        out.println("Demo users (password: " + DevIssuer.DEMO_PASSWORD + ", client_id: " + DevIssuer.USER_CLIENT + "):");
        for (DevIssuer.DemoUser user : DevIssuer.DEMO_USERS) {
            out.printf("  %-26s %-20s %-7s %s%n", user.username(), String.join(",", user.roles()),
                    user.tenant() == null ? "-" : user.tenant(), user.description());
        }
        out.println();
        out.println("Example:");
        out.println("  TOKEN=$(curl -s " + issuer.tokenUri() + " -d grant_type=password -d client_id="
                + DevIssuer.USER_CLIENT + " -d username=platform-admin -d password=" + DevIssuer.DEMO_PASSWORD
                + " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" " + gateway + TenantDirectory.PATH + "/"
                + DemoData.CITY.code());
    }

    /** Says so when a child dies on its own, and keeps the others running. */
    private void watchChildren() throws InterruptedException {
        Set<String> reported = new HashSet<>();
        while (true) {
            for (ServiceProcess child : children) {
                if (!child.isAlive() && reported.add(child.name())) {
                    out.println(child.name() + " has stopped; see " + child.log());
                }
            }
            Thread.sleep(2000);
        }
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
        if (issuer != null) {
            issuer.close();
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
        out.println("Stopped.");
    }
}
