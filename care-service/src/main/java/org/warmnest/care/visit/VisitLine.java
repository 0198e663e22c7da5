package org.warmnest.care.visit;

import java.util.UUID;

import org.warmnest.platform.catalogue.ServiceItem;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A service a visit delivered, as billing prices it. The billing key stays the same when an amendment repeats the
 * service, so that billing pays a service once whatever corrections follow.
 */
@Entity
@Table(name = "visit_service")
class VisitLine {

    @Id
    private UUID id;
    private UUID visitId;
    @Enumerated(EnumType.STRING)
    private ServiceItem serviceItem;
    private int quantity;
    private UUID billingKey;

    protected VisitLine() {
    }

    VisitLine(UUID visitId, ServiceItem serviceItem, int quantity, UUID billingKey) {
        this.id = UUID.randomUUID();
        this.visitId = visitId;
        this.serviceItem = serviceItem;
        this.quantity = quantity;
        this.billingKey = billingKey == null ? id : billingKey;
    }

    UUID id() { return id; }
    UUID visitId() { return visitId; }
    ServiceItem serviceItem() { return serviceItem; }
    int quantity() { return quantity; }
    UUID billingKey() { return billingKey; }
}
