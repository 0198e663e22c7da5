package org.warmnest.tenant.area;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A grid (网格) of a community with its grid leader (网格长); its code is unique in the tenant. */
@Entity
@Table(name = "grid")
class Grid {

    @Id
    private UUID id;
    private UUID communityId;
    private String code;
    private String name;
    private String leaderName;
    private String leaderPhone;
    private Instant createdAt;
    private Instant updatedAt;
    /** A wrapper, so that a new entity with its id already assigned is persisted, not merged. */
    @Version
    private Long version;

    protected Grid() {
    }

    Grid(UUID id, String code, Instant now) {
        this.id = id;
        this.code = code;
        this.createdAt = now;
    }

    /** True when anything changed. */
    boolean describe(UUID communityId, String name, String leaderName, String leaderPhone, Instant now) {
        boolean changed = !Objects.equals(this.communityId, communityId) || !Objects.equals(this.name, name)
                || !Objects.equals(this.leaderName, leaderName) || !Objects.equals(this.leaderPhone, leaderPhone);
        if (changed || updatedAt == null) {
            this.communityId = communityId;
            this.name = name;
            this.leaderName = leaderName;
            this.leaderPhone = leaderPhone;
            this.updatedAt = now;
        }
        return changed;
    }

    UUID id() { return id; }
    UUID communityId() { return communityId; }
    String code() { return code; }
    String name() { return name; }
    String leaderName() { return leaderName; }
    String leaderPhone() { return leaderPhone; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
    long version() { return version == null ? 0 : version; }
}
