package org.warmnest.tenant.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantCode;

/** The append-only trail of user administration ({@code registry.identity_event}). */
@Repository
class IdentityEvents {

    enum Action {
        CREATED, DISABLED, ENABLED
    }

    record Revocation(String subject, Instant at) {
    }

    private final JdbcClient jdbc;

    IdentityEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Instant at, TenantCode tenant, Action action, String userId, String username, String role,
            UUID contractor, CurrentUser actor) {
        jdbc.sql("""
                insert into registry.identity_event
                    (at, tenant_code, action, user_id, username, role, contractor_id, actor_subject, actor_username)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(at), tenant.value(), action.name(), userId, username, role, contractor,
                        actor.subject(), actor.username())
                .update();
    }

    /** Users disabled since {@code since}: their tokens from before stay refused even if enabled again. */
    List<Revocation> revokedSince(Instant since) {
        return jdbc.sql("""
                select d.user_id, max(d.at) as at from registry.identity_event d
                where d.action = 'DISABLED' and d.at >= ?
                group by d.user_id""")
                .param(Timestamp.from(since))
                .query((rs, i) -> new Revocation(rs.getString("user_id"), rs.getTimestamp("at").toInstant())).list();
    }
}
