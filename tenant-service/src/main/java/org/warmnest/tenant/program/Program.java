package org.warmnest.tenant.program;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A program lives in its owner's schema; the owner is the tenant that holds it. */
@Entity
@Table(name = "program")
class Program {

    @Id
    private UUID id;
    private String name;
    private int startYear;
    private int endYear;
    private String description;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> districtCodes = new ArrayList<>();
    private Instant createdAt;
    private Instant updatedAt;
    /** A wrapper, so that a new entity with its id already assigned is persisted, not merged. */
    @Version
    private Long version;

    protected Program() {
    }

    Program(UUID id, Instant now) {
        this.id = id;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void describe(String name, int startYear, int endYear, String description, List<String> districtCodes,
            Instant now) {
        this.name = name;
        this.startYear = startYear;
        this.endYear = endYear;
        this.description = description;
        this.districtCodes = new ArrayList<>(districtCodes);
        this.updatedAt = now;
    }

    UUID id() { return id; }
    String name() { return name; }
    int startYear() { return startYear; }
    int endYear() { return endYear; }
    String description() { return description; }
    List<String> districtCodes() { return districtCodes; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
    long version() { return version == null ? 0 : version; }
}
