package org.warmnest.care.plan;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.warmnest.platform.catalogue.ServiceItem;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A program's default plan: rules that give an elder plan items by category, ability level and risk tier. */
@Entity
@Table(name = "plan_template")
class PlanTemplate {

    /**
     * One rule: the service item and its cadence, the contact modes that count, and when it applies. A rule with
     * no condition applies to everyone; otherwise the elder must be in one of the categories (if any are named),
     * at or above the ability level (if given) and in one of the risk tiers (if any are named). For each service
     * item the first rule that applies wins.
     */
    record Rule(ServiceItem serviceItem, CadenceSpec cadence, Set<ContactMode> modes, Set<String> categoriesAny,
            Integer minAbilityLevel, Set<String> riskTiers) {

        boolean appliesTo(List<String> categories, Integer abilityLevel, String riskTier) {
            if (categoriesAny != null && !categoriesAny.isEmpty()
                    && categories.stream().noneMatch(categoriesAny::contains)) {
                return false;
            }
            if (minAbilityLevel != null && (abilityLevel == null || abilityLevel < minAbilityLevel)) {
                return false;
            }
            return riskTiers == null || riskTiers.isEmpty() || riskTiers.contains(riskTier);
        }
    }

    @Id
    private UUID id;
    private String name;
    private UUID programId;
    private String description;
    @JdbcTypeCode(SqlTypes.JSON)
    private String rules;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private Long version;

    protected PlanTemplate() {
    }

    PlanTemplate(UUID id, String by, Instant now) {
        this.id = id;
        this.createdBy = by;
        this.createdAt = now;
    }

    void describe(String name, UUID programId, String description, String rulesJson, Instant now) {
        this.name = name;
        this.programId = programId;
        this.description = description;
        this.rules = rulesJson;
        this.updatedAt = now;
    }

    UUID id() { return id; }
    String name() { return name; }
    UUID programId() { return programId; }
    String description() { return description; }
    String rulesJson() { return rules; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
    Long version() { return version; }
}
