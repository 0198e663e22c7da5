package org.warmnest.platform.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This service's tenant registry, the one table it keeps outside the tenant schemas
 * ({@code registry.tenant}). Status reads for the request path are cached briefly; a change made
 * through this instance is seen at once, one made elsewhere within {@code statusTtl}.
 */
public class TenantRegistry {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration statusTtl;
    private final Map<TenantCode, CachedStatus> statuses = new ConcurrentHashMap<>();

    public TenantRegistry(JdbcClient jdbc, Clock clock, Duration statusTtl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.statusTtl = statusTtl;
    }

    public record RegisteredTenant(TenantCode code, TenantCode parent, String name, TenantStatus status,
            Instant createdAt, Instant updatedAt) {
    }

    private record CachedStatus(Optional<TenantStatus> status, long expiresAt) {
    }

    public Optional<RegisteredTenant> find(TenantCode code) {
        return jdbc.sql("select * from registry.tenant where code = ?").param(code.value())
                .query((rs, i) -> map(rs)).optional();
    }

    public List<RegisteredTenant> all() {
        return jdbc.sql("select * from registry.tenant order by code").query((rs, i) -> map(rs)).list();
    }

    /** Every registered tenant: each has (or is getting) a schema to keep up to date. */
    public List<TenantCode> withSchemas() {
        return jdbc.sql("select code from registry.tenant order by code")
                .query((rs, i) -> TenantCode.of(rs.getString(1))).list();
    }

    /** A city's districts, for city-level reads that visit each district in turn. */
    public List<TenantCode> districtsOf(TenantCode city) {
        return jdbc.sql("select code from registry.tenant where parent_code = ? order by code").param(city.value())
                .query((rs, i) -> TenantCode.of(rs.getString(1))).list();
    }

    public Optional<TenantStatus> status(TenantCode code) {
        long now = System.nanoTime();
        CachedStatus cached = statuses.get(code);
        if (cached != null && cached.expiresAt() - now > 0) {
            return cached.status();
        }
        Optional<TenantStatus> status = jdbc.sql("select status from registry.tenant where code = ?")
                .param(code.value()).query((rs, i) -> TenantStatus.valueOf(rs.getString(1))).optional();
        statuses.put(code, new CachedStatus(status, now + statusTtl.toNanos()));
        return status;
    }

    /**
     * Registers the tenant if it is new (in {@code initialStatus}); a known tenant keeps its status and is
     * never registered twice. Returns the tenant as stored.
     */
    public RegisteredTenant register(TenantCode code, TenantCode parent, String name, TenantStatus initialStatus) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into registry.tenant (code, parent_code, name, status, schema_name, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (code) do nothing""")
                .params(code.value(), parent == null ? null : parent.value(), name, initialStatus.name(), code.schema(),
                        now, now)
                .update();
        statuses.remove(code);
        return find(code).orElseThrow();
    }

    /** Sets the status; true if it changed. */
    public boolean setStatus(TenantCode code, TenantStatus status) {
        int changed = jdbc.sql("update registry.tenant set status = ?, updated_at = ? where code = ? and status <> ?")
                .params(status.name(), Timestamp.from(clock.instant()), code.value(), status.name()).update();
        statuses.remove(code);
        return changed > 0;
    }

    public void rename(TenantCode code, String name) {
        jdbc.sql("update registry.tenant set name = ?, updated_at = ? where code = ?")
                .params(name, Timestamp.from(clock.instant()), code.value()).update();
    }

    private static RegisteredTenant map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String parent = rs.getString("parent_code");
        return new RegisteredTenant(TenantCode.of(rs.getString("code")), parent == null ? null : TenantCode.of(parent),
                rs.getString("name"), TenantStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
