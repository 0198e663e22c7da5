package org.warmnest.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Claim approvals against one hot allocation, next to pgbench running the same SQL in the same run:
 * <ol>
 * <li>One city, one allocation, one budget line, one signed contract whose commitment covers only part of N claims
 * of 300.00 each (a warm pack, one record a claim); the claims are opened and submitted through billing-service's
 * API (not measured).</li>
 * <li>Measured: a finance officer approves all N from C concurrent HTTP clients straight to billing-service (not
 * through the gateway), each with its idempotency key. Every approval locks the same contract row and moves money
 * out of the same commitment account, so the approvals queue on it: the claims that fit are paid, the rest
 * refused {@code 409 contract-commitment-exhausted}. Both outcomes are decisions.</li>
 * <li>Baseline: the database is copied twice ({@code pg_dump}) before the measured run, and pgbench approves the
 * same N claims in each copy with C clients, once just before the API's run and once just after (the machine is
 * shared: the mean of the two is the baseline), each transaction the SQL billing's approval transaction runs, in
 * its order (the claim and the contract locked, the lines decided, the commitment read, the conditional account
 * updates in key order, the journal entries, the register of paid services, the claim).</li>
 * <li>Checked after both: no account below zero, no claim drawn down twice, the balances paid and held equal to the
 * approved claims, the journal reconciled, and exactly the claims that fit approved.</li>
 * </ol>
 * tenant-service and care-service are stood in for by a small HTTP stub (the contractor, its engagement, and one
 * fresh billable record for each claim opened): the benchmark measures billing's approvals. A warm-up contract on
 * the same line is approved first, so the measured run finds billing's code compiled.
 *
 * <p>{@code scripts/bench-approvals [claims] [clients] [covered]}: by default 2,000 claims, 16 clients, a commitment
 * covering 1,500.
 */
public final class ApprovalBenchmark {

    static final String CITY = "220100";
    static final String DISTRICT = "220102";
    static final String SCHEMA = "t_" + CITY;
    static final UUID CONTRACTOR = UUID.fromString("22010000-0000-4000-8000-00000000c001");
    static final String USCC = "52220100MJ0000001X";
    static final UUID PROGRAM = UUID.fromString("22010000-0000-4000-8000-00000000a001");
    static final BigDecimal PRICE = new BigDecimal("300.00");
    static final String BILLING_DB = "warmnest_bench_approvals_billing";
    /** pgbench runs before and after the API, each on a copy of its own, so that drift in the load is seen. */
    static final List<String> PGBENCH_DBS = List.of("warmnest_bench_approvals_pgbench_before",
            "warmnest_bench_approvals_pgbench_after");
    static final int SETUP_CLIENTS = 4;
    static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    static final Pattern PGBENCH_LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int claims;
    private final int clients;
    private final int covered;
    private final int warmUp;
    private DevIssuer issuer;
    private String billing;

    private ApprovalBenchmark(int claims, int clients, int covered) {
        this.claims = claims;
        this.clients = clients;
        this.covered = covered;
        this.warmUp = Math.max(clients * 4, claims / 10);
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int c = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int covered = args.length > 2 ? Integer.parseInt(args[2]) : n * 3 / 4;
        if (n % c != 0 || covered > n) {
            throw new IllegalArgumentException("the claims must be a multiple of the clients (pgbench runs claims ÷"
                    + " clients transactions per client) and at least as many as the commitment covers");
        }
        Launcher.quietLibraries();
        Path root = LocalStack.root();
        if (!Files.isRegularFile(ServiceProcess.jar(root, "billing-service"))) {
            throw new IllegalStateException(ServiceProcess.jar(root, "billing-service") + " is missing: build first");
        }
        new ApprovalBenchmark(n, c, covered).run(root);
    }

