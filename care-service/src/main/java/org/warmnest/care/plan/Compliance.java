package org.warmnest.care.plan;

import org.warmnest.care.elder.BirthDates;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.hibernate.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantContext;

import jakarta.persistence.EntityManager;

/**
 * The cadence engine's answers: an elder's plan status, compliance rates grouped by worker, grid, community,
 * street, contractor or district, the overdue list, and overdue windows turned into supervision findings.
 * Compliance counts the windows that have ended: contacts made (up to what was due) over contacts due.
 */
@Service
class Compliance {

    /** How compliance is grouped. */
    enum By { WORKER, GRID, COMMUNITY, STREET, CONTRACTOR, DISTRICT }

    static final int MAX_DAYS = 366;

    /** One group's figures; {@code rate} is null when nothing in it has ended yet. */
    record Row(String key, String name, long elders, long items, long due, long done, long overdueWindows,
            long missed, long openWindows, Double rate) {
    }

    private static final class Tally {
        final String key;
        String name;
        final java.util.Set<UUID> elders = new java.util.HashSet<>();
        final java.util.Set<UUID> items = new java.util.HashSet<>();
        long due;
        long done;
        long overdue;
        long missed;
        long open;

        Tally(String key, String name) {
            this.key = key;
            this.name = name;
        }

        void add(CadenceEngine.Result r) {
            elders.add(r.item().elderId());
            items.add(r.item().id());
            if (r.state() == CadenceEngine.State.OPEN || r.state() == CadenceEngine.State.UPCOMING) {
                open++;
                return;
            }
            due += r.due();
            done += r.done();
            if (r.state() == CadenceEngine.State.OVERDUE) {
                overdue++;
                missed += r.due() - r.done();
            }
        }

        Row row() {
            return new Row(key, name, elders.size(), items.size(), due, done, overdue, missed, open,
                    due == 0 ? null : Math.round(done * 10000.0 / due) / 10000.0);
        }
    }

    private final EntityManager em;
    private final AreaDirectory areas;
    private final Clock clock;
    private final BirthDates births;

    Compliance(EntityManager em, AreaDirectory areas, Clock clock, BirthDates births) {
        this.births = births;
        this.em = em;
        this.areas = areas;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(CarePlans.CHINA));
    }

    static void checkPeriod(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "before-from");
        }
        if (to.toEpochDay() - from.toEpochDay() >= MAX_DAYS) {
            throw ProblemException.invalid("to", "period-too-long");
        }
    }

    /** Runs the engine in the caller's transaction on its connection. */
    void run(LocalDate from, LocalDate to, CadenceEngine.Scope scope, Consumer<CadenceEngine.Result> sink) {
        checkPeriod(from, to);
        LocalDate today = today();
        em.unwrap(Session.class).doWork(c -> CadenceEngine.run(c, from, to, today, scope, births, sink));
    }

    @Transactional(readOnly = true)
    List<CadenceEngine.Result> status(UUID elderId, LocalDate from, LocalDate to) {
        List<CadenceEngine.Result> out = new ArrayList<>();
        run(from, to, new CadenceEngine.Scope(null, elderId), out::add);
        return out;
    }

    @Transactional(readOnly = true)
    List<Row> compliance(LocalDate from, LocalDate to, By by, Optional<UUID> contractor) {
        Map<String, Tally> tallies = new HashMap<>();
        Map<String, AreaDirectory.GridPlace> places = places();
        String district = TenantContext.require().value();
        run(from, to, new CadenceEngine.Scope(contractor.orElse(null), null), r -> {
            CadenceEngine.Item i = r.item();
            String key;
            switch (by) {
                case WORKER -> key = i.responsibleKind() + ":" + i.responsibleRef();
                case GRID -> key = i.gridCode();
                case COMMUNITY -> key = i.communityCode();
                case STREET -> key = i.streetCode();
                case CONTRACTOR -> key = i.contractorId() == null ? "" : i.contractorId().toString();
                default -> key = district;
            }
            tallies.computeIfAbsent(key, k -> new Tally(k, name(by, i, places, district))).add(r);
        });
        return tallies.values().stream().map(Tally::row)
                .sorted(Comparator.comparing((Row r) -> r.rate() == null ? 2.0 : r.rate()).thenComparing(Row::key))
                .toList();
    }

    /** The overdue windows, elder by elder: at most {@code limit}, and how many there are in all. */
    record Overdue(List<CadenceEngine.Result> results, long total) {
    }

    @Transactional(readOnly = true)
    Overdue overdue(LocalDate from, LocalDate to, Optional<UUID> contractor, int offset, int limit) {
        List<CadenceEngine.Result> out = new ArrayList<>();
        long[] total = { 0 };
        run(from, to, new CadenceEngine.Scope(contractor.orElse(null), null), r -> {
            if (r.state() == CadenceEngine.State.OVERDUE) {
                if (total[0] >= offset && out.size() < limit) {
                    out.add(r);
                }
                total[0]++;
            }
        });
        return new Overdue(out, total[0]);
    }

    /**
     * Turns the overdue windows ending in the period into supervision findings, once each (a window already found
     * is left as it is); returns how many are new. Safe to run again and from several replicas.
     */
    @Transactional
    int scan(LocalDate from, LocalDate to) {
        LocalDate last = to.isBefore(today()) ? to : today().minusDays(1);
        if (last.isBefore(from)) {
            return 0;
        }
        Instant now = clock.instant();
        int[] created = { 0 };
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into supervision_finding (id, plan_item_id,"
                    + " elder_id, contractor_id, window_from, window_to, due, done, status, found_at, version)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, 0) on conflict (plan_item_id, window_to) do nothing")) {
                int[] pending = { 0 };
                CadenceEngine.run(c, from, last, today(), CadenceEngine.Scope.ALL, births, r -> {
                    if (r.state() != CadenceEngine.State.OVERDUE) {
                        return;
                    }
                    try {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setObject(2, r.item().id());
                        insert.setObject(3, r.item().elderId());
                        insert.setObject(4, r.item().contractorId());
                        insert.setObject(5, r.from());
                        insert.setObject(6, r.to());
                        insert.setInt(7, r.due());
                        insert.setInt(8, r.done());
                        insert.setObject(9, java.sql.Timestamp.from(now));
                        insert.addBatch();
                        if (++pending[0] == 500) {
                            created[0] += sum(insert.executeBatch());
                            pending[0] = 0;
                        }
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                if (pending[0] > 0) {
                    created[0] += sum(insert.executeBatch());
                }
            }
        });
        return created[0];
    }

    private static int sum(int[] counts) {
        int n = 0;
        for (int c : counts) {
            n += Math.max(c, 0);
        }
        return n;
    }

    /** Area names by grid code; codes alone when tenant-service cannot answer (a report still comes out). */
    private Map<String, AreaDirectory.GridPlace> places() {
        try {
            return areas.grids(TenantContext.require());
        } catch (ProblemException e) {
            return Map.of();
        }
    }

    private static String name(By by, CadenceEngine.Item i, Map<String, AreaDirectory.GridPlace> places,
            String district) {
        AreaDirectory.GridPlace p = places.get(i.gridCode());
        return switch (by) {
            case WORKER -> i.responsibleName();
            case GRID -> p == null ? i.gridCode() : p.gridName();
            case COMMUNITY -> p == null ? i.communityCode() : p.communityName();
            case STREET -> p == null ? i.streetCode() : p.streetName();
            case CONTRACTOR -> i.contractorId() == null ? "(未委托)" : i.contractorId().toString();
            default -> district;
        };
    }
}
