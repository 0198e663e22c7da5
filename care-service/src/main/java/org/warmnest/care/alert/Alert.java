package org.warmnest.care.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.hibernate.annotations.DynamicUpdate;
import org.warmnest.platform.problem.ProblemException;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An emergency about an elder (紧急情况), received means handled (即接即办): OPEN while it climbs the chain, then
 * ACKNOWLEDGED by someone, ACTING, RESOLVED, and CLOSED by a follow-up visit (跟踪回访). Every step keeps who and
 * when, so response times can be derived for the ledgers. The escalation itself is a conditional update by
 * {@link AlertEscalation}, never through this entity.
 */
@Entity
@Table(name = "alert")
@DynamicUpdate
class Alert {

    enum Kind {
        FALL("跌倒"), ILLNESS("突发疾病"), NO_ANSWER("联系不上"), HAZARD("安全隐患"), MISSED_CONTACT("未按时问候"),
        OTHER("其他");

        final String chineseName;

        Kind(String chineseName) {
            this.chineseName = chineseName;
        }
    }

    enum Source { WORKER, CADENCE }

    enum Status { OPEN, ACKNOWLEDGED, ACTING, RESOLVED, CLOSED }

    enum FollowUpMode { HOME_VISIT, PHONE, VIDEO, WECHAT }

    @Id
    private UUID id;
    private UUID elderId;
    private String elderName;
    private UUID contractorId;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    @Enumerated(EnumType.STRING)
    private Source source;
    private String description;
    private UUID planItemId;
    private LocalDate missedDay;
    private String raisedBy;
    private Instant raisedAt;
    private String gridCode;
    private String communityCode;
    private String streetCode;
    @Enumerated(EnumType.STRING)
    private AlertLevel level;
    private Instant levelSince;
    private Instant ackDeadline;
    private int notifyRound;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String acknowledgedBy;
    private Instant acknowledgedAt;
    @Enumerated(EnumType.STRING)
    private AlertLevel acknowledgedLevel;
    private String acknowledgementNote;
    private String actingBy;
    private Instant actingAt;
    private String actionNote;
    private String resolvedBy;
    private Instant resolvedAt;
    private String resolution;
    private String followUpBy;
    private Instant followUpAt;
    private Instant followUpVisitedAt;
    @Enumerated(EnumType.STRING)
    private FollowUpMode followUpMode;
    private String followUpNote;
    private UUID serviceRecordId;
    @Version
    private Long version;

    protected Alert() {
    }

    /** A new alert at the level and deadline its first escalation plan gave. */
    Alert(UUID id, Raised raised, EscalationPolicy.Position position) {
        this.id = id;
        this.elderId = raised.elderId();
        this.elderName = raised.elderName();
        this.contractorId = raised.contractorId();
        this.kind = raised.kind();
        this.source = raised.source();
        this.description = raised.description();
        this.planItemId = raised.planItemId();
        this.missedDay = raised.missedDay();
        this.raisedBy = raised.by();
        this.raisedAt = raised.at();
        this.gridCode = raised.place().gridCode();
        this.communityCode = raised.place().communityCode();
        this.streetCode = raised.place().streetCode();
        this.level = position.level();
        this.levelSince = position.since();
        this.ackDeadline = position.deadline();
        this.notifyRound = position.round();
        this.status = Status.OPEN;
    }

    /** What a raise knows before the alert exists. */
    record Raised(UUID elderId, String elderName, UUID contractorId, Kind kind, Source source, String description,
            UUID planItemId, LocalDate missedDay, String by, Instant at, AlertPlace place) {
    }

    /** Where the elder lives: the codes that pick the duty at each level. */
    record AlertPlace(String gridCode, String communityCode, String streetCode) {

        String areaCode(AlertLevel level, String tenantCode) {
            switch (level) {
                case GRID:
                    return gridCode;
                case COMMUNITY:
                    return communityCode;
                case STREET:
                    return streetCode;
                default:
                    return tenantCode;
            }
        }
    }

    void acknowledge(String by, Instant at, String note) {
        if (status != Status.OPEN) {
            throw ProblemException.conflict("alert-already-acknowledged", id, status);
        }
        status = Status.ACKNOWLEDGED;
        acknowledgedBy = by;
        acknowledgedAt = at;
        acknowledgedLevel = level;
        acknowledgementNote = note;
    }

    void act(String by, Instant at, String note) {
        expect(Status.ACKNOWLEDGED, Status.ACTING);
        status = Status.ACTING;
        actingBy = by;
        actingAt = at;
        actionNote = note;
    }

    void resolve(String by, Instant at, String text) {
        expect(Status.ACTING, Status.RESOLVED);
        status = Status.RESOLVED;
        resolvedBy = by;
        resolvedAt = at;
        resolution = text;
    }

    void followUp(String by, Instant at, Instant visitedAt, FollowUpMode mode, String note, UUID serviceRecord) {
        expect(Status.RESOLVED, Status.CLOSED);
        status = Status.CLOSED;
        followUpBy = by;
        followUpAt = at;
        followUpVisitedAt = visitedAt;
        followUpMode = mode;
        followUpNote = note;
        serviceRecordId = serviceRecord;
    }

    private void expect(Status from, Status to) {
        if (status != from) {
            throw ProblemException.conflict("alert-transition-invalid", id, status, to);
        }
    }

    /** Place of the elder as recorded when raised. */
    AlertPlace place() {
        return new AlertPlace(gridCode, communityCode, streetCode);
    }

    EscalationPolicy.Position position() {
        return new EscalationPolicy.Position(level, levelSince, ackDeadline, notifyRound);
    }

    /** Raised → acknowledged, for the ledgers; empty until acknowledged. */
    Duration timeToAcknowledge() {
        return acknowledgedAt == null ? null : Duration.between(raisedAt, acknowledgedAt);
    }

    Duration timeToResolve() {
        return resolvedAt == null ? null : Duration.between(raisedAt, resolvedAt);
    }

    UUID id() { return id; }
    UUID elderId() { return elderId; }
    String elderName() { return elderName; }
    UUID contractorId() { return contractorId; }
    Kind kind() { return kind; }
    Source source() { return source; }
    String description() { return description; }
    UUID planItemId() { return planItemId; }
    LocalDate missedDay() { return missedDay; }
    String raisedBy() { return raisedBy; }
    Instant raisedAt() { return raisedAt; }
    String gridCode() { return gridCode; }
    String communityCode() { return communityCode; }
    String streetCode() { return streetCode; }
    AlertLevel level() { return level; }
    Instant levelSince() { return levelSince; }
    Instant ackDeadline() { return ackDeadline; }
    int notifyRound() { return notifyRound; }
    Status status() { return status; }
    String acknowledgedBy() { return acknowledgedBy; }
    Instant acknowledgedAt() { return acknowledgedAt; }
    AlertLevel acknowledgedLevel() { return acknowledgedLevel; }
    String acknowledgementNote() { return acknowledgementNote; }
    String actingBy() { return actingBy; }
    Instant actingAt() { return actingAt; }
    String actionNote() { return actionNote; }
    String resolvedBy() { return resolvedBy; }
    Instant resolvedAt() { return resolvedAt; }
    String resolution() { return resolution; }
    String followUpBy() { return followUpBy; }
    Instant followUpAt() { return followUpAt; }
    Instant followUpVisitedAt() { return followUpVisitedAt; }
    FollowUpMode followUpMode() { return followUpMode; }
    String followUpNote() { return followUpNote; }
    UUID serviceRecordId() { return serviceRecordId; }
    long version() { return version == null ? 0 : version; }
}
