package org.warmnest.care.volunteer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "volunteer")
class Volunteer {

    enum Kind { VOLUNTEER, CADRE, LOW_AGE_ELDER }

    enum Status { ACTIVE, INACTIVE }

    @Id
    private UUID id;
    private String name;
    private String phone;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    private String organisation;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> skills = new ArrayList<>();
    private String gridCode;
    private UUID contractorId;
    @Enumerated(EnumType.STRING)
    private Status status;
    private java.time.LocalDate birthDate;
    private String availability;
    @JdbcTypeCode(SqlTypes.JSON)
    private String training = "[]";
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private Long version;

    protected Volunteer() {
    }

    Volunteer(UUID id, UUID contractorId, Instant now) {
        this.id = id;
        this.contractorId = contractorId;
        this.status = Status.ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void details(java.time.LocalDate birthDate, String availability, String trainingJson) {
        this.birthDate = birthDate;
        this.availability = availability;
        this.training = trainingJson;
    }

    void update(String name, String phone, Kind kind, String organisation, List<String> skills, String gridCode,
            Status status, Instant now) {
        this.name = name;
        this.phone = phone;
        this.kind = kind;
        this.organisation = organisation;
        this.skills = new ArrayList<>(skills);
        this.gridCode = gridCode;
        this.status = status == null ? Status.ACTIVE : status;
        this.updatedAt = now;
    }

    UUID id() { return id; }
    String name() { return name; }
    String phone() { return phone; }
    Kind kind() { return kind; }
    String organisation() { return organisation; }
    List<String> skills() { return skills; }
    String gridCode() { return gridCode; }
    UUID contractorId() { return contractorId; }
    Status status() { return status; }
    java.time.LocalDate birthDate() { return birthDate; }
    String availability() { return availability; }
    String training() { return training; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
    long version() { return version == null ? 0 : version; }
}
