package org.warmnest.care.visit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.warmnest.care.plan.ContactMode;
import org.warmnest.platform.catalogue.ServiceItem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A contact or visit as a worker records it: who, when, how, where, and what was done. Services default to what
 * the mode implies (a call is a daily greeting, a home visit a visit).
 */
record VisitRequest(
        UUID programId,
        @NotNull ContactMode mode,
        Visit.PerformerKind performerKind,
        UUID volunteerId,
        @Size(max = 50) String performerName,
        @NotNull OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        @Min(0) @Max(1440) Integer durationMinutes,
        @Valid Place checkIn,
        @Valid Place checkOut,
        @Valid @Size(max = 20) List<ServiceLine> services,
        @Valid @Size(max = 20) List<Reading> readings,
        @Valid @Size(max = 50) List<Medicine> medicines,
        @Size(max = 20) List<SafetyPoint> safetyChecked,
        @Valid @Size(max = 20) List<ConcernNote> hazards,
        @Valid @Size(max = 20) List<ConcernNote> difficulties,
        @Valid @Size(max = 50) List<Supply> supplies,
        @Valid SignOff suppliesSignOff,
        @Size(max = 2000) String companionship,
        @Size(max = 2000) String note,
        Boolean setHomeFromCheckIn) {

    /** Where and when the worker checked in or out (the coordinate system of the workers' app, throughout). */
    record Place(@NotNull OffsetDateTime at,
            @NotNull @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude) {
    }

    record ServiceLine(@NotNull ServiceItem item, @Min(1) @Max(1000) Integer quantity) {
    }

    /** One health reading; blood pressure in mmHg, glucose in mmol/L, temperature in °C, heart rate per minute. */
    record Reading(@NotNull HealthReadings.Kind kind, BigDecimal value, Integer systolic, Integer diastolic,
            OffsetDateTime measuredAt) {
    }

    /** A medicine checked in the home: its expiry and the guidance given (用药指导). */
    record Medicine(@NotBlank @Size(max = 100) String name, LocalDate expiresOn, @Size(max = 500) String guidance) {
    }

    /** The home safety points (居家安全检查). */
    enum SafetyPoint {
        ELECTRICITY("用电"), GAS("燃气"), ANTI_SLIP("防滑"), FIRE("消防"), WATER("用水"), DOORS_WINDOWS("门窗"),
        EMERGENCY_CALL("紧急呼叫");

        final String label;

        SafetyPoint(String label) {
            this.label = label;
        }
    }

    /** A hazard found (with the advice given) or a difficulty the elder raised. */
    record ConcernNote(@NotNull String category, @NotBlank @Size(max = 1000) String description,
            @Size(max = 1000) String advice) {
    }

    /** Goods handed over, e.g. the warm pack's down vest, thermal underwear and socks. */
    record Supply(@NotBlank @Size(max = 50) String item, @NotNull @Min(1) @Max(1000) Integer quantity,
            @Size(max = 100) String note) {
    }

    /** Who signed for the supplies (the elder or a family member), and when. */
    record SignOff(@NotBlank @Size(max = 50) String signedBy, @NotNull OffsetDateTime signedAt) {
    }
}
