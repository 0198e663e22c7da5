package org.warmnest.launcher;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.warmnest.keycloak.Totp;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * What the gateway costs: the same database-backed GET (a district's streets, read by its auditor) straight to
 * tenant-service and through the gateway (JWT check, tenant and revocation state and rate limit in Redis, header
 * scrubbing, trace id, proxying), in alternating rounds of one run on loopback; and the local Keycloak's rate of
 * client-credentials tokens. A closed-loop JVM load generator with a fixed number of connections; the figures are
 * ratios to the direct call measured alongside, since the machine is shared.
 *
 * <p>{@code scripts/bench-gateway [connections] [seconds-per-round] [rounds]}
 */
public final class GatewayBenchmark {

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Launcher.quietLibraries();
        OUT.println("Starting the stack (Keycloak, three services, gateway) on free ports…");
        // the benchmark measures the limiter's cost, not its refusals: limits far above the offered load
        Map<String, String> gateway = Map.of("WARMNEST_GATEWAY_RATELIMIT_USER_REPLENISHPERSECOND", "1000000",
                "WARMNEST_GATEWAY_RATELIMIT_USER_BURST", "1000000",
                "WARMNEST_GATEWAY_RATELIMIT_TENANT_REPLENISHPERSECOND", "1000000",
                "WARMNEST_GATEWAY_RATELIMIT_TENANT_BURST", "1000000");
        try (Stack stack = Stack.start(LocalStack.root().resolve("launcher/target/bench-gateway"), gateway)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String platform = login(http, stack, "platform-admin");
            String gw = stack.gatewayUrl();
            post(http, gw + "/api/tenants/v1/tenants", platform, "{\"code\":\"530400\",\"name\":\"玉溪市\"}");
            awaitActive(http, gw, platform, "530400");
            post(http, gw + "/api/tenants/v1/tenants", platform, "{\"code\":\"530402\",\"name\":\"红塔区\"}");
            awaitActive(http, gw, platform, "530402");
            String bureau = login(http, stack, "hongta-bureau-admin");
            for (int i = 1; i <= 20; i++) {
                post(http, gw + "/api/tenants/v1/tenants/530402/streets", bureau,
                        "{\"code\":\"5304020%02d\",\"name\":\"街道%d\"}".formatted(i, i));
            }
            String auditor = login(http, stack, "hongta-auditor");
            String path = "/api/tenants/v1/tenants/530402/streets";
            String direct = stack.serviceUrl("tenant-service") + path;
            String through = gw + path;

            OUT.printf("Warming up (%d connections)…%n", connections);
            for (int i = 0; i < 2; i++) { // both paths JIT-compiled before anything is counted
                run(direct, auditor, connections, 8);
                run(through, auditor, connections, 8);
            }
            List<Result> directs = new ArrayList<>();
            List<Result> gateways = new ArrayList<>();
            Cpu directCpu = new Cpu();
            Cpu gatewayCpu = new Cpu();
            for (int round = 1; round <= rounds; round++) {
                Cpu.Mark mark = Cpu.mark(stack);
                Result d = run(direct, auditor, connections, seconds);
                directCpu.add(mark, Cpu.mark(stack), d.requests());
                mark = Cpu.mark(stack);
                Result g = run(through, auditor, connections, seconds);
                gatewayCpu.add(mark, Cpu.mark(stack), g.requests());
                directs.add(d);
                gateways.add(g);
                OUT.printf("round %d  direct %s | gateway %s%n", round, d, g);
            }
            Result d = Result.merge(directs);
            Result g = Result.merge(gateways);
            OUT.println();
            OUT.printf("GET %s, %d connections, %d × %d s per path%n", path, connections, rounds, seconds);
            OUT.printf("  direct to tenant-service: %s%n", d);
            OUT.printf("  through the gateway:      %s%n", g);
            OUT.printf("  gateway/direct throughput %.2f (aim ≥ 0.80); p50 %.2f×; p99 %.2f× (aim ≤ 2.5×)%n",
                    g.throughput() / d.throughput(), g.p50() / d.p50(), g.p99() / d.p99());
            OUT.printf("  errors: direct %d, gateway %d%n", d.errors(), g.errors());
            OUT.printf("  CPU per request, direct:  %s%n", directCpu);
            OUT.printf("  CPU per request, gateway: %s%n", gatewayCpu);

            double tokens = tokenRate(http, stack, 4, seconds);
            OUT.printf("Keycloak client-credentials tokens: %.0f per second (4 concurrent clients, %d s)%n", tokens,
                    seconds);
        }
    }

    /** CPU time per request of the load generator, the gateway and tenant-service over the measured rounds. */
    static final class Cpu {

        record Mark(long client, long gateway, long service) {
        }

        static Mark mark(Stack stack) {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            return new Mark(os.getProcessCpuTime(), stack.cpuTime("gateway").toNanos(),
                    stack.cpuTime("tenant-service").toNanos());
        }

        private long client;
        private long gateway;
        private long service;
        private long requests;

        void add(Mark from, Mark to, long requests) {
            client += to.client() - from.client();
            gateway += to.gateway() - from.gateway();
            service += to.service() - from.service();
            this.requests += requests;
        }

        @Override
        public String toString() {
            double n = Math.max(1, requests) * 1000.0;
            return String.format("load generator %.2f ms, gateway %.2f ms, tenant-service %.2f ms", client / n / 1000,
                    gateway / n / 1000, service / n / 1000);
        }
    }

    record Result(long requests, long errors, double seconds, long[] latenciesMicros) {

        double throughput() {
            return requests / seconds;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        double percentile(double p) {
            if (latenciesMicros.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000.0;
        }

        static Result merge(List<Result> results) {
            long requests = results.stream().mapToLong(Result::requests).sum();
            long errors = results.stream().mapToLong(Result::errors).sum();
            double seconds = results.stream().mapToDouble(Result::seconds).sum();
            long[] all = results.stream().flatMapToLong(r -> Arrays.stream(r.latenciesMicros())).toArray();
            return new Result(requests, errors, seconds, all);
        }

        @Override
        public String toString() {
            return String.format("%.0f req/s, p50 %.2f ms, p99 %.2f ms", throughput(), p50(), p99());
        }
    }

    /** {@code connections} closed loops, each one request at a time on its own keep-alive connection. */
    static Result run(String url, String token, int connections, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<long[]> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        List<List<Long>> perThread = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            List<Long> mine = new ArrayList<>();
            perThread.add(mine);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            pool.execute(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long micros = (System.nanoTime() - t0) / 1000;
                        if (r.statusCode() == 200) {
                            mine.add(micros);
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] all = perThread.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
        latencies.add(all);
        return new Result(all.length, errors.get(), elapsed, all);
    }

    static double tokenRate(HttpClient http, Stack stack, int clients, int seconds) throws Exception {
        String form = "grant_type=client_credentials&client_id=care-service&client_secret="
                + org.warmnest.keycloak.LocalKeycloak.devSecret("care-service");
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.keycloak().tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        for (int i = 0; i < 50; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        AtomicLong ok = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                try {
                    while (System.nanoTime() < end) {
                        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            ok.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    // counted as missing tokens
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
        return ok.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static String login(HttpClient http, Stack stack, String username) throws Exception {
        Map<String, String> form = Map.of("grant_type", "password", "client_id", DemoUsers.CLI_CLIENT, "username",
                username, "password", DemoUsers.PASSWORD, "totp", Totp.code(Totp.DEMO_SECRET, Instant.now()));
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.keycloak().tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login of " + username + ": " + r.body());
        }
        return (String) JSONObjectUtils.parse(r.body()).get("access_token");
    }

    private static void post(HttpClient http, String url, String token, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("POST " + url + ": " + r.statusCode() + " " + r.body());
        }
    }

    private static void awaitActive(HttpClient http, String gateway, String token, String code) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway
                    + "/api/tenants/v1/tenants/" + code)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"status\":\"ACTIVE\"")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("tenant " + code + " did not become active");
    }

    private GatewayBenchmark() {
    }
}
