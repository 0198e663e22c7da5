package org.warmnest.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a care benchmark runs against: PostgreSQL and Redis (local, else embedded), the dev issuer, and the three
 * services from copies of their jars, each on a fresh database of the benchmark's own ({@code warmnest_bench_<name>_*}),
 * care-service with its heap capped. Closing stops the services, then the servers; a shutdown hook stops the
 * services if the benchmark is interrupted.
 */
final class BenchmarkStack implements AutoCloseable {

    final Path root;
    final LocalStack.Ports ports = ProvisioningBenchmark.PORTS;
    final Postgres postgres;
    final Redis redis;
    final DevIssuer issuer;
    final String careDb;
    final ServiceProcess care;
    private final List<ServiceProcess> running = new ArrayList<>();
    private final Thread stopper = new Thread(() -> LocalStack.stopAll(running), "benchmark-stop");

    /** Checks that the jars are built. */
    static Path root() {
        Path root = LocalStack.root();
        for (String service : LocalStack.SERVICES) {
            if (!Files.isRegularFile(ServiceProcess.jar(root, service))) {
                throw new IllegalStateException(ServiceProcess.jar(root, service) + " is missing: build first");
            }
        }
        return root;
    }

    BenchmarkStack(Path root, String name, String title, int careHeapMb, PrintStream out) throws Exception {
        this.root = root;
        this.postgres = Postgres.localOrEmbedded(root.resolve(".run").resolve("pg"));
        Redis r = null;
        DevIssuer i = null;
        try {
            r = Redis.start();
            i = LocalStack.issuer(root, ports.issuer());
            i.start();
            Runtime.getRuntime().addShutdownHook(stopper);
            out.println(title + " on " + postgres.describe() + ", " + Runtime.getRuntime().availableProcessors()
                    + " CPUs");
            Path jars = root.resolve(".run").resolve("bench-jars");
            ServiceProcess.clearCopies(jars);
            String careDatabase = null;
            for (String service : LocalStack.SERVICES) {
                String db = "warmnest_bench_" + name.replace('-', '_') + "_" + service.substring(0, service.indexOf('-'));
                postgres.dropDatabase(db);
                Postgres.Database database = postgres.prepare(db, Postgres.freshPasswords());
                if (service.equals("care-service")) {
                    careDatabase = db;
                }
                int port = switch (service) {
                    case "tenant-service" -> ports.tenant();
                    case "care-service" -> ports.care();
                    default -> ports.billing();
                };
                Map<String, String> env = new HashMap<>(LocalStack.environment(service, database,
                        LocalStack.Identity.of(i), ports, r));
                if (service.equals("care-service")) {
                    env.put("JAVA_TOOL_OPTIONS", "-Xmx" + careHeapMb + "m");
                }
                ServiceProcess p = new ServiceProcess(service, port, root, env,
                        root.resolve(".run").resolve("logs").resolve("bench-" + name + "-" + service + ".log"))
                        .runFromCopyIn(jars);
                running.add(p);
                p.start();
            }
            for (ServiceProcess p : running) {
                p.awaitReady(LocalStack.READY_TIMEOUT);
            }
            this.careDb = careDatabase;
            this.care = running.stream().filter(p -> p.name().equals("care-service")).findFirst().orElseThrow();
        } catch (Exception | Error e) {
            LocalStack.stopAll(running);
            if (i != null) {
                i.close();
            }
            if (r != null) {
                r.close();
            }
            postgres.close();
            throw e;
        }
        this.redis = r;
        this.issuer = i;
    }

    /** Onboards the tenants through tenant-service as the platform admin, each active before the next. */
    void onboard(String... codesAndNames) throws Exception {
        TenantDirectory directory = new TenantDirectory(new ApiClient("http://127.0.0.1:" + ports.tenant(),
                issuer.tokenUri(), "platform-admin", DevIssuer.DEMO_PASSWORD, DevIssuer.USER_CLIENT));
        for (int k = 0; k < codesAndNames.length; k += 2) {
            directory.create(codesAndNames[k], codesAndNames[k + 1]);
            directory.awaitActive(codesAndNames[k], Duration.ofSeconds(120));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            LocalStack.stopAll(running);
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        } finally {
            try {
                issuer.close();
            } finally {
                try {
                    redis.close();
                } finally {
                    postgres.close();
                }
            }
        }
    }
}
