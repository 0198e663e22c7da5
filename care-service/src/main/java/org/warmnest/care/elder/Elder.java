package org.warmnest.care.elder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One elder's file. The ID number and health details are held only encrypted ({@code *Cipher}); the ID number
 * is found by its keyed hash and shown masked.
 */
@Entity
@Table(name = "elder")
@DynamicUpdate // an edit writes only what it changed, never back a ciphertext key rotation has just replaced
class Elder {

    enum Status { ACTIVE, MOVED, DECEASED, WITHDRAWN }

    @Id
    private UUID id;
    private UUID contractorId;
    private String name;
    private String idNumberCipher;
    private byte[] idNumberHash;
    private String idNumberMasked;
    private LocalDate birthDate; // rows of before the date was sealed, until rotation seals them
    private String birthDateCipher;
    private Short birthYear;
    @Enumerated(EnumType.STRING)
    private ResidentId.Sex sex;
    private String phone;
    private String gridCode;
    private String communityCode;
    private String streetCode;
    private String address;
    @JdbcTypeCode(SqlTypes.JSON)
    private String household;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private List<String> categories = new ArrayList<>();
    @Enumerated(EnumType.STRING)
    private RiskTier riskTier;
    @JdbcTypeCode(SqlTypes.JSON)
    private String emergencyContacts;
    private String responsibleName;
    private String responsiblePhone;
    private String responsibleUserId;
    private UUID responsibleVolunteerId;
    private boolean consentGiven;
    private LocalDate consentOn;
    private String consentBy;
    private String healthCipher;
    @Enumerated(EnumType.STRING)
    private Status status;
    private LocalDate statusSince;
    private Integer abilityLevel;
    private java.math.BigDecimal homeLatitude;
    private java.math.BigDecimal homeLongitude;
    private LocalDate lastAssessedOn;
    private LocalDate nextAssessmentDue;
    private Instant createdAt;
    private String createdBy;
    private Instant updatedAt;
    private String updatedBy;
    @Version
    private Long version;

    protected Elder() {
    }

    Elder(UUID id, UUID contractorId, Instant now, String by) {
        this.id = id;
        this.contractorId = contractorId;
        this.status = Status.ACTIVE;
        this.createdAt = now;
        this.createdBy = by;
        this.updatedAt = now;
        this.updatedBy = by;
        this.household = "[]";
        this.emergencyContacts = "[]";
    }

    void identify(String idNumberCipher, byte[] idNumberHash, ResidentId idNumber, String birthDateCipher) {
        this.idNumberCipher = idNumberCipher;
        this.idNumberHash = idNumberHash;
        this.idNumberMasked = idNumber.masked();
        this.birthDate = null;
        this.birthDateCipher = birthDateCipher;
        this.birthYear = (short) idNumber.birthDate().getYear();
        // the sex is the parity of the sequence, whose digits the mask shows anyway
        this.sex = idNumber.sex();
    }

    void entrust(UUID contractorId) {
        this.contractorId = contractorId;
    }

    void place(String gridCode, String communityCode, String streetCode, String address) {
        this.gridCode = gridCode;
        this.communityCode = communityCode;
        this.streetCode = streetCode;
        this.address = address;
    }

    void describe(String name, String phone, String householdJson, List<Category> categories, RiskTier riskTier,
            String emergencyContactsJson) {
        this.name = name;
        this.phone = phone;
        this.household = householdJson;
        this.categories = new ArrayList<>(categories.stream().map(Enum::name).toList());
        this.riskTier = riskTier;
        this.emergencyContacts = emergencyContactsJson;
    }

    void makeResponsible(String name, String phone, String userId, UUID volunteerId) {
        this.responsibleName = name;
        this.responsiblePhone = phone;
        this.responsibleUserId = userId;
        this.responsibleVolunteerId = volunteerId;
    }

    void consent(boolean given, LocalDate on, String by) {
        this.consentGiven = given;
        this.consentOn = on;
        this.consentBy = by;
    }

    void health(String healthCipher) {
        this.healthCipher = healthCipher;
    }

    void changeStatus(Status status, LocalDate since) {
        this.status = status;
        this.statusSince = since;
    }

    /** Where the elder lives, as the workers' app located it. */
    void locate(java.math.BigDecimal latitude, java.math.BigDecimal longitude) {
        this.homeLatitude = latitude;
        this.homeLongitude = longitude;
    }

    java.math.BigDecimal homeLatitude() { return homeLatitude; }
    java.math.BigDecimal homeLongitude() { return homeLongitude; }

    void assessed(int level, LocalDate on, LocalDate nextDue) {
        this.abilityLevel = level;
        this.lastAssessedOn = on;
        this.nextAssessmentDue = nextDue;
    }

    void touched(Instant now, String by) {
        this.updatedAt = now;
        this.updatedBy = by;
    }

    UUID id() { return id; }
    UUID contractorId() { return contractorId; }
    String name() { return name; }
    String idNumberCipher() { return idNumberCipher; }
    byte[] idNumberHash() { return idNumberHash; }
    String idNumberMasked() { return idNumberMasked; }
    /** In clear only on rows written before the date was sealed; read it through {@link BirthDates}. */
    LocalDate legacyBirthDate() { return birthDate; }
    String birthDateCipher() { return birthDateCipher; }
    ResidentId.Sex sex() { return sex; }
    String phone() { return phone; }
    String gridCode() { return gridCode; }
    String communityCode() { return communityCode; }
    String streetCode() { return streetCode; }
    String address() { return address; }
    String household() { return household; }
    List<String> categories() { return categories; }
    RiskTier riskTier() { return riskTier; }
    String emergencyContacts() { return emergencyContacts; }
    String responsibleName() { return responsibleName; }
    String responsiblePhone() { return responsiblePhone; }
    String responsibleUserId() { return responsibleUserId; }
    UUID responsibleVolunteerId() { return responsibleVolunteerId; }
    boolean consentGiven() { return consentGiven; }
    LocalDate consentOn() { return consentOn; }
    String consentBy() { return consentBy; }
    String healthCipher() { return healthCipher; }
    Status status() { return status; }
    LocalDate statusSince() { return statusSince; }
    Integer abilityLevel() { return abilityLevel; }
    LocalDate lastAssessedOn() { return lastAssessedOn; }
    LocalDate nextAssessmentDue() { return nextAssessmentDue; }
    Instant createdAt() { return createdAt; }
    String createdBy() { return createdBy; }
    Instant updatedAt() { return updatedAt; }
    String updatedBy() { return updatedBy; }
    long version() { return version == null ? 0 : version; }
}
