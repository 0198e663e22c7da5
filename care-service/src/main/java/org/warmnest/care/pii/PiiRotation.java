package org.warmnest.care.pii;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantRegistry;

/**
 * Key rotation: values written under a key or algorithm that is no longer the active one (elders' ID numbers and
 * health details, assessments' findings and notes) are re-encrypted under the active one, a batch at a time,
 * tenant by tenant, in the background. To rotate, an operator adds a key, makes it active and restarts; once the
 * log says nothing is left under the old key, the old key can be removed from the configuration.
 */
@Component
public class PiiRotation {

    private static final Logger log = LoggerFactory.getLogger(PiiRotation.class);
    private static final int BATCH = 500;

    private final PiiCipher cipher;
    private final TenantRegistry registry;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public PiiRotation(PiiCipher cipher, TenantRegistry registry, javax.sql.DataSource dataSource,
            org.springframework.transaction.PlatformTransactionManager transactionManager) {
        this.cipher = cipher;
        this.registry = registry;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    private record Row(UUID id, String first, String second) {
    }

    @Scheduled(initialDelayString = "${warmnest.pii.rotation-initial-delay:60s}",
            fixedDelayString = "${warmnest.pii.rotation-interval:30m}")
    void rotateInBackground() {
        long rotated = rotateAll();
        long remaining = remaining();
        if (rotated > 0 || remaining > 0) {
            // the old key may leave the configuration once this says 0 remain
            log.info("Re-encrypted the sensitive data of {} rows (elders, assessments) under the active key; {} "
                    + "rows remain under another key", rotated, remaining);
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
            total += count(tenant.schema() + ".elder", "id_number_cipher", "health_cipher", current)
                    + count(tenant.schema() + ".assessment", "findings_cipher", "note_cipher", current);
        }
        return total;
    }

    private long count(String table, String first, String second, String current) {
        boolean exists = Boolean.TRUE.equals(jdbc.sql("select to_regclass(?) is not null").param(table)
                .query(Boolean.class).single());
        return !exists ? 0 : jdbc.sql("select count(*) from " + table + " where " + first + " not like ? or ("
                + second + " is not null and " + second + " not like ?)").param(current).param(current)
                .query(Long.class).single();
    }

    /** Re-encrypts one tenant's values not under the active key; returns how many rows were rewritten. */
    long rotate(TenantCode tenant) {
        return rotate(tenant.schema(), "elder", "id_number_cipher", "id_number", "health_cipher", "health")
                + rotate(tenant.schema(), "assessment", "findings_cipher", "findings", "note_cipher", "note");
    }

    /**
     * Rewrites, a batch at a time, the rows of a table whose two encrypted columns (the first never null) are not
     * both under the active key. Nothing else in the row changes, not even its version: rotation is not an edit
     * (the assessments' immutability trigger admits exactly this).
     */
    private long rotate(String schema, String name, String first, String firstField, String second,
            String secondField) {
        String table = schema + "." + name;
        boolean exists = Boolean.TRUE.equals(jdbc.sql("select to_regclass(?) is not null").param(table)
                .query(Boolean.class).single());
        if (!exists) {
            return 0;
        }
        String current = cipher.currentPrefix() + "%";
        long rotated = 0;
        while (true) {
            Integer done = transactions.execute(tx -> {
                List<Row> rows = jdbc.sql("select id, " + first + ", " + second + " from " + table
                        + " where " + first + " not like ? or (" + second + " is not null and " + second
                        + " not like ?) limit " + BATCH + " for update skip locked").param(current).param(current)
                        .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                        .list();
                for (Row r : rows) {
                    jdbc.sql("update " + table + " set " + first + " = ?, " + second + " = ? where id = ?")
                            .param(reencrypt(r.first(), PiiCipher.context(name, r.id(), firstField)))
                            .param(reencrypt(r.second(), PiiCipher.context(name, r.id(), secondField)))
                            .param(r.id()).update();
                }
                return rows.size();
            });
            rotated += done == null ? 0 : done;
            if (done == null || done < BATCH) {
                return rotated;
            }
        }
    }

    private String reencrypt(String stored, String context) {
        return cipher.isCurrent(stored) ? stored : cipher.encrypt(cipher.decrypt(stored, context), context);
    }
}
