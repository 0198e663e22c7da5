package org.warmnest.tenant.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
            UUID contractor, CurrentUser actor, Authority actorLevel) {
        jdbc.sql("""
                insert into registry.identity_event (at, tenant_code, action, user_id, username, role, contractor_id,
                    actor_subject, actor_username, actor_level)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(at), tenant.value(), action.name(), userId, username, role, contractor,
                        actor.subject(), actor.username(), actorLevel.name())
                .update();
    }

    /** The user's last disabling, unless it was enabled again since, when the trail names its authority. */
    Optional<IdentityDirectory.Disabler> lastDisabling(String userId) {
        return jdbc.sql("""
                select action, actor_subject, actor_level from registry.identity_event
                where user_id = ? and action in ('DISABLED', 'ENABLED') order by id desc limit 1""")
                .param(userId)
                .query((rs, i) -> {
                    String subject = rs.getString("actor_subject");
                    return "DISABLED".equals(rs.getString("action"))
                            ? Authority.parse(rs.getString("actor_level"))
                                    .map(level -> new IdentityDirectory.Disabler(subject, level))
                            : Optional.<IdentityDirectory.Disabler>empty();
                })
                .optional().flatMap(found -> found);
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
