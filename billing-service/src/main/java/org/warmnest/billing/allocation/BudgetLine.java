package org.warmnest.billing.allocation;

import java.time.Instant;
import java.util.UUID;

import org.warmnest.billing.people.DisplayName;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A part of an allocation set aside for a phase and a district (预算指标). Its money is not in the row but in the
 * journal's accounts: what is available, committed to contracts, held back and paid.
 */
@Entity
@Table(name = "budget_line")
class BudgetLine {

    @Id
    private UUID id;
    private UUID allocationId;
    private short phase;
    private String districtCode;
    private String name;
    private int fiscalYear;
    private UUID carriedFromId;
    private Instant closedAt;
    private String createdBy;
    private String createdByName;
    private Instant createdAt;

    protected BudgetLine() {
    }

    BudgetLine(UUID id, UUID allocationId, int phase, String districtCode, String name, int fiscalYear,
            UUID carriedFromId, String createdBy, String createdByName, Instant createdAt) {
        this.id = id;
        this.allocationId = allocationId;
        this.phase = (short) phase;
        this.districtCode = districtCode;
        this.name = name;
        this.fiscalYear = fiscalYear;
        this.carriedFromId = carriedFromId;
        this.createdBy = createdBy;
        this.createdByName = createdByName;
        this.createdAt = createdAt;
    }

    void close(Instant at) {
        this.closedAt = at;
    }

    UUID id() { return id; }
    UUID allocationId() { return allocationId; }
    int phase() { return phase; }
    String districtCode() { return districtCode; }
    String name() { return name; }
    int fiscalYear() { return fiscalYear; }
    UUID carriedFromId() { return carriedFromId; }
    Instant closedAt() { return closedAt; }
    String createdBy() { return createdBy; }
    String createdByName() { return DisplayName.or(createdByName, createdBy); }
    Instant createdAt() { return createdAt; }
}
