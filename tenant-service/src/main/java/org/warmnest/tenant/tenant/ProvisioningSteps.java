package org.warmnest.tenant.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantStatus;

/**
 * The saga's state: one row per tenant and service ({@code tenant} is this service's own schema). A row
 * is pending while its schema is not ready, or while the service's confirmed status differs from the one
 * the tenant should have there. Rows are claimed with a lease so that several instances never work on the
 * same step and a crashed instance's claim lapses.
 */
@Repository
class ProvisioningSteps {

    static final String LOCAL = "tenant";
    static final List<String> SERVICES = List.of(LOCAL, ServiceEndpoints.CARE, ServiceEndpoints.BILLING);

    private final JdbcClient jdbc;

    ProvisioningSteps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Step(TenantCode tenant, String service, boolean schemaReady, TenantStatus confirmedStatus, int attempts,
            Instant nextAttemptAt, String lastError) {
    }

    void open(TenantCode tenant, Instant now) {
        for (String service : SERVICES) {
            jdbc.sql("""
                    insert into registry.provisioning_step (tenant_code, service, next_attempt_at, updated_at)
                    values (?, ?, ?, ?) on conflict do nothing""")
                    .params(tenant.value(), service, Timestamp.from(now), Timestamp.from(now)).update();
        }
    }

    /** Makes every step of the tenant due now (a new status to spread). */
    void dueNow(TenantCode tenant, Instant now) {
        jdbc.sql("update registry.provisioning_step set next_attempt_at = ?, attempts = 0 where tenant_code = ?")
                .params(Timestamp.from(now), tenant.value()).update();
    }

    List<Step> of(TenantCode tenant) {
        return jdbc.sql("select * from registry.provisioning_step where tenant_code = ? order by service")
                .param(tenant.value()).query((rs, i) -> map(rs)).list();
    }

    /**
     * Claims up to {@code limit} due, pending steps until {@code leaseUntil}. For a tenant still being
     * provisioned, activation is only pending once every schema is ready.
     */
    List<Step> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                update registry.provisioning_step s set leased_until = :leaseUntil
                from (
                    select p.tenant_code, p.service from registry.provisioning_step p
                    join registry.tenant t on t.code = p.tenant_code
                    where p.next_attempt_at <= :now
                      and (p.leased_until is null or p.leased_until <= :now)
                      and (not p.schema_ready
                           or (p.service <> 'tenant'
                               and p.confirmed_status is distinct from
                                   (case when t.status = 'PROVISIONING' then 'ACTIVE' else t.status end)
                               and not exists (select 1 from registry.provisioning_step q
                                               where q.tenant_code = p.tenant_code and not q.schema_ready)))
                    -- finishing tenants whose schemas are ready comes before starting new ones, so that a
                    -- bulk onboarding activates tenants as it goes rather than all at the end
                    order by p.schema_ready desc, p.next_attempt_at
                    limit :limit
                    for update of p skip locked) due
                where s.tenant_code = due.tenant_code and s.service = due.service
                returning s.*""")
                .param("leaseUntil", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now))
                .param("limit", limit).query((rs, i) -> map(rs)).list();
    }

    void succeeded(Step step, boolean schemaReady, TenantStatus confirmed, Instant now) {
        jdbc.sql("""
                update registry.provisioning_step set schema_ready = ?, confirmed_status = ?, attempts = 0,
                  last_error = null, next_attempt_at = ?, leased_until = null, updated_at = ?
                where tenant_code = ? and service = ?""")
                .params(schemaReady, confirmed == null ? null : confirmed.name(), Timestamp.from(now),
                        Timestamp.from(now), step.tenant().value(), step.service())
                .update();
    }

    void failed(Step step, String error, Instant retryAt, Instant now) {
        jdbc.sql("""
                update registry.provisioning_step set attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                  leased_until = null, updated_at = ?
                where tenant_code = ? and service = ?""")
                .params(error, Timestamp.from(retryAt), Timestamp.from(now), step.tenant().value(), step.service())
                .update();
    }

    /**
     * Tenants still provisioning whose every service has its schema and has confirmed them active: they may
     * become active here. Looked for on every pass, so a crash between the last confirmation and the
     * activation cannot leave a tenant provisioning for ever.
     */
    List<TenantCode> readyToActivate() {
        return jdbc.sql("""
                select t.code from registry.tenant t
                where t.status = 'PROVISIONING'
                  and exists (select 1 from registry.provisioning_step p where p.tenant_code = t.code)
                  and not exists (select 1 from registry.provisioning_step p where p.tenant_code = t.code
                        and (not p.schema_ready
                             or (p.service <> 'tenant' and p.confirmed_status is distinct from 'ACTIVE')))""")
                .query((rs, i) -> TenantCode.of(rs.getString(1))).list();
    }

    private static Step map(ResultSet rs) throws SQLException {
        String confirmed = rs.getString("confirmed_status");
        return new Step(TenantCode.of(rs.getString("tenant_code")), rs.getString("service"),
                rs.getBoolean("schema_ready"), confirmed == null ? null : TenantStatus.valueOf(confirmed),
                rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"));
    }
}
