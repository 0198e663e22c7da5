package org.warmnest.care.alert;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A person who answers alerts for an area at one level of the chain (网格长, 社区值班, 街道值班, 区民政局值班). */
@Entity
@Table(name = "alert_duty")
class AlertDuty {

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    private AlertLevel level;
    private String areaCode;
    private String name;
    private String phone;
    private String userSubject;
    private Instant createdAt;
    private String createdBy;
    private Instant updatedAt;
    private String updatedBy;
    @Version
    private Long version;

    protected AlertDuty() {
    }

    AlertDuty(UUID id, Instant now, String by) {
        this.id = id;
        this.createdAt = now;
        this.createdBy = by;
    }

    void set(AlertLevel level, String areaCode, String name, String phone, String userSubject, Instant now,
            String by) {
        this.level = level;
        this.areaCode = areaCode;
        this.name = name;
        this.phone = phone;
        this.userSubject = userSubject;
        this.updatedAt = now;
        this.updatedBy = by;
    }

    UUID id() { return id; }
    AlertLevel level() { return level; }
    String areaCode() { return areaCode; }
    String name() { return name; }
    String phone() { return phone; }
    String userSubject() { return userSubject; }
    Instant createdAt() { return createdAt; }
    String createdBy() { return createdBy; }
    Instant updatedAt() { return updatedAt; }
    String updatedBy() { return updatedBy; }
    long version() { return version == null ? 0 : version; }
}
