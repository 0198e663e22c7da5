package org.warmnest.care.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.warmnest.platform.catalogue.ServiceItem;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One item of an elder's care plan. Only its end may change: an adjustment ends it and starts a new item that
 * replaces it, so that what was due in the past stays what it was.
 */
@Entity
@Table(name = "care_plan_item")
class PlanItem {

    enum Source { TEMPLATE, WORKER }

    @Id
    private UUID id;
    private UUID elderId;
    private UUID programId;
    @Enumerated(EnumType.STRING)
    private ServiceItem serviceItem;
    private String cadence;
    private int times;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> festivals;
    private int leadDays;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> modes = new ArrayList<>();
    @Enumerated(EnumType.STRING)
    private Responsible responsibleKind;
    private String responsibleRef;
    private String responsibleName;
    private LocalDate activeFrom;
    private LocalDate activeTo;
    @Enumerated(EnumType.STRING)
    private Source source;
    private UUID templateId;
    private UUID replacesId;
    private String note;
    private String createdBy;
    private Instant createdAt;
    private String endedBy;
    @Version
    private Long version;

    protected PlanItem() {
    }

    PlanItem(UUID elderId, UUID programId, ServiceItem serviceItem, Cadence cadence, Set<ContactMode> modes,
            Responsible responsibleKind, String responsibleRef, String responsibleName, LocalDate activeFrom,
            Source source, UUID templateId, UUID replacesId, String note, String by, Instant now) {
        this.id = UUID.randomUUID();
        this.elderId = elderId;
        this.programId = programId;
        this.serviceItem = serviceItem;
        CadenceSpec spec = CadenceSpec.of(cadence);
        this.cadence = spec.kind().name();
        this.times = spec.times();
        this.festivals = spec.festivals() == null ? null : new ArrayList<>(spec.festivals().stream().map(Enum::name).toList());
        this.leadDays = spec.leadDays();
        this.modes = new ArrayList<>(modes.stream().sorted().map(Enum::name).toList());
        this.responsibleKind = responsibleKind;
        this.responsibleRef = responsibleRef;
        this.responsibleName = responsibleName;
        this.activeFrom = activeFrom;
        this.source = source;
        this.templateId = templateId;
        this.replacesId = replacesId;
        this.note = note;
        this.createdBy = by;
        this.createdAt = now;
    }

    /** Ends the item after {@code lastDay} (the day before it began, when it never took effect). */
    void end(LocalDate lastDay, String by) {
        this.activeTo = lastDay;
        this.endedBy = by;
    }

    Cadence cadence() {
        Set<Festival> fs = festivals == null ? Set.of()
                : EnumSet.copyOf(festivals.stream().map(Festival::valueOf).toList());
        return CadenceSpec.fromRow(cadence, times, fs, leadDays);
    }

    Set<ContactMode> modes() {
        return modes.isEmpty() ? EnumSet.noneOf(ContactMode.class)
                : EnumSet.copyOf(modes.stream().map(ContactMode::valueOf).toList());
    }

    boolean activeOn(LocalDate day) {
        return !day.isBefore(activeFrom) && (activeTo == null || !day.isAfter(activeTo));
    }

    UUID id() { return id; }
    UUID elderId() { return elderId; }
    UUID programId() { return programId; }
    ServiceItem serviceItem() { return serviceItem; }
    Responsible responsibleKind() { return responsibleKind; }
    String responsibleRef() { return responsibleRef; }
    String responsibleName() { return responsibleName; }
    LocalDate activeFrom() { return activeFrom; }
    LocalDate activeTo() { return activeTo; }
    Source source() { return source; }
    UUID templateId() { return templateId; }
    UUID replacesId() { return replacesId; }
    String note() { return note; }
    String createdBy() { return createdBy; }
    Instant createdAt() { return createdAt; }
    Long version() { return version; }
}
