package org.warmnest.launcher;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * The three lists (底数、需求、包保) and the KPI report for a city district of 14,000 households and 50,000 pairings,
 * next to the plain SQL that answers the same question, in the same run on the same database:
 * <ol>
 * <li>the three-list summary by grid (elders, paired, with open needs);</li>
 * <li>the whole list, unpaired first, paged through 500 rows at a time;</li>
 * <li>the month's KPIs: visits, elders visited, volunteer person-times and hours, activity person-times, direct
 * beneficiaries counted once across visits and activities, elders and paired.</li>
 * </ol>
 * The data goes straight into the tenant's tables: 14,000 elders over 140 grids, 20,000 cadres, 50,000 active
 * pairings leaving one elder in ten unpaired, a month of home visits to the paired, concerns left open on one visit
 * in twenty, two lectures a grid with their attendees and volunteers. Both answers are compared figure by figure.
 * Not a test: {@code scripts/bench-mutual-aid}.
 */
public final class MutualAidBenchmark {

    static final String CITY = "220100";
    static final String DISTRICT = "220103";
    static final int ELDERS = 14_000;
    static final int GRIDS = 140;
    static final int VOLUNTEERS = 20_000;
    static final int PAIRINGS = 50_000;
    static final int PAGE = 500;
    static final int CARE_HEAP_MB = 384;
    static final String CONTRACTOR = DevIssuer.DEMO_CONTRACTOR;
    static final String S = "t_" + DISTRICT;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Launcher.quietLibraries();
        Path root = BenchmarkStack.root();
        new MutualAidBenchmark().run(root);
    }

    private void run(Path root) throws Exception {
        try (BenchmarkStack stack = new BenchmarkStack(root, "mutual-aid", "Three lists and KPI benchmark", CARE_HEAP_MB, out)) {
            Postgres postgres = stack.postgres;
            DevIssuer issuer = stack.issuer;
            LocalStack.Ports ports = stack.ports;
            String careDb = stack.careDb;
            ServiceProcess care = stack.care;
            stack.onboard(CITY, "长春市", DISTRICT, "宽城区");

            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            LocalDate from = today.withDayOfMonth(1).minusMonths(1);
            LocalDate to = from.plusMonths(1).minusDays(1);
            String url = postgres.jdbcUrl(careDb);
            try (Connection c = DriverManager.getConnection(url, Postgres.USER, "")) {
                long t0 = System.nanoTime();
                long[] n = seed(c, from, to);
                out.printf("seeded %s: %,d elders over %d grids, %,d volunteers, %,d pairings, %,d visits, %,d open"
                        + " concerns, %,d activities with %,d attendances (%.0f s)%n", DISTRICT, ELDERS, GRIDS,
                        VOLUNTEERS, PAIRINGS, n[0], n[1], n[2], n[3], (System.nanoTime() - t0) / 1e9);
            }
            String base = "http://127.0.0.1:" + ports.care() + "/api/care/v1/tenants/" + DISTRICT;
            String bureau = CadenceBenchmark.token(issuer, DISTRICT);
            long rssBefore = ElderBenchmark.rss(care.pid());
            out.printf("%nperiod %s to %s; each figure the median of %d runs after one warm-up%n%n", from, to,
                    CadenceBenchmark.RUNS);

            try (Connection c = DriverManager.getConnection(url, Postgres.USER, "")) {
                // 1. the summary by grid
                List<Map<String, Object>> summary = new ArrayList<>(List.of(Map.of()));
                long api = CadenceBenchmark.median(() -> summary.set(0, get(base + "/three-lists/summary", bureau)));
                Map<String, long[]> sql = new LinkedHashMap<>();
                long plain = CadenceBenchmark.median(() -> {
                    sql.clear();
                    sql.putAll(summarySql(c));
                });
                Map<String, Object> s = summary.get(0);
                List<?> grids = (List<?>) s.get("byGrid");
                boolean same = grids.size() == sql.size();
                for (Object o : grids) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> g = (Map<String, Object>) o;
                    long[] q = sql.get((String) g.get("gridCode"));
                    same &= q != null && q[0] == num(g, "elders") && q[1] == num(g, "paired")
                            && q[2] == num(g, "withNeeds");
                }
                out.printf("three lists, summary by grid (%d grids): %,d elders, %,d paired, %,d unpaired, %,d with"
                        + " needs open%n", grids.size(), num(s, "elders"), num(s, "paired"), num(s, "unpaired"),
                        num(s, "withOpenDifficulties"));
                line("summary (API, over HTTP)", api, "plain SQL grouping, same question", plain,
                        same ? "identical for every grid" : "DIFFER");

                // 2. the whole list, unpaired first, 500 rows a page
                List<List<Map<String, Object>>> pages = new ArrayList<>(List.of(List.of()));
                long apiList = CadenceBenchmark.median(() -> pages.set(0, allPages(base, bureau)));
                long firstPage = CadenceBenchmark.median(() -> get(base + "/three-lists?size=" + PAGE + "&page=0",
                        bureau));
                List<Object[]> rows = new ArrayList<>();
                long plainList = CadenceBenchmark.median(() -> {
                    rows.clear();
                    rows.addAll(listSql(c));
                });
                List<Map<String, Object>> listed = pages.get(0);
                String differ = compareRows(listed, rows);
                long unpairedFirst = listed.stream().takeWhile(r -> num(r, "pairings") == 0).count();
                out.printf("three lists, every row, unpaired first (%,d rows in %d pages of %d; %,d unpaired"
                        + " first)%n", listed.size(), (listed.size() + PAGE - 1) / PAGE, PAGE, unpairedFirst);
                out.printf("  %-45s %7.0f ms%n", "the first page alone (API)", firstPage / 1e6);
                line("paging through the list (API)", apiList, "plain SQL, one query, same rows", plainList,
                        differ == null ? "identical, row by row" : "DIFFER: " + differ);

                // 3. the month's KPIs
                String q = "?from=" + from + "&to=" + to;
                List<Map<String, Object>> kpi = new ArrayList<>(List.of(Map.of()));
                long apiKpi = CadenceBenchmark.median(() -> kpi.set(0, get(base + "/kpis" + q, bureau)));
                Object[][] k = new Object[1][];
                long plainKpi = CadenceBenchmark.median(() -> k[0] = kpiSql(c, from, to));
                Map<String, Object> r = kpi.get(0);
                List<String> diff = new ArrayList<>();
                String[] names = { "visits", "eldersVisited", "volunteerPersonTimes", "activityPersonTimes",
                        "directBeneficiaries", "elders", "paired" };
                for (int i = 0; i < names.length; i++) {
                    if (num(r, names[i]) != ((Number) k[0][i]).longValue()) {
                        diff.add(names[i] + " SQL " + k[0][i] + " API " + r.get(names[i]));
                    }
                }
                BigDecimal hours = new BigDecimal(r.get("volunteerHours").toString());
                if (hours.compareTo((BigDecimal) k[0][7]) != 0) {
                    diff.add("volunteerHours SQL " + k[0][7] + " API " + hours);
                }
                out.printf("KPIs for the month: %,d visits to %,d elders, %,d volunteer person-times, %s volunteer"
                        + " hours, %,d activity person-times, %,d direct beneficiaries; %,d elders, %,d paired%n",
                        num(r, "visits"), num(r, "eldersVisited"), num(r, "volunteerPersonTimes"), hours,
                        num(r, "activityPersonTimes"), num(r, "directBeneficiaries"), num(r, "elders"),
                        num(r, "paired"));
                line("KPI report (API, over HTTP)", apiKpi, "plain SQL, same figures", plainKpi,
                        diff.isEmpty() ? "identical, figure by figure" : "DIFFER: " + diff);
            }
            out.printf("care-service (heap capped at %d MB) resident memory: %d MB before, peak %d MB%n",
                    CARE_HEAP_MB, rssBefore >> 20, ElderBenchmark.peakRss(care.pid()) >> 20);
        }
    }

    private void line(String apiName, long api, String sqlName, long sql, String answers) {
        out.printf("  %-45s %7.0f ms%n", apiName, api / 1e6);
        out.printf("  %-45s %7.0f ms%n", sqlName, sql / 1e6);
        out.printf("  %-45s %7.2f×   answers %s%n%n", "API / plain SQL", (double) api / sql, answers);
    }

    private Map<String, Object> get(String url, String bearer) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " → HTTP " + r.statusCode() + ": " + r.body());
        }
        return JSONObjectUtils.parse(r.body());
    }

    /** Every row of the three lists, a page of {@link #PAGE} at a time, as a screen or an export would. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> allPages(String base, String bearer) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int page = 0;; page++) {
            Map<String, Object> p = get(base + "/three-lists?size=" + PAGE + "&page=" + page, bearer);
            List<Object> items = (List<Object>) p.get("items");
            items.forEach(o -> rows.add((Map<String, Object>) o));
            if (items.size() < PAGE || rows.size() >= num(p, "total")) {
                return rows;
            }
        }
    }

    private static long num(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).longValue();
    }

    /** Null when the API's rows are the SQL's, in the same order, with the same needs and pairings. */
    private static String compareRows(List<Map<String, Object>> api, List<Object[]> sql) {
        if (api.size() != sql.size()) {
            return api.size() + " rows against " + sql.size();
        }
        for (int i = 0; i < api.size(); i++) {
            Map<String, Object> a = api.get(i);
            Object[] s = sql.get(i);
            boolean same = a.get("elderId").equals(s[0].toString()) && a.get("gridCode").equals(s[1])
                    && num(a, "openDifficulties") == ((Number) s[2]).longValue()
                    && num(a, "openHazards") == ((Number) s[3]).longValue()
                    && num(a, "pairings") == ((Number) s[4]).longValue()
                    && Objects.equals(names((String) a.get("pairedWith")), names((String) s[5]))
                    && Objects.equals(a.get("difficultyCategories"), s[6]);
            if (!same) {
                return "row " + i + ": API " + a + ", SQL " + Arrays.toString(s);
            }
        }
        return null;
    }

    /** Who an elder is paired with, in any order (pairings started the same day have no order between them). */
    private static List<String> names(String pairedWith) {
        if (pairedWith == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(Arrays.asList(pairedWith.split("、")));
        names.sort(null);
        return names;
    }

    // the data

    /** Visits, open concerns, activities and attendances seeded. */
    private static long[] seed(Connection c, LocalDate from, LocalDate to) throws Exception {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            CadenceBenchmark.elders(st, S, ELDERS, GRIDS);
            st.execute("insert into " + S + ".volunteer (id, name, kind, skills, status, created_at, updated_at,"
                    + " version, training) select gen_random_uuid(), '干部' || g, 'CADRE', '{}', 'ACTIVE', now(),"
                    + " now(), 0, '[]' from generate_series(1, " + VOLUNTEERS + ") g");
            // one elder in ten unpaired; the paired numbered 0.., the volunteers 0..
            st.execute("create temporary table bench_paired on commit drop as select row_number() over (order by id)"
                    + " - 1 m, id from (select id, row_number() over (order by id) n from " + S + ".elder) e"
                    + " where n % 10 <> 0");
            st.execute("create temporary table bench_volunteer on commit drop as select row_number() over"
                    + " (order by id) - 1 m, id from " + S + ".volunteer");
            st.execute("create index on bench_paired (m)");
            st.execute("create index on bench_volunteer (m)");
            st.execute("analyze bench_paired");
            st.execute("analyze bench_volunteer");
            // pairing k joins paired elder k mod 12,600 and volunteer k mod 20,000: never the same two twice
            st.execute("insert into " + S + ".pairing (id, elder_id, volunteer_id, level, started_on, created_by,"
                    + " created_at, version) select gen_random_uuid(), e.id, v.id, 'DISTRICT', date '" + from
                    + "' - (k % 400)::int, 'bench', now(), 0 from generate_series(0, " + (PAIRINGS - 1) + ") k"
                    + " join bench_paired e on e.m = k % (select count(*) from bench_paired)"
                    + " join bench_volunteer v on v.m = k % " + VOLUNTEERS);
            // a home visit to each paired elder on about one day in seven, by a cadre, ten minutes
            long visits = CadenceBenchmark.contacts(st, S, "HOME_VISIT", "HOME_VISIT",
                    "case when abs(hashtext(e.id::text || d::text)) % 7 = 0 and exists (select 1 from " + S
                            + ".pairing p where p.elder_id = e.id) then 1 else 0 end", from, to);
            // a concern left open on one visit in twenty, a difficulty or a hazard
            long concerns = st.executeUpdate("insert into " + S + ".concern (id, elder_id, contractor_id, visit_id,"
                    + " kind, category, description, status, found_on, created_by, created_at, version)"
                    + " select gen_random_uuid(), v.elder_id, v.contractor_id, v.id, case when h % 2 = 0 then"
                    + " 'DIFFICULTY' else 'HAZARD' end, case when h % 2 = 0 then (array['LIVING','MEDICAL',"
                    + "'FINANCIAL','EMOTIONAL'])[1 + h / 2 % 4] else 'GAS' end, '基准', 'OPEN', v.performed_on,"
                    + " 'bench', now(), 0 from (select *, abs(hashtext(id::text)) / 20 h from " + S + ".visit"
                    + " where abs(hashtext(id::text)) % 20 = 0) v");
            // two lectures a grid in the month, a quarter of the grid's elders at each, three volunteers serving
            long activities = st.executeUpdate("insert into " + S + ".community_activity (id, contractor_id, title,"
                    + " kind, held_on, street_code, community_code, grid_code, lottery_funded, other_attendees,"
                    + " created_by, created_at) select gen_random_uuid(), '" + CONTRACTOR + "', '讲座', 'LECTURE',"
                    + " date '" + from + "' + (g * 7 + k * 13) % " + (to.toEpochDay() - from.toEpochDay() + 1)
                    + ", 'S' || (g / 30), 'C' || (g / 5), 'G' || lpad(g::text, 3, '0'), false, 5, 'bench', now()"
                    + " from generate_series(0, " + (GRIDS - 1) + ") g cross join generate_series(0, 1) k");
            long attendances = st.executeUpdate("insert into " + S + ".activity_attendee (activity_id, elder_id,"
                    + " added_by, added_at) select a.id, e.id, 'bench', now() from " + S + ".community_activity a"
                    + " join " + S + ".elder e on e.grid_code = a.grid_code"
                    + " where abs(hashtext(e.id::text || a.id::text)) % 4 = 0");
            st.execute("insert into " + S + ".activity_volunteer (activity_id, volunteer_id, hours, added_by,"
                    + " added_at) select a.id, v.id, 2.5, 'bench', now() from (select id, row_number() over"
                    + " (order by id) - 1 n from " + S + ".community_activity) a join bench_volunteer v"
                    + " on v.m between a.n * 3 and a.n * 3 + 2");
            c.commit();
            for (String t : List.of("elder", "volunteer", "pairing", "visit", "visit_service", "concern",
                    "community_activity", "activity_attendee", "activity_volunteer")) {
                st.execute("analyze " + S + "." + t);
            }
            c.commit();
            return new long[] { visits, concerns, activities, attendances };
        } finally {
            c.setAutoCommit(true);
        }
    }

    // the plain SQL

    /** Elders, paired and with needs open, by grid. */
    private static Map<String, long[]> summarySql(Connection c) throws Exception {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery("select e.grid_code, count(*),"
                + " count(*) filter (where exists (select 1 from " + S + ".pairing p where p.elder_id = e.id"
                + "   and p.ended_on is null)),"
                + " count(*) filter (where exists (select 1 from " + S + ".concern k where k.elder_id = e.id"
                + "   and k.status <> 'CLOSED'))"
                + " from " + S + ".elder e where e.status = 'ACTIVE' group by e.grid_code")) {
            while (r.next()) {
                out.put(r.getString(1), new long[] { r.getLong(2), r.getLong(3), r.getLong(4) });
            }
        }
        return out;
    }

    /** Every active elder with open needs and who they are paired with, unpaired first: one query, no paging. */
    private static List<Object[]> listSql(Connection c) throws Exception {
        List<Object[]> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery("select e.id, e.grid_code,"
                + " coalesce(n.d, 0), coalesce(n.h, 0), coalesce(k.p, 0), k.pw, n.dc, e.name, e.birth_date,"
                + " e.categories, e.risk_tier"
                + " from " + S + ".elder e"
                + " left join (select elder_id, count(*) filter (where kind = 'DIFFICULTY') d,"
                + "   count(*) filter (where kind = 'HAZARD') h,"
                + "   string_agg(distinct category, ',') filter (where kind = 'DIFFICULTY') dc"
                + "   from " + S + ".concern where status <> 'CLOSED' group by elder_id) n on n.elder_id = e.id"
                + " left join (select p.elder_id, count(*) p, string_agg(v.name || '（' || p.level || '）', '、'"
                + "   order by p.started_on) pw from " + S + ".pairing p join " + S + ".volunteer v"
                + "   on v.id = p.volunteer_id where p.ended_on is null group by p.elder_id) k on k.elder_id = e.id"
                + " where e.status = 'ACTIVE'"
                + " order by k.p is null desc, e.street_code, e.community_code, e.grid_code, e.name, e.id")) {
            while (r.next()) {
                out.add(new Object[] { r.getObject(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
                        r.getString(6), r.getString(7) });
            }
        }
        return out;
    }

    /**
     * Visits, elders visited, volunteer person-times (visits by volunteers and cadres, and activity service), activity
     * person-times (registered elders and other attendees), direct beneficiaries (distinct over visits, activities and time-bank services), elders and
     * paired; then volunteer hours.
     */
    private static Object[] kpiSql(Connection c, LocalDate from, LocalDate to) throws Exception {
        String sql = "with v as (select v.elder_id, v.performer_kind, v.duration_minutes from " + S + ".visit v"
                + "   join " + S + ".elder e on e.id = v.elder_id where v.status in ('RECORDED','VERIFIED')"
                + "   and v.performed_on between ? and ?),"
                + " a as (select id from " + S + ".community_activity where held_on between ? and ?)"
                + " select (select count(*) from v), (select count(distinct elder_id) from v),"
                + " (select count(*) from v where performer_kind in ('VOLUNTEER','CADRE'))"
                + "   + (select count(*) from " + S + ".activity_volunteer x join a on a.id = x.activity_id),"
                + " (select count(*) from " + S + ".activity_attendee x join a on a.id = x.activity_id)"
                + "   + (select coalesce(sum(other_attendees), 0) from " + S + ".community_activity"
                + "   where held_on between ? and ?),"
                + " (select count(*) from (select elder_id from v union select x.elder_id from " + S
                + ".activity_attendee x join a on a.id = x.activity_id union select beneficiary_elder_id from " + S
                + ".time_entry where kind = 'REDEEM' and created_at >= ? and created_at < ?) d),"
                + " (select count(*) from " + S + ".elder where status = 'ACTIVE'),"
                + " (select count(*) from " + S + ".elder e where e.status = 'ACTIVE' and exists (select 1 from " + S
                + ".pairing p where p.elder_id = e.id and p.ended_on is null)),"
                + " (select coalesce(sum(duration_minutes), 0) from v where performer_kind in ('VOLUNTEER','CADRE')),"
                + " (select coalesce(sum(x.hours), 0) from " + S + ".activity_volunteer x join a"
                + "   on a.id = x.activity_id)";
        ZoneId china = ZoneId.of("Asia/Shanghai");
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, from);
            st.setObject(2, to);
            st.setObject(3, from);
            st.setObject(4, to);
            st.setObject(5, from);
            st.setObject(6, to);
            st.setObject(7, from.atStartOfDay(china).toOffsetDateTime());
            st.setObject(8, to.plusDays(1).atStartOfDay(china).toOffsetDateTime());
            try (ResultSet r = st.executeQuery()) {
                r.next();
                BigDecimal hours = r.getBigDecimal(8).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP)
                        .add(r.getBigDecimal(9)).setScale(2, RoundingMode.HALF_UP);
                return new Object[] { r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                        r.getLong(6), r.getLong(7), hours };
            }
        }
    }
}
