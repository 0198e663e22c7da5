package org.warmnest.tenant.area;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A street or town (街道/镇); its statistical code is its identity and never changes. */
@Entity
@Table(name = "street")
class Street {

    @Id
    private UUID id;
    private String code;
    private String name;
    private Instant createdAt;
    private Instant updatedAt;
    /** A wrapper, so that a new entity with its id already assigned is persisted, not merged. */
    @Version
    private Long version;

    protected Street() {
    }

    Street(UUID id, String code, String name, Instant now) {
        this.id = id;
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
    String code() { return code; }
    String name() { return name; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
    long version() { return version == null ? 0 : version; }
}
