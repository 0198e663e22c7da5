package org.warmnest.tenant.contractor;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantCode;

import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only history of the contractor registry ({@code registry.contractor_change}): every registration and
 * change, who made it, when, and the entry before and after. A database trigger refuses any update or delete.
 */
@Repository
class ContractorChanges {

    enum Action {
        REGISTERED, CHANGED
    }

    /** What a bureau may change of an entry (the credit code never changes). */
    record Description(String name, String legalRepresentative, List<ContactPart> contacts,
            List<QualificationPart> qualifications) {

        static Description of(Contractor c) {
            return new Description(c.name(), c.legalRepresentative(),
                    c.contacts().stream().map(k -> new ContactPart(k.name(), k.role(), k.phone(), k.email())).toList(),
                    c.qualifications().stream()
                            .map(q -> new QualificationPart(q.name(), q.number(), q.issuer(), q.validUntil()))
                            .toList());
        }
    }

    record ContactPart(String name, String role, String phone, String email) {
    }

    record QualificationPart(String name, String number, String issuer, LocalDate validUntil) {
    }

    record Change(long version, Action action, Instant at, String actorSubject, String actorUsername,
            String actorTenant, Description before, Description after) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ContractorChanges(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void record(UUID contractor, long version, Action action, Instant at, CurrentUser actor, Description before,
            Description after) {
        jdbc.sql("""
                insert into registry.contractor_change
                    (contractor_id, version, action, at, actor_subject, actor_username, actor_tenant, before, after)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")
                .params(contractor, version, action.name(), Timestamp.from(at), actor.subject(), actor.username(),
                        actor.tenant().map(TenantCode::value).orElse(null),
                        before == null ? null : json.writeValueAsString(before), json.writeValueAsString(after))
                .update();
    }

    /** Newest first. */
    List<Change> of(UUID contractor) {
        return jdbc.sql("""
                select version, action, at, actor_subject, actor_username, actor_tenant, before::text as before,
                    after::text as after
                from registry.contractor_change where contractor_id = ? order by id desc""")
                .param(contractor)
                .query((rs, i) -> new Change(rs.getLong("version"), Action.valueOf(rs.getString("action")),
                        rs.getTimestamp("at").toInstant(), rs.getString("actor_subject"),
                        rs.getString("actor_username"), rs.getString("actor_tenant"),
                        read(rs.getString("before")), read(rs.getString("after"))))
                .list();
    }

    private Description read(String value) {
        return value == null ? null : json.readValue(value, Description.class);
    }
}
