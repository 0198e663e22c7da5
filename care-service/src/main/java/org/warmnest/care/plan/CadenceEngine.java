package org.warmnest.care.plan;

import org.warmnest.platform.catalogue.ServiceItem;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.warmnest.care.elder.BirthDates;
import java.util.function.Consumer;

/**
 * What was due, what was done and what is overdue, for every plan item in force in a period. It reads the plan
 * items and the contacts (counted per elder, service, mode and day; rejected and superseded visits do not count)
 * as two streams in elder order and walks them side by side, one elder at a time, so memory stays that of one
 * elder however many pairings a district has.
 *
 * <p>A window counts for the period its last day falls in, from the day its item took effect, and only if the item
 * was still in force on that last day (an item adjusted mid-month leaves the month to its replacement). An elder
 * no longer active (moved, deceased, withdrawn) is due nothing from the day of the change.
 */
final class CadenceEngine {

    enum State { MET, OVERDUE, OPEN, UPCOMING }

    /** A plan item with what the reports group it by. */
    record Item(UUID id, UUID elderId, String elderName, ServiceItem serviceItem, Cadence cadence,
            Set<ContactMode> modes, LocalDate activeFrom, LocalDate lastDay, Responsible responsibleKind,
            String responsibleRef, String responsibleName, UUID contractorId, String gridCode, String communityCode,
            String streetCode, LocalDate birthDate) {
    }

    /** One window of one item: {@code due} contacts, {@code done} of them made (never counted above due). */
    record Result(Item item, LocalDate from, LocalDate to, int due, int done, State state) {
    }

    /** Which items: all in scope, or one contractor's elders, or one elder. */
    record Scope(UUID contractorId, UUID elderId) {
        static final Scope ALL = new Scope(null, null);
    }

    private static final int FETCH = 2_000;

    private CadenceEngine() {
    }

    /** Every window ending in {@code [from, to]} of every item in scope, to the sink, elder by elder. */
    static void run(Connection c, LocalDate from, LocalDate to, LocalDate today, Scope scope, BirthDates births,
            Consumer<Result> sink) throws SQLException {
        LocalDate loadFrom = from.minusDays(lookback(c, from, to, scope));
        String filter = (scope.contractorId() != null ? " and e.contractor_id = ?" : "")
                + (scope.elderId() != null ? " and e.id = ?" : "");
        try (PreparedStatement items = c.prepareStatement("select i.id, i.elder_id, e.name, i.service_item,"
                + " i.cadence, i.times, i.festivals, i.lead_days, i.modes, i.active_from, i.active_to,"
                + " i.responsible_kind, i.responsible_ref, i.responsible_name, e.contractor_id, e.grid_code,"
                + " e.community_code, e.street_code, e.birth_date, e.status, e.status_since, e.birth_date_cipher"
                + " from care_plan_item i join elder e on e.id = i.elder_id"
                + " where i.active_from <= ? and (i.active_to is null or i.active_to >= ?)" + filter
                + " order by i.elder_id, i.id");
                PreparedStatement contacts = c.prepareStatement("select v.elder_id, s.service_item, v.mode,"
                        + " v.performed_on, count(*) from visit v join visit_service s on s.visit_id = v.id"
                        + " join elder e on e.id = v.elder_id"
                        + " where v.status in ('RECORDED','VERIFIED') and v.performed_on between ? and ?" + filter
                        + " and exists (select 1 from care_plan_item i where i.elder_id = v.elder_id"
                        + "   and i.active_from <= ? and (i.active_to is null or i.active_to >= ?))"
                        + " group by v.elder_id, s.service_item, v.mode, v.performed_on"
                        + " order by v.elder_id, v.performed_on")) {
            int n = 1;
            items.setObject(n++, to);
            items.setObject(n++, from);
            n = bindScope(items, n, scope);
            items.setFetchSize(FETCH);
            n = 1;
            contacts.setObject(n++, loadFrom);
            contacts.setObject(n++, to);
            n = bindScope(contacts, n, scope);
            contacts.setObject(n++, to);
            contacts.setObject(n++, from);
            contacts.setFetchSize(FETCH * 10);
            try (ResultSet ir = items.executeQuery(); ResultSet cr = contacts.executeQuery()) {
                walk(ir, cr, from, to, today, births, sink);
            }
        }
    }

    private static int bindScope(PreparedStatement s, int n, Scope scope) throws SQLException {
        if (scope.contractorId() != null) {
            s.setObject(n++, scope.contractorId());
        }
        if (scope.elderId() != null) {
            s.setObject(n++, scope.elderId());
        }
        return n;
    }

