package org.warmnest.tenant.contractor;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
class Contact {

    @Column(name = "name")
    private String name;
    @Column(name = "role")
    private String role;
    @Column(name = "phone")
    private String phone;
    @Column(name = "email")
    private String email;

    protected Contact() {
    }

    Contact(String name, String role, String phone, String email) {
        this.name = name;
        this.role = role;
        this.phone = phone;
        this.email = email;
    }

    String name() { return name; }
    String role() { return role; }
    String phone() { return phone; }
    String email() { return email; }
}
