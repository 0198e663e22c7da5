package org.warmnest.launcher;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.nimbusds.jose.util.JSONArrayUtils;

/**
 * The cadence engine at Changchun's and Minhang's scale, next to the plain SQL that answers the same question, in
 * the same run on the same database:
 * <ol>
 * <li>南关区: 50,000 cadre–elder pairings with a daily contact (包保日沟通), a month of contacts (about nine days in
 * ten): due, done and overdue for the district, through care-service's compliance API, against one SQL count.</li>
 * <li>朝阳区: 15,000 elders with three asks a day (一日三问, calls or WeChat) and a weekly home visit: the compliance
 * report by grid, through the API, against one SQL grouping.</li>
 * </ol>
 * The data goes straight into the tenants' tables (the engine is measured, not the recording of 1.4 million
 * calls); both answers are compared figure by figure. Not a test: {@code scripts/bench-cadence}.
 */
public final class CadenceBenchmark {

    static final String CITY = "220100";
    static final String PAIRED = "220102";
    static final String ASKED = "220104";
    static final int PAIRINGS = 50_000;
    static final int ELDERS = 15_000;
    static final int GRIDS = 150;
    static final int RUNS = 5;
    static final int CARE_HEAP_MB = 384;
    static final String CONTRACTOR = DevIssuer.DEMO_CONTRACTOR;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Launcher.quietLibraries();
        Path root = BenchmarkStack.root();
        new CadenceBenchmark().run(root);
    }

    private void run(Path root) throws Exception {
        try (BenchmarkStack stack = new BenchmarkStack(root, "cadence", "Cadence benchmark", CARE_HEAP_MB, out)) {
            Postgres postgres = stack.postgres;
            DevIssuer issuer = stack.issuer;
            LocalStack.Ports ports = stack.ports;
            String careDb = stack.careDb;
            ServiceProcess care = stack.care;
            stack.onboard(CITY, "长春市", PAIRED, "南关区", ASKED, "朝阳区");

            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            LocalDate from = today.withDayOfMonth(1).minusMonths(1);
            LocalDate to = from.plusMonths(1).minusDays(1);
            String url = postgres.jdbcUrl(careDb);
            try (Connection c = DriverManager.getConnection(url, Postgres.USER, "")) {
                long t0 = System.nanoTime();
                long calls = seedPaired(c, from, to);
                long asks = seedAsked(c, from, to);
                out.printf("seeded %s: %,d pairings, %,d contacts; %s: %,d elders, %,d contacts (%.0f s)%n", PAIRED,
                        PAIRINGS, calls, ASKED, ELDERS, asks, (System.nanoTime() - t0) / 1e9);
            }
            String care1 = "http://127.0.0.1:" + ports.care() + "/api/care/v1/tenants/";
            long rssBefore = ElderBenchmark.rss(care.pid());
            out.printf("%nperiod %s to %s (%d days); each figure the median of %d runs after one warm-up%n%n", from,
                    to, to.toEpochDay() - from.toEpochDay() + 1, RUNS);

            // 1. 50,000 pairings over a month
            String q = "?from=" + from + "&to=" + to;
            String bureau = token(issuer, PAIRED);
            List<List<Map<String, Object>>> api = new ArrayList<>(List.of(List.of()));
            long engine = median(() -> api.set(0, get(care1 + PAIRED + "/compliance" + q + "&by=DISTRICT", bureau)));
            long[][] sql = new long[1][];
            long plain;
            try (Connection c = DriverManager.getConnection(url, Postgres.USER, "")) {
                plain = median(() -> sql[0] = pairedSql(c, from, to));
            }
            Map<String, Object> row = api.get(0).get(0);
            boolean same = num(row, "due") == sql[0][0] && num(row, "done") == sql[0][1];
            out.printf("50,000 pairings, daily contact, one month: %,d contacts due, %,d made, %,d days missed%n",
                    num(row, "due"), num(row, "done"), num(row, "overdueWindows"));
            out.printf("  cadence engine (compliance API, over HTTP)  %7.0f ms%n", engine / 1e6);
            out.printf("  plain SQL count, same question               %7.0f ms%n", plain / 1e6);
            out.printf("  engine / plain SQL                           %7.2f×   answers %s%n%n", (double) engine / plain,
                    same ? "identical" : "DIFFER: SQL " + sql[0][0] + " / " + sql[0][1]);

            // 2. compliance report by grid for 15,000 elders
            String bureau2 = token(issuer, ASKED);
            long report = median(() -> api.set(0, get(care1 + ASKED + "/compliance" + q + "&by=GRID", bureau2)));
            Map<String, long[]> byGrid = new TreeMap<>();
            long plainGrid;
            try (Connection c = DriverManager.getConnection(url, Postgres.USER, "")) {
                plainGrid = median(() -> {
                    byGrid.clear();
                    byGrid.putAll(askedSql(c, from, to));
                });
            }
            boolean sameGrid = api.get(0).size() == byGrid.size();
            long due = 0;
            long done = 0;
            for (Map<String, Object> g : api.get(0)) {
                long[] s = byGrid.get((String) g.get("key"));
                sameGrid &= s != null && s[0] == num(g, "due") && s[1] == num(g, "done");
                due += num(g, "due");
                done += num(g, "done");
            }
            out.printf("15,000 elders, three asks a day and a weekly home visit, one month, by grid (%d grids): "
                    + "%,d due, %,d made (%.1f %%)%n", api.get(0).size(), due, done, done * 100.0 / due);
            out.printf("  compliance report (API, over HTTP)           %7.0f ms%n", report / 1e6);
            out.printf("  plain SQL grouping, same question            %7.0f ms%n", plainGrid / 1e6);
            out.printf("  report / plain SQL                           %7.2f×   answers %s%n%n",
                    (double) report / plainGrid, sameGrid ? "identical for every grid" : "DIFFER");
            out.printf("care-service (heap capped at %d MB) resident memory: %d MB before, peak %d MB%n",
                    CARE_HEAP_MB, rssBefore >> 20, ElderBenchmark.peakRss(care.pid()) >> 20);
        }
    }

    static String token(DevIssuer issuer, String tenant) {
        return issuer.userToken(new DevIssuer.DemoUser("bench-bureau-" + tenant, "bench", tenant, null,
                List.of("bureau-admin")));
    }

    /** The compliance rows, each a JSON object. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> get(String url, String bearer) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " → HTTP " + r.statusCode() + ": " + r.body());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object o : JSONArrayUtils.parse(r.body())) {
            rows.add((Map<String, Object>) o);
        }
        return rows;
    }

    static long num(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).longValue();
    }

    interface Step {
        void run() throws Exception;
    }

    /** Median wall time of {@link #RUNS} runs after one warm-up. */
    static long median(Step step) throws Exception {
        step.run();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            step.run();
            times.add(System.nanoTime() - t0);
        }
        Collections.sort(times);
        return times.get(RUNS / 2);
    }

    // the data

    private static void elders(Statement st, String schema, int n) throws Exception {
        elders(st, schema, n, GRIDS);
    }

    /** {@code n} active elders spread evenly over {@code grids} grids (five to a community, 30 to a street). */
    static void elders(Statement st, String schema, int n, int grids) throws Exception {
        st.execute("insert into " + schema + ".elder (id, contractor_id, name, id_number_cipher, id_number_hash,"
                + " id_number_masked, birth_date, birth_year, sex, grid_code, community_code, street_code, household, categories,"
                + " risk_tier, emergency_contacts, consent_given, status, status_since, created_at, created_by,"
                + " updated_at, updated_by, version)"
                + " select gen_random_uuid(), '" + CONTRACTOR + "', '长者' || g, 'bench:none:' || g,"
                + " decode(md5('" + schema + "' || g), 'hex'), '2201**********000' || (g % 10),"
                + " date '1935-01-01' + (g % 9000), extract(year from date '1935-01-01' + (g % 9000)), case when g % 2 = 0 then 'FEMALE' else 'MALE' end,"
                + " 'G' || lpad((g % " + grids + ")::text, 3, '0'), 'C' || (g % " + grids + " / 5),"
                + " 'S' || (g % " + grids + " / 30), '[]', '{EMPTY_NEST}', 'GENERAL', '[]', true, 'ACTIVE',"
                + " date '2025-01-01', now(), 'bench', now(), 'bench', 0 from generate_series(1, " + n + ") g");
    }

    private static void item(Statement st, String schema, String service, String cadence, int times, String modes,
            LocalDate from) throws Exception {
        st.execute("insert into " + schema + ".care_plan_item (id, elder_id, service_item, cadence, times, lead_days,"
                + " modes, responsible_kind, responsible_ref, responsible_name, active_from, source, created_by,"
                + " created_at, version) select gen_random_uuid(), e.id, '" + service + "', '" + cadence + "', "
                + times + ", 0, '" + modes + "', 'CADRE', 'cadre-' || (row_number() over ()) % 5000,"
                + " '干部' || (row_number() over ()) % 5000, date '" + from.minusDays(10) + "', 'TEMPLATE', 'bench',"
                + " now(), 0 from " + schema + ".elder e");
    }

    /** Contacts: {@code perDay} is SQL giving how many on a day for an elder (e.id, d). */
    static long contacts(Statement st, String schema, String mode, String service, String perDay,
            LocalDate from, LocalDate to) throws Exception {
        st.execute("create temporary table bench_visit on commit drop as select gen_random_uuid() id, e.id elder_id,"
                + " d::date as on_day, k from " + schema + ".elder e cross join generate_series(date '" + from + "', date '"
                + to + "', interval '1 day') d cross join lateral generate_series(1, " + perDay + ") k");
        st.execute("insert into " + schema + ".visit (id, elder_id, contractor_id, mode, performer_kind, performed_by,"
                + " performer_name, started_at, ended_at, performed_on, duration_minutes, location_flags,"
                + " readings_taken, readings_out_of_range, medicines_checked, medicines_expired, safety_checked,"
                + " supplies, status, recorded_by, recorded_at, version) select id, elder_id, '" + CONTRACTOR + "', '"
                + mode + "', 'CADRE', 'cadre', '干部', (on_day + time '08:00' + k * interval '3 hours') at time zone"
                + " 'Asia/Shanghai', (on_day + time '08:10' + k * interval '3 hours') at time zone 'Asia/Shanghai', on_day,"
                + " 10, '{}', 0, 0, 0, 0, '{}', '[]', 'RECORDED', 'bench', now(), 0 from bench_visit");
        int n = st.executeUpdate("insert into " + schema + ".visit_service (id, visit_id, service_item, quantity,"
                + " billing_key) select id, id, '" + service + "', 1, id from bench_visit");
        st.execute("drop table bench_visit");
        return n;
    }

    private static long seedPaired(Connection c, LocalDate from, LocalDate to) throws Exception {
        String s = "t_" + PAIRED;
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            elders(st, s, PAIRINGS);
            item(st, s, "DAILY_GREETING", "TIMES_PER_DAY", 1, "{}", from);
            // nine days in ten
            long n = contacts(st, s, "PHONE", "DAILY_GREETING",
                    "case when abs(hashtext(e.id::text || d::text)) % 10 = 0 then 0 else 1 end", from, to);
            c.commit();
            st.execute("analyze " + s + ".visit");
            st.execute("analyze " + s + ".visit_service");
            st.execute("analyze " + s + ".care_plan_item");
            c.commit();
            return n;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static long seedAsked(Connection c, LocalDate from, LocalDate to) throws Exception {
        String s = "t_" + ASKED;
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            elders(st, s, ELDERS);
            item(st, s, "DAILY_GREETING", "TIMES_PER_DAY", 3, "{PHONE,WECHAT}", from);
            item(st, s, "HOME_VISIT", "WEEKLY", 1, "{HOME_VISIT}", from);
            // 0 to 3 asks a day (a few WeChat), a home visit on about one day in six
            long n = contacts(st, s, "PHONE", "DAILY_GREETING", "abs(hashtext(e.id::text || d::text)) % 4", from, to);
            n += contacts(st, s, "HOME_VISIT", "HOME_VISIT",
                    "case when abs(hashtext(d::text || e.id::text)) % 6 = 0 then 1 else 0 end", from, to);
            c.commit();
            st.execute("analyze " + s + ".visit");
            st.execute("analyze " + s + ".visit_service");
            st.execute("analyze " + s + ".care_plan_item");
            c.commit();
            return n;
        } finally {
            c.setAutoCommit(true);
        }
    }

    // the plain SQL

    /** Due and done for every daily item: one row per item and day, joined to the day's contacts. */
    private static long[] pairedSql(Connection c, LocalDate from, LocalDate to) throws Exception {
        String s = "t_" + PAIRED;
        try (PreparedStatement st = c.prepareStatement("with due as (select i.elder_id, i.times, d::date as on_day"
                + " from " + s + ".care_plan_item i join " + s + ".elder e on e.id = i.elder_id"
                + " cross join generate_series(?::date, ?::date, interval '1 day') d"
                + " where i.cadence = 'TIMES_PER_DAY' and d::date >= i.active_from"
                + " and (i.active_to is null or d::date <= i.active_to) and e.status = 'ACTIVE'),"
                + " done as (select v.elder_id, v.performed_on, count(*) n from " + s + ".visit v join " + s
                + ".visit_service vs on vs.visit_id = v.id where v.status in ('RECORDED','VERIFIED')"
                + " and vs.service_item = 'DAILY_GREETING' and v.performed_on between ? and ?"
                + " group by v.elder_id, v.performed_on)"
                + " select sum(due.times), sum(least(coalesce(done.n, 0), due.times)) from due left join done"
                + " on done.elder_id = due.elder_id and done.performed_on = due.on_day")) {
            st.setObject(1, from);
            st.setObject(2, to);
            st.setObject(3, from);
            st.setObject(4, to);
            try (ResultSet r = st.executeQuery()) {
                r.next();
                return new long[] { r.getLong(1), r.getLong(2) };
            }
        }
    }

    /** Due and done by grid: the three daily asks by day, the weekly visit by week (weeks ending in the period). */
    private static Map<String, long[]> askedSql(Connection c, LocalDate from, LocalDate to) throws Exception {
        String s = "t_" + ASKED;
        String sql = "with days as (select d::date as on_day from generate_series(?::date, ?::date, interval '1 day') d),"
                + " weeks as (select w::date ws, (w + interval '6 days')::date we from generate_series("
                + "   date_trunc('week', ?::date), ?::date, interval '1 week') w),"
                + " daily as (select e.grid_code, i.times due, least(i.times, (select count(*) from " + s + ".visit v"
                + "   join " + s + ".visit_service vs on vs.visit_id = v.id where v.elder_id = i.elder_id"
                + "   and v.performed_on = days.on_day and v.status in ('RECORDED','VERIFIED')"
                + "   and vs.service_item = i.service_item and v.mode = any (i.modes))) done"
                + "   from " + s + ".care_plan_item i join " + s + ".elder e on e.id = i.elder_id join days"
                + "   on days.on_day >= i.active_from and (i.active_to is null or days.on_day <= i.active_to)"
                + "   where i.cadence = 'TIMES_PER_DAY'),"
                + " weekly as (select e.grid_code, 1 due, least(1, (select count(*) from " + s + ".visit v"
                + "   join " + s + ".visit_service vs on vs.visit_id = v.id where v.elder_id = i.elder_id"
                + "   and v.performed_on between greatest(weeks.ws, i.active_from) and weeks.we"
                + "   and v.status in ('RECORDED','VERIFIED') and vs.service_item = i.service_item"
                + "   and v.mode = any (i.modes))) done"
                + "   from " + s + ".care_plan_item i join " + s + ".elder e on e.id = i.elder_id join weeks"
                + "   on weeks.we between ? and ? and weeks.we >= i.active_from"
                + "   and (i.active_to is null or weeks.we <= i.active_to) where i.cadence = 'WEEKLY')"
                + " select grid_code, sum(due), sum(done) from (select * from daily union all select * from weekly) x"
                + " group by grid_code";
        Map<String, long[]> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, from);
            st.setObject(2, to);
            st.setObject(3, from);
            st.setObject(4, to);
            st.setObject(5, from);
            st.setObject(6, to);
            try (ResultSet r = st.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new long[] { r.getLong(2), r.getLong(3) });
                }
            }
        }
        return out;
    }
}