    /** How many days before the period the earliest window ending in it may begin. */
    private static int lookback(Connection c, LocalDate from, LocalDate to, Scope scope) throws SQLException {
        String filter = (scope.contractorId() != null ? " and e.contractor_id = ?" : "")
                + (scope.elderId() != null ? " and e.id = ?" : "");
        try (PreparedStatement s = c.prepareStatement("select coalesce(max(case i.cadence when 'QUARTERLY' then 92"
                + " when 'MONTHLY' then 31 when 'WEEKLY' then 7 else i.lead_days end), 0)"
                + " from care_plan_item i join elder e on e.id = i.elder_id"
                + " where i.active_from <= ? and (i.active_to is null or i.active_to >= ?)" + filter)) {
            s.setObject(1, to);
            s.setObject(2, from);
            bindScope(s, 3, scope);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private record Contact(ServiceItem item, ContactMode mode, LocalDate day, int count) {
    }

    /** Both streams are in the database's uuid order, which is the order of the ids' text. */
    private static void walk(ResultSet ir, ResultSet cr, LocalDate from, LocalDate to, LocalDate today,
            BirthDates births, Consumer<Result> sink) throws SQLException {
        boolean moreContacts = cr.next();
        boolean moreItems = ir.next();
        List<Item> items = new ArrayList<>();
        List<Contact> contacts = new ArrayList<>();
        while (moreItems) {
            UUID elder = ir.getObject(2, UUID.class);
            String elderKey = elder.toString();
            items.clear();
            while (moreItems && ir.getObject(2, UUID.class).equals(elder)) {
                Item item = item(ir, births);
                if (item != null) {
                    items.add(item);
                }
                moreItems = ir.next();
            }
            contacts.clear();
            while (moreContacts && cr.getObject(1, UUID.class).toString().compareTo(elderKey) < 0) {
                moreContacts = cr.next();
            }
            while (moreContacts && cr.getObject(1, UUID.class).equals(elder)) {
                contacts.add(new Contact(ServiceItem.valueOf(cr.getString(2)), ContactMode.valueOf(cr.getString(3)),
                        cr.getObject(4, LocalDate.class), cr.getInt(5)));
                moreContacts = cr.next();
            }
            for (Item item : items) {
                evaluate(item, contacts, from, to, today, sink);
            }
        }
    }

    private static Item item(ResultSet r, BirthDates births) throws SQLException {
        LocalDate activeFrom = r.getObject(10, LocalDate.class);
        LocalDate activeTo = r.getObject(11, LocalDate.class);
        LocalDate lastDay = activeTo;
        if (!"ACTIVE".equals(r.getString(20))) {
            LocalDate gone = r.getObject(21, LocalDate.class).minusDays(1);
            lastDay = lastDay == null || gone.isBefore(lastDay) ? gone : lastDay;
        }
        if (lastDay != null && lastDay.isBefore(activeFrom)) {
            return null;
        }
        Set<Festival> festivals = EnumSet.noneOf(Festival.class);
        for (String f : strings(r.getArray(7))) {
            festivals.add(Festival.valueOf(f));
        }
        Set<ContactMode> modes = EnumSet.noneOf(ContactMode.class);
        for (String m : strings(r.getArray(9))) {
            modes.add(ContactMode.valueOf(m));
        }
        return new Item(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getString(3),
                ServiceItem.valueOf(r.getString(4)),
                CadenceSpec.fromRow(r.getString(5), r.getInt(6), festivals, r.getInt(8)), modes, activeFrom, lastDay,
                Responsible.valueOf(r.getString(12)), r.getString(13), r.getString(14),
                r.getObject(15, UUID.class), r.getString(16), r.getString(17), r.getString(18),
                // only a birthday item needs the (sealed) date
                "BIRTHDAY".equals(r.getString(5))
                        ? births.of(r.getObject(2, UUID.class), r.getString(22), r.getObject(19, LocalDate.class))
                        : null);
    }

    private static String[] strings(Array a) throws SQLException {
        return a == null ? new String[0] : (String[]) a.getArray();
    }

    static void evaluate(Item item, List<Contact> contacts, LocalDate from, LocalDate to, LocalDate today,
            Consumer<Result> sink) {
        // the contacts that count for this item, as days and running totals
        int n = 0;
        long[] days = new long[contacts.size()];
        int[] running = new int[contacts.size() + 1];
        for (Contact c : contacts) {
            if (c.item() == item.serviceItem() && (item.modes().isEmpty() || item.modes().contains(c.mode()))) {
                days[n] = c.day().toEpochDay();
                running[n + 1] = running[n] + c.count();
                n++;
            }
        }
        sortTogether(days, running, n);
        for (Obligations.Window w : Obligations.due(item.cadence(), item.activeFrom(), from, to, item.birthDate())) {
            if (item.lastDay() != null && w.to().isAfter(item.lastDay())) {
                continue;
            }
            int done = Math.min(w.times(), count(days, running, n, w.from().toEpochDay(), w.to().toEpochDay()));
            State state = done >= w.times() ? State.MET
                    : w.to().isBefore(today) ? State.OVERDUE : w.from().isAfter(today) ? State.UPCOMING : State.OPEN;
            sink.accept(new Result(item, w.from(), w.to(), w.times(), done, state));
        }
    }

    /** Contacts on days in {@code [from, to]}. */
    private static int count(long[] days, int[] running, int n, long from, long to) {
        int lo = lowerBound(days, n, from);
        int hi = lowerBound(days, n, to + 1);
        return running[hi] - running[lo];
    }

    private static int lowerBound(long[] days, int n, long key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (days[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Contacts arrive unsorted by day; re-derive running totals after sorting by day (insertion sort: few). */
    private static void sortTogether(long[] days, int[] running, int n) {
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[i] = running[i + 1] - running[i];
        }
        for (int i = 1; i < n; i++) {
            long d = days[i];
            int c = counts[i];
            int j = i - 1;
            while (j >= 0 && days[j] > d) {
                days[j + 1] = days[j];
                counts[j + 1] = counts[j];
                j--;
            }
            days[j + 1] = d;
            counts[j + 1] = c;
        }
        for (int i = 0; i < n; i++) {
            running[i + 1] = running[i] + counts[i];
        }
    }
}
