package org.warmnest.care.pii;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.care.evidence.EvidenceKeys;
import org.warmnest.care.evidence.EvidenceMissing;
import org.warmnest.care.evidence.EvidenceStore;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantRegistry;

/**
 * Key rotation: values written under a key or algorithm that is no longer the active one (elders' ID numbers and
 * health details, assessments' findings, adjusting conditions and notes) are re-encrypted under the active one, a
 * batch at a time, tenant by tenant, in the background. To rotate, an operator adds a key, makes it active and
 * restarts; once the log says nothing is left under the old key, the old key can be removed from the configuration.
 * Health photos follow the same rule in the evidence store: one kept in clear (stored before health photos were
 * sealed) or under another key is written encrypted under the active key to a new object, its record moved to it,
 * and the old object removed.
 */
@Component
public class PiiRotation {

    private static final Logger log = LoggerFactory.getLogger(PiiRotation.class);
    private static final int BATCH = 500;

    private final PiiCipher cipher;
    private final TenantRegistry registry;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EvidenceStore store;

    public PiiRotation(PiiCipher cipher, TenantRegistry registry, javax.sql.DataSource dataSource,
            org.springframework.transaction.PlatformTransactionManager transactionManager, EvidenceStore store) {
        this.cipher = cipher;
        this.store = store;
        this.registry = registry;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** An encrypted column and the field it names in a cipher's context. */
    private record Encrypted(String column, String field) {
    }

    /** A table whose rows hold encrypted columns (any of them may be null). */
    private record Table(String name, List<Encrypted> columns) {

        Table(String name, Encrypted... columns) {
            this(name, List.of(columns));
        }

        /** Rows with a value under another key or algorithm: any column not null and not like the bound prefix. */
        String stale() {
            return columns.stream().map(c -> "(" + c.column() + " is not null and " + c.column() + " not like ?)")
                    .collect(Collectors.joining(" or "));
        }
    }

    /** Everything encrypted, table by table, in each tenant's schema. */
    private static final List<Table> TABLES = List.of(
            new Table("elder", new Encrypted("id_number_cipher", "id_number"),
                    new Encrypted("health_cipher", "health"), new Encrypted("birth_date_cipher", "birth_date")),
            new Table("assessment", new Encrypted("findings_cipher", "findings"),
                    new Encrypted("conditions_cipher", "conditions"), new Encrypted("note_cipher", "note")),
            new Table("visit", new Encrypted("health_cipher", "health")));

    private record Row(UUID id, List<String> values) {
    }

    @Scheduled(initialDelayString = "${warmnest.pii.rotation-initial-delay:60s}",
            fixedDelayString = "${warmnest.pii.rotation-interval:30m}")
    void rotateInBackground() {
        long rotated = rotateAll();
        long remaining = remaining();
        if (rotated > 0 || remaining > 0) {
            // the old key may leave the configuration once this says 0 remain
            log.info("Re-encrypted the sensitive data of {} rows (elders, assessments, visits, health photos) under "
                    + "the active key; {} remain in clear or under another key", rotated, remaining);
        }
    }

    /** Re-encrypts everything not under the active key; returns how many rows (elders, assessments) were rewritten. */
    public long rotateAll() {
        long total = 0;
        for (TenantCode tenant : registry.withSchemas()) {
            try {
                total += rotate(tenant);
            } catch (RuntimeException e) { // one tenant's trouble must not hold back the others
                log.warn("Key rotation of {} stopped and will try again: {}", tenant.value(), e.getMessage());
            }
        }
        return total;
    }

    /** How many rows (elders, assessments) still hold a value under another key or algorithm. */
    public long remaining() {
        String current = cipher.currentPrefix() + "%";
        long total = 0;
        for (TenantCode tenant : registry.withSchemas()) {
            for (Table table : TABLES) {
                total += count(tenant.schema() + "." + table.name(), table, current);
            }
            total += stalePhotos(tenant.schema());
        }
        return total;
    }

    private long count(String qualified, Table table, String current) {
        if (!exists(qualified)) {
            return 0;
        }
        return jdbc.sql("select count(*) from " + qualified + " where " + table.stale())
                .params(Collections.nCopies(table.columns().size(), current)).query(Long.class).single();
    }

    /** Re-encrypts one tenant's values not under the active key; returns how many rows were rewritten. */
    long rotate(TenantCode tenant) {
        long rotated = sealBirthDates(tenant.schema());
        for (Table table : TABLES) {
            rotated += rotate(tenant.schema(), table);
        }
        return rotated + sealPhotos(tenant.schema());
    }

    /**
     * Rewrites, a batch at a time, the rows of a table that hold any encrypted value not under the active key; each
     * such value is re-encrypted, the others are written back as they were. Nothing else in the row changes, not
     * even its version: rotation is not an edit (the assessments' immutability trigger admits exactly this).
     */
    private long rotate(String schema, Table table) {
        String qualified = schema + "." + table.name();
        if (!exists(qualified)) {
            return 0;
        }
        List<Encrypted> columns = table.columns();
        String names = columns.stream().map(Encrypted::column).collect(Collectors.joining(", "));
        String select = "select id, " + names + " from " + qualified + " where " + table.stale() + " limit " + BATCH
                + " for update skip locked";
        String update = "update " + qualified + " set "
                + columns.stream().map(c -> c.column() + " = ?").collect(Collectors.joining(", ")) + " where id = ?";
        List<String> current = Collections.nCopies(columns.size(), cipher.currentPrefix() + "%");
        long rotated = 0;
        while (true) {
            Integer done = transactions.execute(tx -> {
                List<Row> rows = jdbc.sql(select).params(current).query((rs, i) -> {
                    List<String> values = new ArrayList<>(columns.size());
                    for (int c = 0; c < columns.size(); c++) {
                        values.add(rs.getString(c + 2));
                    }
                    return new Row(rs.getObject(1, UUID.class), values);
                }).list();
                for (Row r : rows) {
                    List<Object> params = new ArrayList<>(columns.size() + 1);
                    for (int c = 0; c < columns.size(); c++) {
                        params.add(reencrypt(r.values().get(c),
                                PiiCipher.context(table.name(), r.id(), columns.get(c).field())));
                    }
                    params.add(r.id());
                    jdbc.sql(update).params(params).update();
                }
                return rows.size();
            });
            rotated += done == null ? 0 : done;
            if (done == null || done < BATCH) {
                return rotated;
            }
        }
    }

    /**
     * Elders' birth dates written in clear before they were sealed: encrypted into birth_date_cipher and cleared, a
     * batch at a time (the date is the middle of the ID number). Not an edit: the version stays.
     */
    private long sealBirthDates(String schema) {
        String qualified = schema + ".elder";
        if (!exists(qualified) || !Boolean.TRUE.equals(jdbc.sql("select exists (select 1 from information_schema"
                + ".columns where table_schema = ? and table_name = 'elder' and column_name = 'birth_date_cipher')")
                .param(schema).query(Boolean.class).single())) {
            return 0;
        }
        long sealed = 0;
        while (true) {
            Integer done = transactions.execute(tx -> {
                List<Object[]> rows = jdbc.sql("select id, birth_date from " + qualified
                        + " where birth_date is not null limit " + BATCH + " for update skip locked")
                        .query((rs, i) -> new Object[] { rs.getObject(1, UUID.class),
                                rs.getObject(2, java.time.LocalDate.class) }).list();
                for (Object[] r : rows) {
                    UUID id = (UUID) r[0];
                    jdbc.sql("update " + qualified + " set birth_date_cipher = ?, birth_year = ?, birth_date = null"
                            + " where id = ?").params(cipher.encrypt(r[1].toString(),
                                    PiiCipher.context("elder", id, "birth_date")),
                                    ((java.time.LocalDate) r[1]).getYear(), id).update();
                }
                return rows.size();
            });
            sealed += done == null ? 0 : done;
            if (done == null || done < BATCH) {
                return sealed;
            }
        }
    }

    /** How many elders still hold their birth date in clear. */
    public long unsealed() {
        long total = 0;
        for (TenantCode tenant : registry.withSchemas()) {
            String qualified = tenant.schema() + ".elder";
            if (exists(qualified)) {
                total += jdbc.sql("select count(*) from " + qualified + " where birth_date is not null")
                        .query(Long.class).single();
            }
        }
        return total;
    }

    /** A health photo to (re)seal: its record and where its bytes are now. */
    private record Photo(UUID id, String key, boolean sealed) {
    }

    /** Health photos in clear, or sealed under another key or before the key was recorded beside them. */
    private static final String STALE_PHOTO = "purpose = 'HEALTH' and (not sealed or sealed_under is null"
            + " or sealed_under <> ?)";

    private boolean hasSealedUnder(String schema) {
        return Boolean.TRUE.equals(jdbc.sql("select exists (select 1 from information_schema.columns where"
                + " table_schema = ? and table_name = 'evidence' and column_name = 'sealed_under')").param(schema)
                .query(Boolean.class).single());
    }

    private long stalePhotos(String schema) {
        if (!hasSealedUnder(schema)) {
            return 0;
        }
        return jdbc.sql("select count(*) from " + schema + ".evidence where " + STALE_PHOTO)
                .param(cipher.currentPrefix()).query(Long.class).single();
    }

    /** How many health photos are still kept in clear in the evidence store. */
    public long unsealedPhotos() {
        long total = 0;
        for (TenantCode tenant : registry.withSchemas()) {
            if (hasSealedUnder(tenant.schema())) {
                total += jdbc.sql("select count(*) from " + tenant.schema() + ".evidence where purpose = 'HEALTH'"
                        + " and not sealed").query(Long.class).single();
            }
        }
        return total;
    }

    /**
     * Seals, a batch at a time in id order, the health photos kept in clear or under another key. Each is written
     * encrypted to a new object (never over the old one: a failure midway leaves the record and its old object as
     * they were); the record moves to it in the transaction; the old object is removed once that commits, and the
     * new one if it does not. A photo missing from the store is left for the operator (logged), not retried forever.
     */
    private long sealPhotos(String schema) {
        if (!hasSealedUnder(schema)) {
            return 0;
        }
        String qualified = schema + ".evidence";
        String prefix = cipher.currentPrefix();
        long sealed = 0;
        UUID after = new UUID(0, 0); // the least in the database's order (bytewise)
        while (true) {
            UUID from = after;
            List<String> written = new ArrayList<>();
            List<String> replaced = new ArrayList<>();
            List<Photo> batch;
            try {
                batch = transactions.execute(tx -> {
                    List<Photo> rows = jdbc.sql("select id, storage_key, sealed from " + qualified + " where "
                            + STALE_PHOTO + " and id > ? order by id limit " + BATCH + " for update skip locked")
                            .params(prefix, from).query((rs, i) -> new Photo(rs.getObject(1, UUID.class),
                                    rs.getString(2), rs.getBoolean(3))).list();
                    for (Photo p : rows) {
                        byte[] photo;
                        try (java.io.InputStream in = store.open(p.key())) {
                            byte[] kept = in.readAllBytes();
                            photo = p.sealed() ? cipher.decrypt(kept, PiiCipher.photoContext(p.id())) : kept;
                        } catch (EvidenceMissing e) {
                            log.warn("The health photo {} of {} is missing from the evidence store; left as it is",
                                    p.id(), schema);
                            continue;
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        String key = EvidenceKeys.successor(p.key());
                        try {
                            store.put(key, new java.io.ByteArrayInputStream(cipher.encrypt(photo,
                                    PiiCipher.photoContext(p.id()))), "application/octet-stream");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        written.add(key);
                        jdbc.sql("update " + qualified + " set storage_key = ?, sealed = true, sealed_under = ?"
                                + " where id = ?").params(key, prefix, p.id()).update();
                        replaced.add(p.key());
                    }
                    return rows;
                });
            } catch (RuntimeException e) {
                written.forEach(store::delete); // the records still name the old objects
                throw e;
            }
            replaced.forEach(store::delete);
            sealed += replaced.size();
            if (batch == null || batch.size() < BATCH) {
                return sealed;
            }
            after = batch.get(batch.size() - 1).id();
        }
    }

    private boolean exists(String qualified) {
        return Boolean.TRUE.equals(jdbc.sql("select to_regclass(?) is not null").param(qualified)
                .query(Boolean.class).single());
    }

    private String reencrypt(String stored, String context) {
        return cipher.isCurrent(stored) ? stored : cipher.encrypt(cipher.decrypt(stored, context), context);
    }
}
