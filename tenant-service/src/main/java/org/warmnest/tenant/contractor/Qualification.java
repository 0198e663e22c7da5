package org.warmnest.tenant.contractor;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
class Qualification {

    @Column(name = "name")
    private String name;
    @Column(name = "number")
    private String number;
    @Column(name = "issuer")
    private String issuer;
    @Column(name = "valid_until")
    private LocalDate validUntil;

    protected Qualification() {
    }

    Qualification(String name, String number, String issuer, LocalDate validUntil) {
        this.name = name;
        this.number = number;
        this.issuer = issuer;
        this.validUntil = validUntil;
    }

    String name() { return name; }
    String number() { return number; }
    String issuer() { return issuer; }
    LocalDate validUntil() { return validUntil; }
}
