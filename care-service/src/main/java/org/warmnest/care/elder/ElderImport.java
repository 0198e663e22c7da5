package org.warmnest.care.elder;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.hibernate.Session;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.care.area.AreaDirectory;
import org.warmnest.care.area.AreaDirectory.GridPlace;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.sheet.SheetFinding;
import org.warmnest.platform.sheet.SheetReader;
import org.warmnest.platform.sheet.SheetRow;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;

import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Bulk import of the elder spreadsheets bureaus keep. The file is read as a stream; every row is checked as the
 * API would check it; then either everything is written in one transaction or nothing is. A row with a problem
 * blocks the whole file, and the report names every problem (row, column, what is wrong), so the bureau fixes
 * the sheet and uploads it again. Rows are matched to files by ID number: a re-upload creates nothing twice and
 * changes only what changed.
 */
@Service
class ElderImport {

    /** What an import did or would do. Problems block the file; notices do not. */
    record Report(boolean dryRun, boolean applied, int rows, int created, int updated, int unchanged,
            List<Line> problems, List<Line> notices) {
    }

    /** One problem at a row (as the spreadsheet numbers rows; 0 for the file) and column (its header). */
    record Line(int row, String column, String code, String message) {
    }

    static final class Refused extends RuntimeException {
        final transient Report report;

        Refused(Report report) {
            super("import refused");
            this.report = report;
        }
    }

    private record Planned(SheetRow row, ElderRules.Draft draft, byte[] hash, Elder existing, boolean unchanged) {
    }

    private final ElderRegistry registry;
    private final AreaDirectory areas;
    private final Validator validator;
    private final MessageSource messages;
    private final EntityManager em;
    private final TransactionTemplate transactions;
    private final CityElderTables cityTables;
    private final int maxRows;

    ElderImport(ElderRegistry registry, AreaDirectory areas, Validator validator, MessageSource messages,
            EntityManager em, org.springframework.transaction.PlatformTransactionManager transactionManager,
            CityElderTables cityTables, @Value("${warmnest.elders.import-max-rows:20000}") int maxRows) {
        this.registry = registry;
        this.areas = areas;
        this.validator = validator;
        this.messages = messages;
        this.em = em;
        this.transactions = new TransactionTemplate(transactionManager);
        this.cityTables = cityTables;
        this.maxRows = maxRows;
    }

