package org.warmnest.platform.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.RenameTableChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * Applies a service's changelogs: the registry schema once, and the tenant changelog to each tenant's
 * schema, one schema per Liquibase run (never all schemas in one transaction), a bounded number at a time.
 * <p>
 * Start-up stays fast with many tenants: the applied changeset ids of every schema are read with one plain
 * query per schema, and Liquibase runs only where something is missing. Whatever ran, the result is then
 * verified against the catalogue: every schema must hold every table the changelog creates.
 */
public class TenantSchemaMigrator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantSchemaMigrator.class);

    public static final String REGISTRY_SCHEMA = "registry";

    static {
        // Liquibase must not try to reach the network from a service.
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        System.setProperty("liquibase.secureParsing", "true");
        System.setProperty("liquibase.command.showSummaryOutput", "log");
    }

    private final DataSource dataSource;
    private final MigrationProperties properties;
    private AppLogin appLogin;
    private final ResourceAccessor resources;
    private final Set<String> expectedChangeSets;
    private final Set<String> expectedTables;
    private final Set<TenantCode> broken = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<TenantCode, Long> brokenCheckedAt = new java.util.concurrent.ConcurrentHashMap<>();

    public TenantSchemaMigrator(DataSource dataSource, MigrationProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.resources = new ClassLoaderResourceAccessor(TenantSchemaMigrator.class.getClassLoader());
        Expected tenant = expected(properties.tenantChangelog());
        this.expectedChangeSets = tenant.changeSets();
        this.expectedTables = tenant.tables();
    }

    /** What a changelog leaves behind: its changeset ids and the tables it creates. */
    private record Expected(Set<String> changeSets, Set<String> tables) {
    }

    private Expected expected(String changelogFile) {
        DatabaseChangeLog changeLog = parse(changelogFile);
        Set<String> changeSets = new LinkedHashSet<>();
        Set<String> tables = new TreeSet<>();
        for (ChangeSet changeSet : changeLog.getChangeSets()) {
            changeSets.add(changeSet.getId() + "::" + changeSet.getAuthor());
            for (Change change : changeSet.getChanges()) {
                if (change instanceof CreateTableChange create) {
                    tables.add(create.getTableName());
                } else if (change instanceof DropTableChange drop) {
                    tables.remove(drop.getTableName());
                } else if (change instanceof RenameTableChange rename) {
                    tables.remove(rename.getOldTableName());
                    tables.add(rename.getNewTableName());
                }
            }
        }
        return new Expected(Set.copyOf(changeSets), Set.copyOf(tables));
    }

    /**
     * The login the service's requests run under (not this migrator's, which owns the schemas): given its rights in
     * every schema as it is migrated, and in schemas migrated before it was named.
     */
    public void useAppLogin(AppLogin login) {
        this.appLogin = login;
    }

    /** Closes the migration login's pool when this migrator made it for itself (the service's context). */
    @Override
    public void close() {
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource pool) {
            pool.close();
        }
    }

    /** A tenant whose schema failed to migrate or verify is not served until a later migration succeeds. */
    public boolean isBroken(TenantCode tenant) {
        if (!broken.contains(tenant)) {
            return false;
        }
        // Another instance (or an operator) may have repaired it: look again, at most every 30 s.
        long now = System.nanoTime();
        Long checked = brokenCheckedAt.get(tenant);
        if (checked == null || now - checked > 30_000_000_000L) {
            brokenCheckedAt.put(tenant, now);
            if (missingTables(List.of(tenant.schema())).isEmpty()) {
                broken.remove(tenant);
                brokenCheckedAt.remove(tenant);
                return false;
            }
        }
        return true;
    }

    /** The tables every tenant schema must hold, as the tenant changelog creates them. */
    public Set<String> expectedTables() {
        return expectedTables;
    }

    /**
     * Brings the registry schema up to date. As for tenant schemas, Liquibase runs only when a changeset is
     * missing; a start-up against an up-to-date registry costs two queries.
     */
    public void migrateRegistry() {
        Expected registry = expected(properties.registryChangelog());
        try (Connection c = dataSource.getConnection()) {
            if (upToDate(c, REGISTRY_SCHEMA, registry)) {
                if (appLogin != null && !appLogin.granted(c, REGISTRY_SCHEMA)) {
                    appLogin.grant(c, REGISTRY_SCHEMA);
                }
                return;
            }
            createSchema(c, REGISTRY_SCHEMA);
            runLiquibase(c, REGISTRY_SCHEMA, properties.registryChangelog());
            if (appLogin != null) {
                appLogin.grant(c, REGISTRY_SCHEMA);
            }
            if (!upToDate(c, REGISTRY_SCHEMA, registry)) {
                throw new IllegalStateException("the registry schema lacks tables after migration: "
                        + missingTables(c, List.of(REGISTRY_SCHEMA), registry.tables()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot migrate the registry schema", e);
        }
    }

    private boolean upToDate(Connection c, String schema, Expected expected) throws SQLException {
        try (var ps = c.prepareStatement("select 1 from information_schema.tables"
                + " where table_schema = ? and table_name = 'databasechangelog'")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        return applied(c, schema).containsAll(expected.changeSets())
                && missingTables(c, List.of(schema), expected.tables()).isEmpty();
    }

    /** Creates (if needed), migrates and verifies one tenant's schema. Safe to repeat. */
    public void migrateTenant(TenantCode tenant) {
        String schema = tenant.schema();
        if (!isUpToDate(schema)) {
            migrateLocked(schema);
        }
        Map<String, Set<String>> missing = missingTables(List.of(schema));
        if (!missing.isEmpty()) {
            broken.add(tenant);
            brokenCheckedAt.put(tenant, System.nanoTime());
            throw new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "tenant-schema-incomplete", tenant.value(),
                    String.join(", ", missing.get(schema)));
        }
        broken.remove(tenant);
    }

    /**
     * One schema at a time per schema, across instances too: a session advisory lock keyed by the schema
     * name is held while the schema is created and migrated.
     */
    private void migrateLocked(String schema) {
        // One connection does it all, so a pool of one connection is enough to migrate.
        try (Connection c = dataSource.getConnection()) {
            try (var ps = c.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
                ps.setString(1, "warmnest-migration:" + schema);
                ps.execute();
            }
            try {
                createSchema(c, schema);
                runLiquibase(c, schema, properties.tenantChangelog());
                if (appLogin != null) {
                    appLogin.grant(c, schema);
                }
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                try (var ps = c.prepareStatement("select pg_advisory_unlock(hashtext(?))")) {
                    ps.setString(1, "warmnest-migration:" + schema);
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot migrate schema " + schema, e);
        }
    }

    /** The outcome of bringing many schemas up to date. */
    public record Report(int schemas, int migrated, int upToDate, Map<String, String> failures,
            Map<String, Set<String>> missingTables, long millis) {

        public boolean ok() {
            return failures.isEmpty() && missingTables.isEmpty();
        }
    }

    /**
     * Brings every given tenant's schema up to date, {@code parallelism} at a time, then verifies all of them
     * in one catalogue query. A failure in one schema does not stop the others; it is reported.
     */
    public Report migrateAll(Collection<TenantCode> tenants) {
        long start = System.nanoTime();
        List<String> schemas = tenants.stream().map(TenantCode::schema).toList();
        Set<String> stale = staleSchemas(schemas);
        Map<String, String> failures = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger migrated = new AtomicInteger();
        if (!stale.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(properties.parallelism(), stale.size()),
                    r -> {
                        Thread t = new Thread(r, "tenant-migration");
                        t.setDaemon(true);
                        return t;
                    });
            try {
                List<Future<?>> running = new ArrayList<>();
                for (String schema : stale) {
                    running.add(pool.submit(() -> {
                        try {
                            migrateLocked(schema);
                            migrated.incrementAndGet();
                        } catch (RuntimeException e) {
                            log.error("Migration of schema {} failed", schema, e);
                            failures.put(schema, String.valueOf(e.getMessage()));
                        }
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while migrating tenant schemas", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        Map<String, Set<String>> missing = missingTables(schemas);
        for (TenantCode tenant : tenants) {
            if (failures.containsKey(tenant.schema()) || missing.containsKey(tenant.schema())) {
                broken.add(tenant);
                brokenCheckedAt.put(tenant, System.nanoTime());
            } else {
                broken.remove(tenant);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Report(schemas.size(), migrated.get(), schemas.size() - stale.size(), Map.copyOf(failures),
                missing, millis);
    }

    /** Schemas that lack a changeset of the tenant changelog (or the schema itself). */
    Set<String> staleSchemas(List<String> schemas) {
        Set<String> withChangelog = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            try (var ps = c.prepareStatement("""
                    select table_schema from information_schema.tables
                    where table_name = 'databasechangelog' and table_schema = any(?)""")) {
                ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        withChangelog.add(rs.getString(1));
                    }
                }
            }
            Set<String> stale = new LinkedHashSet<>();
            for (String schema : schemas) {
                if (!withChangelog.contains(schema) || !applied(c, schema).containsAll(expectedChangeSets)
                        || (appLogin != null && !appLogin.granted(c, schema))) {
                    stale.add(schema);
                }
            }
            return stale;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the migration state of tenant schemas", e);
        }
    }

    private boolean isUpToDate(String schema) {
        return staleSchemas(List.of(schema)).isEmpty();
    }

    private static Set<String> applied(Connection c, String schema) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select id, author from " + quote(schema) + ".databasechangelog")) {
            while (rs.next()) {
                ids.add(rs.getString(1) + "::" + rs.getString(2));
            }
        }
        return ids;
    }

    /** For each schema that lacks expected tables, which ones; empty when all are complete. */
    public Map<String, Set<String>> missingTables(Collection<String> schemas) {
        return missingTables(schemas, expectedTables);
    }

    private Map<String, Set<String>> missingTables(Collection<String> schemas, Set<String> expectedTables) {
        try (Connection c = dataSource.getConnection()) {
            return missingTables(c, schemas, expectedTables);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot verify tenant schemas", e);
        }
    }

    private static Map<String, Set<String>> missingTables(Connection c, Collection<String> schemas,
            Set<String> expectedTables) throws SQLException {
        Map<String, Set<String>> present = new HashMap<>();
        try (var ps = c.prepareStatement("""
                select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p') and n.nspname = any(?)""")) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }
        Map<String, Set<String>> missing = new java.util.TreeMap<>();
        for (String schema : schemas) {
            Set<String> lacking = new TreeSet<>(expectedTables);
            lacking.removeAll(present.getOrDefault(schema, Set.of()));
            if (!lacking.isEmpty()) {
                missing.put(schema, lacking);
            }
        }
        return missing;
    }

    private static void createSchema(Connection c, String schema) {
        try (Statement st = c.createStatement()) {
            st.execute("create schema if not exists " + quote(schema));
        } catch (SQLException e) {
            // Two instances creating the same schema at once: the loser sees a duplicate, which is fine.
            if (!"23505".equals(e.getSQLState()) && !"42P06".equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create schema " + schema, e);
            }
        }
    }

    /**
     * Liquibase's "up to date" fast check is not safe when several schemas migrate at once in one JVM (seen as a
     * NullPointerException inside it); a run that failed is tried once more, which is safe under the schema's
     * lock because every changeset is applied at most once.
     */
    private void runLiquibase(Connection c, String schema, String changelog) {
        try {
            runLiquibaseOnce(c, schema, changelog);
        } catch (IllegalStateException first) {
            log.warn("Migration of {} failed ({}); trying once more", schema, String.valueOf(first.getCause()));
            runLiquibaseOnce(c, schema, changelog);
        }
    }

    private void runLiquibaseOnce(Connection c, String schema, String changelog) {
        try {
            c.setSchema(schema);
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            database.setDefaultSchemaName(schema);
            database.setLiquibaseSchemaName(schema);
            // Liquibase reports through the log, not the console: a thousand schemas must not print a thousand summaries.
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources, Scope.Attr.ui.name(),
                    new liquibase.ui.LoggerUIService()), () -> {
                        Liquibase liquibase = new Liquibase(changelog, resources, database);
                        liquibase.update(new Contexts(), new LabelExpression());
                    });
        } catch (Exception e) {
            throw new IllegalStateException("migration of schema " + schema + " with " + changelog + " failed", e);
        }
    }

    private DatabaseChangeLog parse(String changelog) {
        try {
            return Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources),
                    () -> ChangeLogParserFactory.getInstance().getParser(changelog, resources)
                            .parse(changelog, new ChangeLogParameters(), resources));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read changelog " + changelog, e);
        }
    }

    /** Schema names are built only from validated codes or constants; quoting is a second fence. */
    static String quote(String schema) {
        if (!schema.matches("^[a-z_][a-z0-9_]{0,62}$")) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        return '"' + schema + '"';
    }
}
