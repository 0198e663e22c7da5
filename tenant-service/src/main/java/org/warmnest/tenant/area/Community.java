package org.warmnest.tenant.area;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A community or village (社区/村) of a street; its code starts with the street's. */
@Entity
@Table(name = "community")
class Community {

    @Id
    private UUID id;
    private UUID streetId;
    private String code;
    private String name;
    private Instant createdAt;
    private Instant updatedAt;
    /** A wrapper, so that a new entity with its id already assigned is persisted, not merged. */
    @Version
    private Long version;

    protected Community() {
    }

    Community(UUID id, UUID streetId, String code, String name, Instant now) {
        this.id = id;
        this.streetId = streetId;
        this.code = code;
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void rename(String name, Instant now) {
        this.name = name;
        this.updatedAt = now;
    }

    UUID id() { return id; }
    UUID streetId() { return streetId; }
    String code() { return code; }
    String name() { return name; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
    long version() { return version == null ? 0 : version; }
}
