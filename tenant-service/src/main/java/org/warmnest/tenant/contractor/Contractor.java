package org.warmnest.tenant.contractor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Schema-qualified: requests outside a tenant get connections whose search path holds no usable schema. */
@Entity
@Table(schema = "registry", name = "contractor")
class Contractor {

    @Id
    private UUID id;
    private String uscc;
    private String name;
    private String legalRepresentative;
    private String registeredByTenant;
    private String registeredBy;
    @ElementCollection
    @CollectionTable(schema = "registry", name = "contractor_contact", joinColumns = @JoinColumn(name = "contractor_id"))
    @OrderColumn(name = "position")
    private List<Contact> contacts = new ArrayList<>();
    @ElementCollection
    @CollectionTable(schema = "registry", name = "contractor_qualification",
            joinColumns = @JoinColumn(name = "contractor_id"))
    @OrderColumn(name = "position")
    private List<Qualification> qualifications = new ArrayList<>();
    private Instant createdAt;
    private Instant updatedAt;
    /** A wrapper, so that a new entity with its id already assigned is persisted, not merged. */
    @Version
    private Long version;

    protected Contractor() {
    }

    Contractor(UUID id, Uscc uscc, String registeredByTenant, String registeredBy, Instant now) {
        this.id = id;
        this.uscc = uscc.value();
        this.registeredByTenant = registeredByTenant;
        this.registeredBy = registeredBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void describe(String name, String legalRepresentative, List<Contact> contacts, List<Qualification> qualifications,
            Instant now) {
        this.name = name;
        this.legalRepresentative = legalRepresentative;
        this.contacts.clear();
        this.contacts.addAll(contacts);
        this.qualifications.clear();
        this.qualifications.addAll(qualifications);
        this.updatedAt = now;
    }

    UUID id() { return id; }
    String uscc() { return uscc; }
    String name() { return name; }
    String legalRepresentative() { return legalRepresentative; }
    String registeredByTenant() { return registeredByTenant; }
    List<Contact> contacts() { return contacts; }
    List<Qualification> qualifications() { return qualifications; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
    long version() { return version == null ? 0 : version; }
}