    Report run(InputStream file, String fileName, boolean dryRun, UUID entrustTo, Locale locale) throws IOException {
        TenantCode tenant = TenantContext.require();
        CurrentUser user = CurrentUser.get();
        UUID owner = registry.entrustedTo(user.contractorScope(), entrustTo);
        MessageDigest sha = sha256();
        List<SheetRow> rows = new ArrayList<>();
        SheetReader.Result read = SheetReader.read(new DigestInputStream(file, sha), ElderSheet.HEADERS,
                ElderSheet.REQUIRED, maxRows, rows::add);
        List<Line> problems = new ArrayList<>();
        for (SheetFinding f : read.findings()) {
            problems.add(line(f.row(), f.column(), "sheet." + f.code(), f.args(), locale));
        }
        if (!problems.isEmpty()) {
            return refuseOrReport(new Report(dryRun, false, rows.size(), 0, 0, 0, problems, List.of()), dryRun);
        }
        List<Candidate> candidates = distinctPeople(rows, problems, locale);
        Map<String, Elder> existing = existingFiles(candidates);
        List<Planned> planned = check(candidates, existing, new HashSet<>(read.headers()), areas.grids(tenant),
                user.contractorScope(), problems, locale);
        problems.sort(Comparator.comparingInt(Line::row));
        // where else in the city someone is registered is the bureaus' business, not a contractor's
        List<Line> notices = user.contractorScope().isEmpty() ? elsewhereInTheCity(tenant, planned, locale)
                : List.of();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (Planned p : planned) {
            if (p.existing() == null) {
                created++;
            } else if (p.unchanged()) {
                unchanged++;
            } else {
                updated++;
            }
        }
        Report report = new Report(dryRun, false, rows.size(), created, updated, unchanged, problems, notices);
        if (dryRun || !problems.isEmpty()) {
            return refuseOrReport(report, dryRun);
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        try {
            return transactions.execute(tx -> apply(planned, report, fileName, digest, user, owner));
        } catch (RuntimeException e) {
            if (isConflict(e)) {
                // another import or a worker registered or changed one of these elders since the file was checked
                throw new ProblemException(HttpStatus.CONFLICT, "import-conflict");
            }
            throw e;
        }
    }

    /** A unique key or a row version refused the write, however the persistence layer wrapped it. */
    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataIntegrityViolationException || t instanceof OptimisticLockingFailureException
                    || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A row with its ID number (null when the number is not valid) and the number's keyed hash. */
    private record Candidate(SheetRow row, ResidentId id, byte[] hash) {
    }

    /** The rows whose ID number appears for the first time in the file; a repeat is a problem of its own. */
    private List<Candidate> distinctPeople(List<SheetRow> rows, List<Line> problems, Locale locale) {
        Map<String, Integer> firstRowOf = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (SheetRow row : rows) {
            ResidentId id = null;
            try {
                id = ResidentId.parse(row.cell(ElderSheet.ID_NUMBER), registry.today());
            } catch (ResidentId.Invalid e) {
                // reported with the row's other checks
            }
            if (id != null) {
                Integer first = firstRowOf.putIfAbsent(id.value(), row.rowNumber());
                if (first != null) {
                    problems.add(line(row.rowNumber(), ElderSheet.ID_NUMBER, "import.duplicate-in-file",
                            new Object[] { first }, locale));
                    continue;
                }
            }
            candidates.add(new Candidate(row, id, id == null ? null : registry.hashOf(id)));
        }
        return candidates;
    }

    /** The files these people already have in the tenant, by keyed hash (hex), a thousand at a time. */
    private Map<String, Elder> existingFiles(List<Candidate> candidates) {
        Map<String, Elder> existing = new HashMap<>();
        List<byte[]> hashes = candidates.stream().map(Candidate::hash).filter(java.util.Objects::nonNull).toList();
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < hashes.size(); i += 1000) {
                for (Elder e : registry.elders().findByIdNumberHashIn(hashes.subList(i,
                        Math.min(hashes.size(), i + 1000)))) {
                    existing.put(HexFormat.of().formatHex(e.idNumberHash()), e);
                }
            }
        });
        return existing;
    }

    /** Each row checked as the API checks a file; the rows without a problem become the plan. */
    private List<Planned> check(List<Candidate> candidates, Map<String, Elder> existing, Set<String> present,
            Map<String, GridPlace> grids, Optional<UUID> contractor, List<Line> problems, Locale locale) {
        List<Planned> planned = new ArrayList<>();
        for (Candidate candidate : candidates) {
            SheetRow row = candidate.row();
            Elder current = candidate.hash() == null ? null
                    : existing.get(HexFormat.of().formatHex(candidate.hash()));
            if (current != null && contractor.isPresent() && !contractor.get().equals(current.contractorId())) {
                problems.add(line(row.rowNumber(), ElderSheet.ID_NUMBER, "import.registered-by-another", null,
                        locale));
                continue;
            }
            ElderRequest before = current == null ? null : registry.asRequest(current, candidate.id());
            ElderSheet.Converted converted = ElderSheet.convert(row, present, before);
            List<Line> rowProblems = new ArrayList<>();
            converted.problems().forEach(p -> rowProblems.add(line(row.rowNumber(), p.column(), "import." + p.code(),
                    p.args(), locale)));
            for (ConstraintViolation<ElderRequest> v : validator.validate(converted.request())) {
                rowProblems.add(line(row.rowNumber(), ElderSheet.columnOf(v.getPropertyPath().toString()),
                        "import." + violationCode(v), new Object[] { v.getInvalidValue() }, locale));
            }
            if (rowProblems.isEmpty()) {
                ElderRules.Checked checked = registry.check(converted.request(), grids);
                for (ElderRules.Problem p : checked.problems()) {
                    rowProblems.add(new Line(row.rowNumber(), ElderSheet.columnOf(p.field()), p.code(),
                            registry.message(p, locale)));
                }
                if (checked.draft() != null) {
                    ElderSheet.agreesWithIdNumber(row, checked.draft().idNumber()).forEach(p -> rowProblems.add(
                            line(row.rowNumber(), p.column(), "import." + p.code(), p.args(), locale)));
                    if (rowProblems.isEmpty()) {
                        planned.add(new Planned(row, checked.draft(), candidate.hash(), current,
                                current != null && registry.unchanged(current, checked.draft())));
                    }
                }
            }
            problems.addAll(rowProblems);
        }
        return planned;
    }

    private static String violationCode(ConstraintViolation<?> v) {
        return switch (v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()) {
            case "NotBlank", "NotNull" -> "required";
            case "Size" -> v.getInvalidValue() instanceof java.util.Collection<?> c && c.isEmpty() ? "required"
                    : "too-long";
            default -> "format";
        };
    }

    private Report apply(List<Planned> planned, Report report, String fileName, String digest, CurrentUser user,
            UUID owner) {
        Instant now = registry.now();
        LocalDate today = registry.today();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        List<UUID> newIds = new ArrayList<>();
        int pending = 0;
        // rows found unchanged when checked are left alone: a file uploaded again writes nothing but its record
        List<Planned> changes = new ArrayList<>();
        for (Planned p : planned) {
            if (p.existing() == null) {
                Elder elder = new Elder(UUID.randomUUID(), owner, now, user.subject());
                elder.changeStatus(Elder.Status.ACTIVE, today);
                registry.apply(elder, p.draft(), p.hash());
                em.persist(elder);
                newIds.add(elder.id());
                created++;
                if (++pending == 1000) {
                    em.flush();
                    em.clear();
                    pending = 0;
                }
            } else if (p.unchanged()) {
                unchanged++;
            } else {
                changes.add(p);
            }
        }
        em.flush();
        em.clear();
        for (int i = 0; i < changes.size(); i += 1000) {
            List<Planned> chunk = changes.subList(i, Math.min(changes.size(), i + 1000));
            Map<UUID, Elder> current = new HashMap<>();
            registry.elders().findAllById(chunk.stream().map(p -> p.existing().id()).toList())
                    .forEach(e -> current.put(e.id(), e));
            for (Planned p : chunk) {
                Elder elder = current.get(p.existing().id());
                // the version read when the file was checked must still be the version now: no edit in between
                if (elder == null || elder.version() != p.existing().version()) {
                    throw new org.springframework.orm.ObjectOptimisticLockingFailureException(Elder.class,
                            p.existing().id());
                }
                registry.apply(elder, p.draft(), p.hash());
                elder.touched(now, user.subject());
                updated++;
            }
            em.flush();
            em.clear();
        }
        em.flush();
        em.clear();
        int[] counts = { created, updated, unchanged };
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement("insert into elder_status_change (id, elder_id, "
                    + "from_status, to_status, effective_on, reason, changed_at, changed_by) values (?, ?, null, "
                    + "'ACTIVE', ?, '批量导入建档', ?, ?)")) {
                int batch = 0;
                for (UUID id : newIds) {
                    st.setObject(1, UUID.randomUUID());
                    st.setObject(2, id);
                    st.setObject(3, today);
                    st.setTimestamp(4, Timestamp.from(now));
                    st.setString(5, user.subject());
                    st.addBatch();
                    if (++batch % 1000 == 0) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            try (PreparedStatement st = connection.prepareStatement("insert into elder_import (id, file_name, "
                    + "file_sha256, contractor_id, rows, created, updated, unchanged, imported_at, imported_by) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setObject(1, UUID.randomUUID());
                st.setString(2, fileName == null ? null : fileName.substring(0, Math.min(200, fileName.length())));
                st.setString(3, digest);
                st.setObject(4, user.contractorId().orElse(null));
                st.setInt(5, report.rows());
                st.setInt(6, counts[0]);
                st.setInt(7, counts[1]);
                st.setInt(8, counts[2]);
                st.setTimestamp(9, Timestamp.from(now));
                st.setString(10, user.subject());
                st.executeUpdate();
            }
        });
        return new Report(false, true, report.rows(), created, updated, unchanged, List.of(), report.notices());
    }

    /**
     * People of this file already registered in another district of the same city: not a problem here (each
     * district keeps its own files), but the city sees them in its duplicate report, and the importer is told.
     */
    private List<Line> elsewhereInTheCity(TenantCode tenant, List<Planned> planned, Locale locale) {
        if (!tenant.isDistrict() || planned.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> rowOf = new HashMap<>();
        List<byte[]> hashes = new ArrayList<>();
        for (Planned p : planned) {
            if (p.existing() == null) {
                rowOf.put(HexFormat.of().formatHex(p.hash()), p.row().rowNumber());
                hashes.add(p.hash());
            }
        }
        Set<String> found = new LinkedHashSet<>();
        transactions.executeWithoutResult(tx -> {
            List<TenantCode> siblings = cityTables.districts(tenant.city(), tenant);
            if (siblings.isEmpty() || hashes.isEmpty()) {
                return;
            }
            String sql = "select district, id_number_hash from (" + CityElderTables.unionOf(siblings,
                    "id_number_hash") + ") elsewhere where id_number_hash = any(?)";
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement st = connection.prepareStatement(sql)) {
                    st.setArray(1, connection.createArrayOf("bytea", hashes.toArray(new byte[0][])));
                    try (var rs = st.executeQuery()) {
                        while (rs.next()) {
                            found.add(HexFormat.of().formatHex(rs.getBytes(2)) + "@" + rs.getString(1));
                        }
                    }
                }
            });
        });
        List<Line> notices = new ArrayList<>();
        for (String f : found) {
            String[] parts = f.split("@");
            Integer row = rowOf.get(parts[0]);
            if (row != null) {
                notices.add(line(row, ElderSheet.ID_NUMBER, "import.registered-in-another-district",
                        new Object[] { parts[1] }, locale));
            }
        }
        notices.sort(Comparator.comparingInt(Line::row));
        return notices;
    }

    private static Report refuseOrReport(Report report, boolean dryRun) {
        if (dryRun) {
            return report;
        }
        throw new Refused(report);
    }

    private Line line(int row, String column, String code, Object[] args, Locale locale) {
        String message;
        try {
            message = messages.getMessage(code, args, locale);
        } catch (NoSuchMessageException e) {
            message = code;
        }
        String stable = code.startsWith("import.") || code.startsWith("sheet.") ? code.substring(code.indexOf('.') + 1)
                : code;
        return new Line(row, column, stable, message);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