    private void run(Path root) throws Exception {
        LocalStack.Ports ports = new LocalStack.Ports(Postgres.Net.freePort(), Postgres.Net.freePort(),
                Postgres.Net.freePort(), Postgres.Net.freePort(), Postgres.Net.freePort(), Postgres.Net.freePort());
        List<ServiceProcess> running = new ArrayList<>();
        HttpServer neighbours = neighbours(ports.tenant());
        try (Postgres postgres = Postgres.localOrEmbedded(root.resolve(".run").resolve("pg"));
                Redis redis = Redis.start();
                DevIssuer dev = LocalStack.issuer(root, ports.issuer())) {
            if (postgres.isEmbedded()) {
                throw new IllegalStateException("pgbench needs the local PostgreSQL at 127.0.0.1:5432");
            }
            issuer = dev;
            issuer.start();
            neighbours.start();
            Thread stopper = new Thread(() -> LocalStack.stopAll(running), "benchmark-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            out.println("Approval benchmark on " + postgres.describe() + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs; " + pgbenchVersion());
            postgres.dropDatabase(BILLING_DB);
            for (String db : PGBENCH_DBS) {
                postgres.dropDatabase(db);
            }
            Postgres.Database billingDatabase = postgres.prepare(BILLING_DB, Postgres.freshPasswords());
            Path jars = root.resolve(".run").resolve("bench-jars");
            ServiceProcess.clearCopies(jars);
            Map<String, String> env = new HashMap<>(LocalStack.environment("billing-service",
                    billingDatabase, LocalStack.Identity.of(issuer), ports, redis));
            // the neighbours: one stub answers for tenant-service and care-service (their paths do not overlap)
            env.put("WARMNEST_SERVICES_TENANT_URL", "http://127.0.0.1:" + ports.tenant());
            env.put("WARMNEST_SERVICES_CARE_URL", "http://127.0.0.1:" + ports.tenant());
            env.putAll(extraEnvironment());
            // no tenant-service writes the identity state here: the benchmark marks it whole under its own prefix
            String statePrefix = "bench-approvals-" + UUID.randomUUID() + ":";
            env.put("WARMNEST_IDENTITY_STATE_PREFIX", statePrefix);
            redis.markIdentityStateSynced(statePrefix);
            ServiceProcess service = new ServiceProcess("billing-service", ports.billing(), root, env,
                    root.resolve(".run").resolve("logs").resolve("bench-approvals-billing-service.log"))
                    .runFromCopyIn(jars);
            running.add(service);
            service.start();
            Duration ready = service.awaitReady(LocalStack.READY_TIMEOUT);
            out.printf("billing-service ready in %.1f s; tenant-service and care-service stood in for by a stub%n",
                    ready.toMillis() / 1e3);
            billing = service.url() + "/api/billing/v1/tenants/" + CITY;
            provision(service.url(), CITY, null, "长春市");
            provision(service.url(), DISTRICT, CITY, "南关区");

            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            LocalDate start = today.minusDays(100);
            long t0 = System.nanoTime();
            String line = budgetLine(today.getYear());
            String warmContract = contract("CC-BENCH-W", start, line, PRICE.multiply(BigDecimal.valueOf(warmUp * 3L / 4)));
            String contract = contract("CC-BENCH-M", start, line, PRICE.multiply(BigDecimal.valueOf(covered)));
            List<String> warm = openAndSubmit(warmContract, start, warmUp);
            List<String> measured = openAndSubmit(contract, start, claims);
            out.printf("set up: allocation, budget line, 2 contracts signed, %,d + %,d claims opened and submitted"
                    + " (%.0f s)%n", warmUp, claims, (System.nanoTime() - t0) / 1e9);

            Run w = approveAll(warm);
            out.printf("warm-up: %,d claims on another contract of the same line: %s%n", warmUp, w);

            for (String db : PGBENCH_DBS) {
                copyDatabase(postgres, db, contract);
            }
            out.printf("%ncopied the database twice for pgbench (%s)%n", String.join(", ", PGBENCH_DBS));

            out.printf("%nmeasured: %,d claims of %s yuan, a commitment covering %,d, %d concurrent clients%n",
                    claims, PRICE.toPlainString(), covered, clients);
            Pgbench before = pgbench(PGBENCH_DBS.get(0));
            Run api = approveAll(measured);
            Pgbench after = pgbench(PGBENCH_DBS.get(1));
            double pgTps = (before.tps() + after.tps()) / 2;
            double apiDecisions = api.decisionsPerSecond();
            out.println();
            out.printf("  pgbench before %s%n", before);
            out.printf("  billing API    %,d approved + %,d refused (insufficient), %d other, in %.2f s:"
                    + " %.1f approvals/s, %.1f decisions/s, p50 %.1f ms, p95 %.1f ms%n", api.approved(),
                    api.refused(), api.other(), api.seconds(), api.approved() / api.seconds(), apiDecisions,
                    api.p50(), api.p95());
            out.printf("  pgbench after  %s%n", after);
            out.printf("  ratio          API decisions/s ÷ pgbench tps (mean of before and after, %.1f) = %.3f"
                    + " (aim ≥ 0.20); against before alone %.3f, after alone %.3f%n", pgTps, apiDecisions / pgTps,
                    apiDecisions / before.tps(), apiDecisions / after.tps());

            out.println();
            Checks billingChecks = check(postgres.jdbcUrl(BILLING_DB), contract, api.approvedIds());
            boolean balanced = balanced();
            out.printf("  billing:  %s; reconciliation %s%n", billingChecks, balanced ? "balanced" : "NOT BALANCED");
            boolean ok = billingChecks.ok(covered) && balanced && api.approved() == covered && api.other() == 0;
            for (String db : PGBENCH_DBS) {
                Checks pgChecks = check(postgres.jdbcUrl(db), contract, null);
                out.printf("  %s: %s%n", db, pgChecks);
                ok &= pgChecks.ok(covered);
            }
            ok &= before.approved() == covered && after.approved() == covered;
            out.println(ok ? "  all checks passed" : "  CHECKS FAILED");
            Runtime.getRuntime().removeShutdownHook(stopper);
        } finally {
            neighbours.stop(0);
            LocalStack.stopAll(running);
        }
    }

