package org.warmnest.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.warmnest.synthetic.GridRef;
import org.warmnest.synthetic.SyntheticElder;
import org.warmnest.synthetic.SyntheticElders;

/**
 * Imports N synthetic elders (default 15,000, Minhang's count of special elders) into one district through
 * care-service's import API, next to a raw JDBC batch insert of the same rows into a table of the same shape,
 * measured in the same run; then searches with the N elders in the tenant and prints the latency percentiles.
 * Not a test: {@code scripts/bench-elders [N]}.
 */
public final class ElderBenchmark {

    static final String CITY = "530400";
    static final String DISTRICT = "530402";
    static final int SEARCHES = 400;
    static final int CARE_HEAP_MB = 384;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        Launcher.quietLibraries();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 15_000;
        Path root = LocalStack.root();
        for (String service : LocalStack.SERVICES) {
            if (!Files.isRegularFile(ServiceProcess.jar(root, service))) {
                throw new IllegalStateException(ServiceProcess.jar(root, service) + " is missing: build first");
            }
        }
        new ElderBenchmark().run(root, n);
    }

    private void run(Path root, int n) throws Exception {
        LocalStack.Ports ports = ProvisioningBenchmark.PORTS;
        List<ServiceProcess> running = new ArrayList<>();
        Map<String, String> databases = new LinkedHashMap<>();
        try (Postgres postgres = Postgres.localOrEmbedded(root.resolve(".run").resolve("pg"));
                Redis redis = Redis.start();
                DevIssuer issuer = LocalStack.issuer(root, ports.issuer())) {
            issuer.start();
            Thread stopper = new Thread(() -> LocalStack.stopAll(running), "benchmark-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            out.println("Elder benchmark: " + n + " elders, on " + postgres.describe() + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs");
            Path jars = root.resolve(".run").resolve("bench-jars");
            ServiceProcess.clearCopies(jars);
            for (String service : LocalStack.SERVICES) {
                String db = "warmnest_bench_elders_" + service.substring(0, service.indexOf('-'));
                databases.put(service, db);
                postgres.dropDatabase(db);
                Postgres.Database database = postgres.prepare(db, Postgres.freshPasswords());
                int port = switch (service) {
                    case "tenant-service" -> ports.tenant();
                    case "care-service" -> ports.care();
                    default -> ports.billing();
                };
                Map<String, String> env = new java.util.HashMap<>(LocalStack.environment(service,
                        database, LocalStack.Identity.of(issuer), ports, redis));
                if (service.equals("care-service")) {
                    env.put("JAVA_TOOL_OPTIONS", "-Xmx" + CARE_HEAP_MB + "m"); // the import must stream to fit
                    // the benchmark's one user searches by ID number far more often than a person may
                    env.put("WARMNEST_ELDERS_IDSEARCH_PERMINUTE", "1000000");
                    env.put("WARMNEST_ELDERS_IDSEARCH_PERHOUR", "1000000");
                }
                ServiceProcess p = new ServiceProcess(service, port, root, env,
                        root.resolve(".run").resolve("logs").resolve("bench-elders-" + service + ".log"))
                        .runFromCopyIn(jars);
                running.add(p);
                p.start();
            }
            for (ServiceProcess p : running) {
                p.awaitReady(LocalStack.READY_TIMEOUT);
            }
            ServiceProcess care = running.stream().filter(p -> p.name().equals("care-service")).findFirst()
                    .orElseThrow();
            String tenantUrl = "http://127.0.0.1:" + ports.tenant();
            String careUrl = "http://127.0.0.1:" + ports.care();
            TenantDirectory directory = new TenantDirectory(new ApiClient(tenantUrl, issuer.tokenUri(),
                    "platform-admin", DevIssuer.DEMO_PASSWORD, DevIssuer.USER_CLIENT));
            directory.create(CITY, "玉溪市");
            directory.awaitActive(CITY, java.time.Duration.ofSeconds(120));
            directory.create(DISTRICT, "红塔区");
            directory.awaitActive(DISTRICT, java.time.Duration.ofSeconds(120));
            List<GridRef> grids = areas(new ApiClient(tenantUrl, issuer.tokenUri(), "hongta-bureau-admin",
                    DevIssuer.DEMO_PASSWORD, DevIssuer.USER_CLIENT));

            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            List<SyntheticElder> elders = new SyntheticElders(42, DISTRICT, today, grids).generate(n);
            ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
            SyntheticElders.writeXlsx(elders, xlsx);
            out.printf("generated %d elders: XLSX of %.1f MB%n", n, xlsx.size() / 1e6);

            ApiClient manager = new ApiClient(careUrl, issuer.tokenUri(), "hongta-contractor-manager",
                    DevIssuer.DEMO_PASSWORD, DevIssuer.USER_CLIENT);
            String importPath = "/api/care/v1/tenants/" + DISTRICT + "/elders/import";
            // warm the service's code paths with a dry run of other people, as a running service would be warm
            ByteArrayOutputStream warmFile = new ByteArrayOutputStream();
            SyntheticElders.writeXlsx(new SyntheticElders(7, "530423", today, grids).generate(200), warmFile);
            expect(manager.postFile(importPath + "?dryRun=true", "warm.xlsx", warmFile.toByteArray()), 200);
            long rssBefore = rss(care.pid());

            long t0 = System.nanoTime();
            expect(manager.postFile(importPath + "?dryRun=true", "elders.xlsx", xlsx.toByteArray()), 200);
            long dry = System.nanoTime() - t0;
            t0 = System.nanoTime();
            ApiClient.Response imported = expect(manager.postFile(importPath, "elders.xlsx", xlsx.toByteArray()), 200);
            long real = System.nanoTime() - t0;
            t0 = System.nanoTime();
            ApiClient.Response again = expect(manager.postFile(importPath, "elders.xlsx", xlsx.toByteArray()), 200);
            long reupload = System.nanoTime() - t0;
            long peak = peakRss(care.pid());
            long raw = rawInsert(postgres.jdbcUrl(databases.get("care-service")), elders);

            out.println();
            out.printf("import (dry run)      %6.2f s  %7.0f rows/s%n", dry / 1e9, n / (dry / 1e9));
            out.printf("import                %6.2f s  %7.0f rows/s  (%s)%n", real / 1e9, n / (real / 1e9),
                    counts(imported));
            out.printf("re-upload (no change) %6.2f s  %7.0f rows/s  (%s)%n", reupload / 1e9, n / (reupload / 1e9),
                    counts(again));
            out.printf("raw JDBC batch insert %6.2f s  %7.0f rows/s  (same rows, same table shape and indexes, "
                    + "one transaction, batches of 1,000)%n", raw / 1e9, n / (raw / 1e9));
            out.printf("import / raw insert   %6.1f×%n", (double) real / raw);
            out.printf("care-service (heap capped at %d MB) resident memory: %d MB before the import, peak %d MB%n",
                    CARE_HEAP_MB, rssBefore >> 20, peak >> 20);

            search(new ApiClient(careUrl, issuer.tokenUri(), "hongta-bureau-admin", DevIssuer.DEMO_PASSWORD,
                    DevIssuer.USER_CLIENT), "bureau", elders, grids);
            search(manager, "contractor manager", elders, grids);
            Runtime.getRuntime().removeShutdownHook(stopper);
        } finally {
            LocalStack.stopAll(running);
        }
    }

    private void search(ApiClient api, String who, List<SyntheticElder> elders, List<GridRef> grids) throws Exception {
        Random random = new Random(3);
        String base = "/api/care/v1/tenants/" + DISTRICT + "/elders?";
        String[] categories = { "LIVING_ALONE", "EMPTY_NEST", "HIGH_AGE", "DISABLED", "SUBSISTENCE" };
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < SEARCHES + 40; i++) {
            SyntheticElder e = elders.get(random.nextInt(elders.size()));
            queries.add(switch (i % 8) {
                case 0 -> "name=" + enc(e.name().substring(0, 1)) + "&page=" + random.nextInt(5);
                case 1 -> "name=" + enc(e.name());
                case 2 -> "category=" + categories[random.nextInt(categories.length)] + "&sort=AGE&descending=true";
                case 3 -> "gridCode=" + enc(grids.get(random.nextInt(grids.size())).code()) + "&riskTier=HIGH";
                case 4 -> "overdue=true&sort=ASSESSMENT_DUE&page=" + random.nextInt(20);
                case 5 -> "idNumber=" + e.idNumber() + "&reason=" + enc("性能测试");
                case 6 -> "responsible=" + enc(e.responsibleName() == null ? "x" : e.responsibleName());
                default -> "sort=UPDATED&descending=true&size=50&page=" + random.nextInt(50);
            });
        }
        List<Long> latencies = new ArrayList<>();
        Map<String, List<Long>> byKind = new java.util.TreeMap<>();
        for (int i = 0; i < queries.size(); i++) {
            long t0 = System.nanoTime();
            expect(api.get(base + queries.get(i)), 200);
            if (i >= 40) { // the first 40 warm up
                long took = System.nanoTime() - t0;
                latencies.add(took);
                byKind.computeIfAbsent(queries.get(i).replaceAll("=[^&]*", ""), k -> new ArrayList<>()).add(took);
            }
        }
        Collections.sort(latencies);
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((kind, list) -> {
            Collections.sort(list);
            kinds.append(String.format("    %-45s p50 %5.1f ms  p99 %5.1f ms%n", kind, pct(list, 50), pct(list, 99)));
        });
        out.printf("search as %s over %d elders, %d queries of 8 kinds (sequential, over HTTP): p50 %.1f ms, "
                + "p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", who, elders.size(), latencies.size(),
                pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies.get(latencies.size() - 1) / 1e6);
        out.print(kinds);
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** 红塔区: two streets, four communities, twelve grids. */
    private List<GridRef> areas(ApiClient bureau) throws Exception {
        String base = "/api/tenants/v1/tenants/" + DISTRICT;
        List<GridRef> grids = new ArrayList<>();
        String[] streets = { "玉兴街道", "凤凰路街道" };
        for (int s = 0; s < streets.length; s++) {
            String streetCode = DISTRICT + String.format("%03d", s + 1);
            String street = id(expect(bureau.post(base + "/streets", Map.of("code", streetCode, "name", streets[s])),
                    201));
            for (int c = 1; c <= 2; c++) {
                String communityCode = streetCode + String.format("%03d", c);
                String communityName = streets[s].substring(0, 2) + (c == 1 ? "北苑社区" : "东苑社区");
                String community = id(expect(bureau.post(base + "/communities", Map.of("streetId", street, "code",
                        communityCode, "name", communityName)), 201));
                for (int g = 1; g <= 3; g++) {
                    String code = communityCode + "-" + g;
                    expect(bureau.post(base + "/grids", Map.of("communityId", community, "code", code, "name",
                            communityName + "第" + g + "网格")), 201);
                    grids.add(new GridRef(code, communityName + "第" + g + "网格", communityName, streets[s]));
                }
            }
        }
        return grids;
    }

    /** The floor: the same rows straight into a table of the elder table's shape, indexes and constraints. */
    private static long rawInsert(String jdbcUrl, List<SyntheticElder> elders) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, Postgres.USER, "")) {
            try (Statement st = c.createStatement()) {
                st.execute("drop table if exists t_530402.bench_raw_elder");
                st.execute("create table t_530402.bench_raw_elder (like t_530402.elder including all)");
            }
            c.setAutoCommit(false);
            Random random = new Random(5);
            long t0 = System.nanoTime();
            try (PreparedStatement st = c.prepareStatement("insert into t_530402.bench_raw_elder (id, contractor_id, "
                    + "name, id_number_cipher, id_number_hash, id_number_masked, birth_date, sex, phone, grid_code, "
                    + "community_code, street_code, address, household, categories, risk_tier, emergency_contacts, "
                    + "responsible_name, responsible_phone, consent_given, health_cipher, status, status_since, "
                    + "created_at, created_by, updated_at, updated_by, version, birth_year) values (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    + "?, ?, ?, ?, cast(? as jsonb), cast(? as text[]), ?, cast(? as jsonb), ?, ?, ?, ?, 'ACTIVE', "
                    + "?, ?, 'bench', ?, 'bench', 0, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                int i = 0;
                for (SyntheticElder e : elders) {
                    byte[] hash = new byte[32];
                    random.nextBytes(hash);
                    st.setObject(1, UUID.randomUUID());
                    st.setObject(2, UUID.fromString(DevIssuer.DEMO_CONTRACTOR));
                    st.setString(3, e.name());
                    st.setString(4, "sm4gcm:local1:" + e.idNumber() + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
                    st.setBytes(5, hash);
                    st.setString(6, "**************" + e.idNumber().substring(14));
                    st.setObject(7, e.birthDate());
                    st.setString(8, "男".equals(e.sex()) ? "MALE" : "FEMALE");
                    st.setString(9, e.phone());
                    st.setString(10, e.gridCode());
                    st.setString(11, e.gridCode().substring(0, 12));
                    st.setString(12, e.gridCode().substring(0, 9));
                    st.setString(13, e.address());
                    st.setString(14, "[]");
                    st.setString(15, "{EMPTY_NEST}");
                    st.setString(16, "GENERAL");
                    st.setString(17, "[]");
                    st.setString(18, e.responsibleName());
                    st.setString(19, e.responsiblePhone());
                    st.setBoolean(20, e.consent());
                    st.setString(21, e.healthNotes() == null || e.healthNotes().isEmpty() ? null
                            : "sm4gcm:local1:" + e.healthNotes());
                    st.setObject(22, LocalDate.now());
                    st.setTimestamp(23, now);
                    st.setTimestamp(24, now);
                    st.setInt(25, e.birthDate().getYear());
                    st.addBatch();
                    if (++i % 1000 == 0) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            c.commit();
            long took = System.nanoTime() - t0;
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("drop table t_530402.bench_raw_elder");
            }
            return took;
        }
    }

    private static String counts(ApiClient.Response r) {
        Map<String, Object> b = r.json();
        return "created " + b.get("created") + ", updated " + b.get("updated") + ", unchanged " + b.get("unchanged");
    }

    private static ApiClient.Response expect(ApiClient.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected HTTP " + status + ", got " + r.status() + ": " + r.abbreviated());
        }
        return r;
    }

    private static String id(ApiClient.Response r) {
        return String.valueOf(r.json().get("id"));
    }

    static long rss(long pid) throws Exception {
        return status(pid, "VmRSS:");
    }

    static long peakRss(long pid) throws Exception {
        return status(pid, "VmHWM:");
    }

    private static long status(long pid, String field) throws Exception {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        if (pid < 0 || !Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
