package org.warmnest.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provisions N tenants through tenant-service's API on fresh databases, then restarts care-service and
 * tenant-service against the N schemas, and prints what it took. Not a test: run it with
 * {@code scripts/bench-provisioning [N...]}.
 */
public final class ProvisioningBenchmark {

    /** Ports of their own, so a running launcher is left alone. */
    static final LocalStack.Ports PORTS = new LocalStack.Ports(18180, 18080, 18081, 18082, 18083, 19180);
    static final int CLIENT_CONCURRENCY = 8;
    private static final Pattern MIGRATION_LINE = Pattern.compile("Tenant schemas: (\\d+) checked.* in (\\d+) ms");

    record Result(int n, Duration wall, Duration median, Duration p95, Duration careStart, Duration tenantStart) {

        double perTenantSeconds() {
            return wall.toMillis() / 1000.0 / n;
        }
    }

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final List<ServiceProcess> running = Collections.synchronizedList(new ArrayList<>());
    private final Path root;
    private final Postgres postgres;
    private final DevIssuer issuer;

    private ProvisioningBenchmark(Path root, Postgres postgres, DevIssuer issuer) {
        this.root = root;
        this.postgres = postgres;
        this.issuer = issuer;
    }

    public static void main(String[] args) throws Exception {
        Launcher.quietLibraries();
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10, 100, 1000);
        }
        Path root = LocalStack.root();
        for (String service : LocalStack.SERVICES) {
            if (!Files.isRegularFile(ServiceProcess.jar(root, service))) {
                throw new IllegalStateException(ServiceProcess.jar(root, service) + " is missing: build first");
            }
        }
        try (Postgres postgres = Postgres.localOrEmbedded(root.resolve(".run").resolve("pg"));
                Redis redis = Redis.start();
                DevIssuer issuer = LocalStack.issuer(root, PORTS.issuer())) {
            issuer.start();
            ServiceProcess.clearCopies(root.resolve(".run").resolve("bench-jars"));
            ProvisioningBenchmark bench = new ProvisioningBenchmark(root, postgres, issuer);
            Thread stopper = new Thread(bench::stopRunning, "benchmark-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            bench.out.println("Provisioning benchmark on " + postgres.describe() + ", " + redis.describe() + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs, " + CLIENT_CONCURRENCY
                    + " concurrent client requests");
            List<Result> results = new ArrayList<>();
            for (int n : sizes) {
                results.add(bench.run(n, redis));
            }
            bench.printTable(results);
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
    }

    private Result run(int n, Redis redis) throws Exception {
        out.println();
        out.println("== N = " + n + " (load average now " + loadAverage() + ")");
        Map<String, Postgres.Database> databases = new LinkedHashMap<>();
        for (String service : LocalStack.SERVICES) {
            String name = "warmnest_bench_" + n + "_" + service.substring(0, service.indexOf('-'));
            postgres.dropDatabase(name);
            databases.put(service, postgres.prepare(name, Postgres.freshPasswords()));
        }
        Path logs = root.resolve(".run").resolve("logs");
        Path jars = root.resolve(".run").resolve("bench-jars"); // copied once per benchmark run
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        for (String service : LocalStack.SERVICES) {
            services.put(service, new ServiceProcess(service, port(service), root,
                    LocalStack.environment(service, databases.get(service), LocalStack.Identity.of(issuer), PORTS,
                            redis),
                    logs.resolve("bench-" + n + "-" + service + ".log")).runFromCopyIn(jars));
        }
        try {
            for (ServiceProcess s : services.values()) {
                start(s);
            }
            for (ServiceProcess s : services.values()) {
                s.awaitReady(LocalStack.READY_TIMEOUT);
            }
            out.println("services ready; provisioning " + n + " tenants…");
            Provisioning p = provision(n);
            out.printf("provisioned %d tenants in %.1f s: %.3f s per tenant; create→ACTIVE median %.2f s, p95 %.2f s%n",
                    n, p.wall.toMillis() / 1000.0, p.wall.toMillis() / 1000.0 / n, p.median.toMillis() / 1000.0,
                    p.p95.toMillis() / 1000.0);

            Duration careStart = restart(services, "care-service", n);
            Duration tenantStart = restart(services, "tenant-service", n);
            out.println("(load average now " + loadAverage() + ")");
            return new Result(n, p.wall, p.median, p.p95, careStart, tenantStart);
        } finally {
            stopRunning();
            for (Postgres.Database database : databases.values()) {
                postgres.dropDatabase(database.name());
            }
        }
    }

    private int port(String service) {
        return switch (service) {
        case "tenant-service" -> PORTS.tenant();
        case "care-service" -> PORTS.care();
        default -> PORTS.billing();
        };
    }

    private void start(ServiceProcess s) throws IOException {
        running.add(s);
        s.start();
    }

    /** Stops the service, starts it again against the same database and measures process start → ready. */
    private Duration restart(Map<String, ServiceProcess> services, String name, int n) throws Exception {
        ServiceProcess old = services.get(name);
        old.stop(LocalStack.STOP_GRACE);
        running.remove(old);
        ServiceProcess again = new ServiceProcess(name, old.port(), root, old.environment(),
                old.log().resolveSibling("bench-" + n + "-" + name + "-restart.log")).runFrom(old);
        services.put(name, again);
        start(again);
        Duration took = again.awaitReady(LocalStack.READY_TIMEOUT);
        out.printf("%s restarted with %d tenant schemas: ready in %.1f s (%s)%n", name, n, took.toMillis() / 1000.0,
                migrationLine(again.log()));
        return took;
    }

    private record Provisioning(Duration wall, Duration median, Duration p95) {
    }

    /**
     * Creates the tenants, cities first, {@value #CLIENT_CONCURRENCY} requests at a time, while one poller
     * lists the tenants' statuses, until all are active.
     */
    private Provisioning provision(int n) throws Exception {
        List<BenchmarkTenants.Tenant> tenants = BenchmarkTenants.of(n);
        TenantDirectory directory = new TenantDirectory(
                new ApiClient("http://127.0.0.1:" + PORTS.tenant(), issuer.tokenUri(), "platform-admin",
                        DevIssuer.DEMO_PASSWORD, DevIssuer.USER_CLIENT));
        Map<String, Long> createdAt = new ConcurrentHashMap<>();
        Map<String, Long> activeAt = new ConcurrentHashMap<>();
        Duration timeout = Duration.ofSeconds(Math.max(300, n * 5L));
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();

        Thread poller = new Thread(() -> poll(directory, createdAt, activeAt, n, deadline), "benchmark-poller");
        poller.start();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_CONCURRENCY);
        try {
            create(clients, directory, tenants.stream().filter(BenchmarkTenants.Tenant::isCity).toList(), createdAt,
                    deadline);
            create(clients, directory, tenants.stream().filter(t -> !t.isCity()).toList(), createdAt, deadline);
        } finally {
            clients.shutdownNow();
        }
        poller.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 5_000));
        if (activeAt.size() < n) {
            poller.interrupt();
            throw new IllegalStateException(activeAt.size() + " of " + n + " tenants became ACTIVE within "
                    + timeout.toSeconds() + " s; see .run/logs/bench-" + n + "-*.log");
        }
        long last = Collections.max(activeAt.values());
        List<Long> latencies = new ArrayList<>();
        for (var e : activeAt.entrySet()) {
            latencies.add(e.getValue() - createdAt.get(e.getKey()));
        }
        Collections.sort(latencies);
        return new Provisioning(Duration.ofNanos(last - start), Duration.ofNanos(percentile(latencies, 50)),
                Duration.ofNanos(percentile(latencies, 95)));
    }

    private void create(ExecutorService clients, TenantDirectory directory, List<BenchmarkTenants.Tenant> batch,
            Map<String, Long> createdAt, long deadline) throws Exception {
        List<Future<?>> calls = new ArrayList<>();
        for (BenchmarkTenants.Tenant t : batch) {
            calls.add(clients.submit(() -> {
                createdAt.putIfAbsent(t.code(), System.nanoTime());
                createPatiently(directory, t, deadline);
                return null;
            }));
        }
        for (Future<?> call : calls) {
            call.get();
        }
    }

    /** A district whose city is still being provisioned may be refused for a while; that is retried. */
    private static void createPatiently(TenantDirectory directory, BenchmarkTenants.Tenant t, long deadline)
            throws Exception {
        while (true) {
            try {
                directory.create(t.code(), t.name());
                return;
            } catch (IllegalStateException e) {
                boolean retriable = e.getMessage().contains("HTTP 409") || e.getMessage().contains("HTTP 422")
                        || e.getMessage().contains("HTTP 503");
                if (!retriable || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** One list request per round, however many tenants are pending. */
    private static void poll(TenantDirectory directory, Map<String, Long> createdAt, Map<String, Long> activeAt,
            int n, long deadline) {
        while (activeAt.size() < n && System.nanoTime() < deadline) {
            try {
                Map<String, String> statuses = directory.statuses();
                long now = System.nanoTime();
                for (var e : statuses.entrySet()) {
                    if (TenantDirectory.ACTIVE.equals(e.getValue()) && createdAt.containsKey(e.getKey())) {
                        activeAt.putIfAbsent(e.getKey(), now);
                    }
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a slow or restarting tenant-service: read again
            }
        }
    }

    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String migrationLine(Path log) {
        try {
            String found = "no migration report in the log";
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher m = MIGRATION_LINE.matcher(line);
                if (m.find()) {
                    found = "schema check " + m.group(2) + " ms for " + m.group(1) + " schemas";
                }
            }
            return found;
        } catch (IOException e) {
            return "log unreadable";
        }
    }

    private void printTable(List<Result> results) {
        out.println();
        out.println("Provisioning through the API and start-up with N up-to-date tenant schemas");
        out.printf("%6s %10s %12s %10s %10s %14s %16s%n", "N", "wall s", "s/tenant", "p50 s", "p95 s",
                "care start s", "tenant start s");
        for (Result r : results) {
            out.printf("%6d %10.1f %12.3f %10.2f %10.2f %14.1f %16.1f%n", r.n(), r.wall().toMillis() / 1000.0,
                    r.perTenantSeconds(), r.median().toMillis() / 1000.0, r.p95().toMillis() / 1000.0,
                    r.careStart().toMillis() / 1000.0, r.tenantStart().toMillis() / 1000.0);
        }
        Result r100 = results.stream().filter(r -> r.n() == 100).findFirst().orElse(null);
        Result r1000 = results.stream().filter(r -> r.n() == 1000).findFirst().orElse(null);
        if (r100 != null && r1000 != null) {
            out.printf("T(1000)/T(100): care-service %.2f, tenant-service %.2f (aim ≤ 12)%n",
                    ratio(r1000.careStart(), r100.careStart()), ratio(r1000.tenantStart(), r100.tenantStart()));
        }
        boolean perTenant = results.stream().allMatch(r -> r.perTenantSeconds() <= 1.0);
        out.println("Aims: ≤ 1 s per tenant provisioned: " + (perTenant ? "met" : "NOT met")
                + (r1000 == null ? ""
                        : "; start-up with 1,000 schemas ≤ 20 s: "
                                + (r1000.careStart().toMillis() <= 20_000 && r1000.tenantStart().toMillis() <= 20_000
                                        ? "met"
                                        : "NOT met")));
    }

    /** Other work on the same cores skews every figure here, so the output says how busy the machine was. */
    private static String loadAverage() {
        return String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    }

    private static double ratio(Duration a, Duration b) {
        return (double) a.toMillis() / Math.max(1, b.toMillis());
    }

    private void stopRunning() {
        List<ServiceProcess> copy;
        synchronized (running) {
            copy = List.copyOf(running);
            running.clear();
        }
        LocalStack.stopAll(copy);
    }
}