    /**
     * billing's database URL may be given ({@code WARMNEST_BENCH_BILLING_DB_URL}), e.g. with
     * {@code ?options=-c%20log_statement%3Dall} to see in the server's log the statements an approval runs, which
     * {@link #pgbenchScript} must follow when {@code Claims#decide} changes.
     */
    private static Map<String, String> extraEnvironment() {
        String url = System.getenv("WARMNEST_BENCH_BILLING_DB_URL");
        return url == null ? Map.of() : Map.of("WARMNEST_DB_URL", url);
    }

    // billing's neighbours

    /** tenant-service (the contractor, its engagement) and care-service (one fresh record per request). */
    private static HttpServer neighbours(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/api/tenants/v1/contractors/", ex -> reply(ex, "{\"id\":\"" + CONTRACTOR
                + "\",\"uscc\":\"" + USCC + "\",\"name\":\"长春市南关区暖阳社会工作服务中心\",\"contacts\":[]}"));
        server.createContext("/api/tenants/v1/tenants/", ex -> reply(ex, "[{\"id\":\"" + UUID.randomUUID()
                + "\",\"contractorId\":\"" + CONTRACTOR + "\",\"programOwner\":\"" + CITY + "\",\"programId\":\""
                + PROGRAM + "\",\"startDate\":\"2020-01-01\",\"endDate\":null,\"status\":\"ACTIVE\",\"version\":0}]"));
        server.createContext("/internal/v1/tenants/", ex -> {
            String path = ex.getRequestURI().getPath();
            String district = path.split("/")[4];
            String query = ex.getRequestURI().getQuery();
            Matcher from = Pattern.compile("(?:^|&)from=([0-9-]{10})").matcher(query == null ? "" : query);
            if (!district.equals(DISTRICT) || !from.find() || (query != null && query.contains("after="))) {
                reply(ex, "{\"records\":[],\"nextAfter\":null}");
                return;
            }
            UUID key = UUID.randomUUID();
            reply(ex, "{\"records\":[{\"billingKey\":\"" + key + "\",\"recordId\":\"" + UUID.randomUUID()
                    + "\",\"visitId\":\"" + UUID.randomUUID() + "\",\"amends\":null,\"elderId\":\""
                    + UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8)) + "\",\"contractorId\":\""
                    + CONTRACTOR + "\",\"programId\":\"" + PROGRAM + "\",\"district\":\"" + DISTRICT
                    + "\",\"serviceItem\":\"WARM_PACK\",\"quantity\":1,\"performedOn\":\"" + from.group(1)
                    + "\",\"status\":\"VERIFIED\",\"verifiedAt\":\"2026-01-01T00:00:00Z\",\"verifiedBy\":\"supervisor\","
                    + "\"elderEnrolled\":true}],\"nextAfter\":null}");
        });
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "neighbour-stub");
            t.setDaemon(true);
            return t;
        }));
        return server;
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(bytes);
            }
        }
    }

    // the setup, through billing's API

    private void provision(String serviceUrl, String code, String parent, String name) throws Exception {
        String token = issuer.serviceToken("tenant-service");
        String body = parent == null ? "{\"name\":\"" + name + "\"}"
                : "{\"name\":\"" + name + "\",\"parentCode\":\"" + parent + "\"}";
        expect(send("PUT", serviceUrl + "/internal/v1/provisioning/tenants/" + code, token, body), 200);
        expect(send("PUT", serviceUrl + "/internal/v1/provisioning/tenants/" + code + "/status", token,
                "{\"status\":\"ACTIVE\"}"), 200);
    }

    private String user(String name, String role, UUID contractor) {
        return issuer.userToken(new DevIssuer.DemoUser(name, "bench", CITY,
                contractor == null ? null : contractor.toString(), List.of(role)));
    }

    private String finance() {
        return user("bench-finance-officer", "finance-officer", null);
    }

    private String budgetLine(int year) throws Exception {
        String finance = finance();
        Map<String, Object> allocation = Map.of("source", "MUNICIPAL_LOTTERY", "fiscalYear", year, "documentNumber",
                "长民发〔" + year + "〕1号", "purpose", "居家养老上门服务", "amount",
                PRICE.multiply(BigDecimal.valueOf(claims + warmUp)).multiply(BigDecimal.TEN).toPlainString());
        String id = field(expect(post(billing + "/allocations", finance, allocation), 201), "id");
        return field(expect(post(billing + "/allocations/" + id + "/lines", finance, Map.of("phase", 1,
                "districtCode", DISTRICT, "name", "一期 南关区", "amount",
                PRICE.multiply(BigDecimal.valueOf(claims + warmUp)).multiply(BigDecimal.valueOf(2)).toPlainString())),
                201), "id");
    }

    /** A signed contract for the district from {@code start}, the warm pack at 300 yuan, 10 % held back. */
    private String contract(String number, LocalDate start, String line, BigDecimal value) throws Exception {
        String v = value.setScale(2).toPlainString();
        Map<String, Object> c = new ContractDraft(number, "居家养老上门服务 " + number, CONTRACTOR.toString(),
                PROGRAM.toString(), CITY, List.of(DISTRICT), value, start, "居家养老上门服务采购", List.of(
                        new ContractDraft.Quote("长春市南关区暖阳社会工作服务中心", USCC, value, "88.50", true),
                        new ContractDraft.Quote("长春市夕阳红养老服务中心", "52220100MJ00000029", value, "88.50", false),
                        new ContractDraft.Quote("吉林康乐社工服务社", "52220000MJ00000030", value, "88.50", false)),
                Map.of("WARM_PACK", PRICE.toPlainString())).body();
        String bureau = user("bench-bureau-admin", "bureau-admin", null);
        String id = field(expect(post(billing + "/contracts", bureau, c), 201), "id");
        expect(post(billing + "/contracts/" + id + "/sign", finance(), Map.of("signedOn", start.toString(),
                "commitments", List.of(Map.of("lineId", line, "amount", v)))), 200);
        return id;
    }

    /** n claims on the contract, each one day (spread over the first 90 days of its term) with one record. */
    private List<String> openAndSubmit(String contract, LocalDate start, int n) throws Exception {
        String[] ids = new String[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SETUP_CLIENTS);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < SETUP_CLIENTS; t++) {
                done.add(pool.submit(() -> {
                    String manager = user("bench-contractor-manager", "contractor-manager", CONTRACTOR);
                    long minted = System.nanoTime();
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        if (System.nanoTime() - minted > Duration.ofMinutes(3).toNanos()) {
                            manager = user("bench-contractor-manager", "contractor-manager", CONTRACTOR);
                            minted = System.nanoTime();
                        }
                        String day = start.plusDays(i % 90).toString();
                        Map<String, Object> claim = JSONObjectUtils.parse(expect(post(billing + "/contracts/"
                                + contract + "/claims", manager, Map.of("from", day, "to", day)), 201).body());
                        if (((Number) claim.get("includedLines")).intValue() != 1) {
                            throw new IllegalStateException("a claim did not include its record: " + claim);
                        }
                        ids[i] = (String) claim.get("id");
                        expect(post(billing + "/claims/" + ids[i] + "/submit", manager, Map.of()), 200);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return List.of(ids);
    }

    // the measured approvals

    record Run(int approved, int refused, int other, double seconds, List<Long> latencies, Set<String> approvedIds,
            String firstOther) {

        double decisionsPerSecond() {
            return (approved + refused) / seconds;
        }

        double p50() {
            return percentile(0.50);
        }

        double p95() {
            return percentile(0.95);
        }

        double percentile(double p) {
            if (latencies.isEmpty()) {
                return 0;
            }
            int i = (int) Math.ceil(p * latencies.size()) - 1;
            return latencies.get(Math.max(0, i)) / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%,d approved, %,d refused, %d other%s, %.1f decisions/s, p50 %.1f ms, p95 %.1f ms",
                    approved, refused, other, firstOther == null ? "" : " (" + firstOther + ")", decisionsPerSecond(),
                    p50(), p95());
        }
    }

    /** Approves every claim from {@link #clients} threads, each taking the next claim; every request timed. */
    private Run approveAll(List<String> ids) throws Exception {
        String finance = finance(); // lives five minutes: far longer than a run
        AtomicInteger next = new AtomicInteger();
        AtomicInteger approved = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(ids.size()));
        Set<String> approvedIds = Collections.synchronizedSet(new HashSet<>());
        String[] firstOther = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                        String id = ids.get(i);
                        long s = System.nanoTime();
                        HttpResponse<String> r = send("POST", billing + "/claims/" + id + "/approve", finance, "{}");
                        latencies.add(System.nanoTime() - s);
                        if (r.statusCode() == 200 && r.body().contains("\"status\":\"APPROVED\"")) {
                            approved.incrementAndGet();
                            approvedIds.add(id);
                        } else if (r.statusCode() == 409 && r.body().contains("contract-commitment-exhausted")) {
                            refused.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                            synchronized (firstOther) {
                                if (firstOther[0] == null) {
                                    firstOther[0] = "HTTP " + r.statusCode() + " " + abbreviated(r.body());
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Run(approved.get(), refused.get(), other.get(), seconds, sorted, Set.copyOf(approvedIds),
                firstOther[0]);
    }

    private boolean balanced() throws Exception {
        HttpResponse<String> r = expect(send("GET", billing + "/journal/reconciliation", finance(), null), 200);
        return Boolean.TRUE.equals(JSONObjectUtils.parse(r.body()).get("balanced"));
    }

    // the baseline

    /** A copy of billing's database as it is now (schemas, constraints, triggers, rows) for pgbench. */
    private void copyDatabase(Postgres postgres, String copy, String contract) throws Exception {
        postgres.createDatabaseIfMissing(copy);
        String conn = "-h " + Postgres.HOST + " -p " + postgres.port() + " -U " + Postgres.USER;
        Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; pg_dump " + conn + " --no-owner " + BILLING_DB
                + " | psql -q -v ON_ERROR_STOP=1 " + conn + " -d " + copy).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("copying the database failed: " + output);
        }
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(copy), Postgres.USER, "");
                Statement st = c.createStatement()) {
            // which claim the n-th transaction approves: the contract's submitted claims in the order they were opened
            st.execute("create table public.bench_claim (n int primary key, claim_id uuid not null)");
            st.execute("insert into public.bench_claim select row_number() over (order by opened_at, id), id from "
                    + SCHEMA + ".claim where status = 'SUBMITTED' and contract_id = '" + UUID.fromString(contract) + "'");
            st.execute("analyze");
        }
    }

    record Pgbench(long transactions, double tps, double latencyMs, int approved, int refused) {

        @Override
        public String toString() {
            return String.format("%,d transactions (%,d approved + %,d refused), %.1f tps, latency average %.2f ms",
                    transactions, approved, refused, tps, latencyMs);
        }
    }

    private Pgbench pgbench(String database) throws Exception {
        Path script = Files.createTempFile("bench-approvals-", ".sql");
        try {
            Files.writeString(script, pgbenchScript(clients));
            int perClient = claims / clients;
            List<String> command = List.of("pgbench", "-h", Postgres.HOST, "-p", String.valueOf(Postgres.LOCAL_PORT),
                    "-U", Postgres.USER, "-n", "-M", "prepared", "-c", String.valueOf(clients), "-j",
                    String.valueOf(Math.min(clients, 2)), "-t", String.valueOf(perClient), "-D", "k=0", "-f",
                    script.toString(), database);
            ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
            b.environment().put("PGOPTIONS", "-c search_path=" + SCHEMA);
            Process p = b.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("pgbench failed: " + output);
            }
            Matcher tps = TPS.matcher(output);
            Matcher latency = PGBENCH_LATENCY.matcher(output);
            Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(output);
            if (!tps.find() || !processed.find()) {
                throw new IllegalStateException("no tps in pgbench's output: " + output);
            }
            int[] outcome = new int[2];
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + Postgres.HOST + ":"
                    + Postgres.LOCAL_PORT + "/" + database, Postgres.USER, "");
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) filter (where c.status = 'APPROVED'),"
                            + " count(*) filter (where c.status = 'SUBMITTED') from public.bench_claim b join "
                            + SCHEMA + ".claim c on c.id = b.claim_id")) {
                rs.next();
                outcome[0] = rs.getInt(1);
                outcome[1] = rs.getInt(2);
            }
            return new Pgbench(Long.parseLong(processed.group(1)), Double.parseDouble(tps.group(1)),
                    latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN, outcome[0], outcome[1]);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * The statements of billing's approval transaction ({@code Claims#decide}), in its order, with pgbench's
     * variables where the application binds parameters. Client {@code c} approves claims c+1, c+1+C, …
     */
    static String pgbenchScript(int clients) {
        return """
                \\set n :client_id + :k * %d + 1
                \\set k :k + 1
                begin;
                -- the claim, locked (the n-th of the contract's in the order opened)
                select c.id, c.approved_amount, c.claimed_amount, c.contract_id, c.contractor_id, c.decided_at,
                       c.decided_by, c.decision_note, c.excluded_lines, c.holdback_amount, c.included_lines,
                       c.opened_at, c.opened_by, c.paid_amount, c.payment_due_on, c.period_from, c.period_to,
                       c.priced_at, c.status, c.submitted_at, c.submitted_by, c.version
                  from claim c where c.id = (select claim_id from public.bench_claim where n = :n)
                  for no key update of c \\gset c_
                -- the contract, locked: every approval queues here
                select c.id, c.awarded_on, c.closed_at, c.closed_by, c.contractor_id, c.contractor_name,
                       c.created_at, c.created_by, c.criteria, c.districts, c.end_date, c.evaluated_by,
                       c.evaluated_on, c.evaluation_grade, c.evaluation_note, c.evaluation_score,
                       c.evaluation_threshold, c.holdback_percent, c.invitation, c.milestones, c.multi_year_reason,
                       c.name, c.non_open_reason, c.number, c.payment_due_days, c.procurement_budget,
                       c.procurement_method, c.procurement_name, c.program_id, c.program_owner, c.quotes,
                       c.signed_at, c.signed_by, c.signed_on, c.start_date, c.status, c.value, c.version,
                       c.winner_reason
                  from contract c where c.id = :c_contract_id for no key update of c \\gset k_
                select p.contract_id, p.quantity_cap, p.service_item, p.unit_price from contract_price p
                  where p.contract_id = :c_contract_id;
                -- the included lines (the holdback is worked out here, in Java there)
                select id as line_id, billing_key, district, amount,
                       round(amount * :k_holdback_percent / 100, 2) as held,
                       amount - round(amount * :k_holdback_percent / 100, 2) as net
                  from claim_line where claim_id = :c_id and exclusion is null
                  order by performed_on, billing_key \\gset
                update claim_line set decision = 'REJECTED', rejection_reason = '驳回'
                  where claim_id = :c_id and exclusion is null;
                update claim_line set decision = 'APPROVED', rejection_reason = null where id = :line_id;
                -- the contract's undrawn commitment: does the claim fit?
                select a.allocation_id, a.line_id as budget_line_id, l.district_code, l.fiscal_year, a.balance,
                       a.account_key as committed_key, 'HELD:' || a.contract_id || ':' || a.line_id as held_key,
                       'PAID:' || a.contract_id || ':' || a.line_id as paid_key, (a.balance >= :amount)::int as fits
                  from account a join budget_line l on l.id = a.line_id
                  where a.contract_id = :c_contract_id and a.kind = 'COMMITTED'
                  order by l.district_code, l.fiscal_year, l.phase, l.id \\gset
                \\if :fits
                -- FundJournal.post: the accounts opened if new (one batch), moved in key order on condition
                insert into account (account_key, kind, allocation_id, line_id, contract_id, balance) values
                  (:committed_key, 'COMMITTED', :allocation_id, :budget_line_id, :c_contract_id, 0),
                  (:held_key, 'HELD', :allocation_id, :budget_line_id, :c_contract_id, 0),
                  (:paid_key, 'PAID', :allocation_id, :budget_line_id, :c_contract_id, 0)
                  on conflict do nothing;
                update account set balance = balance - :amount
                  where account_key = :committed_key and (kind = 'SOURCE' or balance - :amount >= 0);
                update account set balance = balance + :held
                  where account_key = :held_key and (kind = 'SOURCE' or balance + :held >= 0);
                update account set balance = balance + :net
                  where account_key = :paid_key and (kind = 'SOURCE' or balance + :net >= 0);
                insert into journal_entry (id, posting_id, kind, from_account, to_account, amount, allocation_id,
                    line_id, contract_id, claim_id, fiscal_year, note, created_by, created_at)
                  select gen_random_uuid(), p, e.k, :committed_key, e.t, e.a, :allocation_id, :budget_line_id,
                         :c_contract_id, :c_id, :fiscal_year, :k_number, 'pgbench', now()
                  from (select gen_random_uuid() p) posting, (values ('HOLDBACK', :held_key, :held::numeric),
                       ('DRAWDOWN', :paid_key, :net::numeric)) e (k, t, a);
                -- the register of paid services: a second payment is impossible
                insert into registry.paid_service (billing_key, tenant, district, contract_id, claim_id, amount,
                    paid_at) values (:billing_key, '%s', :district, :c_contract_id, :c_id, :amount, now())
                  on conflict do nothing;
                delete from claimed_service s where s.claim_id = :c_id and exists (select 1 from claim_line l
                  where l.claim_id = s.claim_id and l.billing_key = s.billing_key and l.decision = 'REJECTED');
                -- the claim as Hibernate writes it: every column
                update claim set approved_amount = :amount, claimed_amount = :c_claimed_amount,
                    contract_id = :c_contract_id, contractor_id = :c_contractor_id, decided_at = now(),
                    decided_by = 'pgbench', decision_note = null, excluded_lines = :c_excluded_lines,
                    holdback_amount = :held, included_lines = :c_included_lines, opened_at = :c_opened_at,
                    opened_by = :c_opened_by, paid_amount = :net,
                    payment_due_on = current_date + :k_payment_due_days::int, period_from = :c_period_from,
                    period_to = :c_period_to, priced_at = :c_priced_at, status = 'APPROVED',
                    submitted_at = :c_submitted_at, submitted_by = :c_submitted_by, version = :c_version::bigint + 1
                  where id = :c_id and version = :c_version::bigint;
                commit;
                \\else
                -- refused (409 contract-commitment-exhausted): nothing is kept
                rollback;
                \\endif
                """.formatted(clients, CITY);
    }

    // checks

    /** A claim here has one record: two paid services for one claim would be a double payment too. */
    record Checks(long overdraws, long keysPaidTwice, long claimsPaidTwice, long drawnTwice, int approved,
            int approvedOfContract, BigDecimal paidAndHeld, BigDecimal approvedValue, boolean sameAsAnswers) {

        long doublePayments() {
            return keysPaidTwice + claimsPaidTwice + drawnTwice;
        }

        boolean ok(int covered) {
            return overdraws == 0 && doublePayments() == 0 && paidAndHeld.compareTo(approvedValue) == 0
                    && approvedOfContract == covered && sameAsAnswers;
        }

        @Override
        public String toString() {
            return String.format("overdraws %d, double payments %d (billing keys paid twice %d, claims paid twice %d,"
                    + " claims drawn down twice %d); approved claims %,d (this contract %,d) × 300.00 = %s, paid +"
                    + " held %s%s%s", overdraws, doublePayments(), keysPaidTwice, claimsPaidTwice, drawnTwice,
                    approved, approvedOfContract, approvedValue.toPlainString(), paidAndHeld.toPlainString(),
                    paidAndHeld.compareTo(approvedValue) == 0 ? " (equal)" : " (DIFFER)",
                    sameAsAnswers ? "" : "; the approved claims DIFFER from the answers");
        }
    }

    /** @param answered the claims the API answered approved (null: not compared) */
    private static Checks check(String url, String contract, Set<String> answered) throws Exception {
        try (Connection c = DriverManager.getConnection(url, Postgres.USER, "");
                Statement st = c.createStatement()) {
            long overdraws = one(st, "select count(*) from " + SCHEMA + ".account where balance < 0 and kind <> 'SOURCE'");
            long keysPaidTwice = one(st, "select count(*) from (select billing_key from registry.paid_service"
                    + " group by billing_key having count(*) > 1) x");
            long claimsPaidTwice = one(st, "select count(*) from (select claim_id from registry.paid_service"
                    + " group by claim_id having count(*) > 1) x");
            long drawnTwice = one(st, "select count(*) from (select claim_id from " + SCHEMA + ".journal_entry"
                    + " where kind = 'DRAWDOWN' group by claim_id having count(distinct posting_id) > 1) x");
            int approved = (int) one(st, "select count(*) from " + SCHEMA + ".claim where status = 'APPROVED'");
            int ofContract = (int) one(st, "select count(*) from " + SCHEMA + ".claim where status = 'APPROVED'"
                    + " and contract_id = '" + UUID.fromString(contract) + "'");
            BigDecimal paidAndHeld;
            try (ResultSet rs = st.executeQuery("select coalesce(sum(balance), 0) from " + SCHEMA + ".account"
                    + " where kind in ('PAID', 'HELD')")) {
                rs.next();
                paidAndHeld = rs.getBigDecimal(1);
            }
            boolean same = true;
            if (answered != null) {
                Set<String> inDb = new HashSet<>();
                try (ResultSet rs = st.executeQuery("select id from " + SCHEMA + ".claim where status = 'APPROVED'"
                        + " and contract_id = '" + UUID.fromString(contract) + "'")) {
                    while (rs.next()) {
                        inDb.add(rs.getString(1));
                    }
                }
                same = inDb.equals(answered);
            }
            return new Checks(overdraws, keysPaidTwice, claimsPaidTwice, drawnTwice, approved, ofContract, paidAndHeld,
                    PRICE.multiply(BigDecimal.valueOf(approved)), same);
        }
    }

    private static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String pgbenchVersion() {
        try {
            Process p = new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return v;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("pgbench is needed (the PostgreSQL client)", e);
        }
    }

    // HTTP

    private HttpResponse<String> post(String url, String bearer, Map<String, ?> body) throws Exception {
        return send("POST", url, bearer, JSONObjectUtils.toJSONString(body));
    }

    private HttpResponse<String> send(String method, String url, String bearer, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            if ("POST".equals(method)) {
                b.header("Idempotency-Key", UUID.randomUUID().toString());
            }
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " → HTTP " + r.statusCode() + ": "
                    + abbreviated(r.body()));
        }
        return r;
    }

    private static String field(HttpResponse<String> r, String name) throws Exception {
        return String.valueOf(JSONObjectUtils.parse(r.body()).get(name));
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
