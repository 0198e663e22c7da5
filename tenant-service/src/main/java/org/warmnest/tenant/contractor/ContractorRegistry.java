package org.warmnest.tenant.contractor;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What other features may ask of the platform-wide contractor registry; it works inside or outside a tenant. */
@Component
public class ContractorRegistry {

    private final ContractorRepository contractors;

    ContractorRegistry(ContractorRepository contractors) {
        this.contractors = contractors;
    }

    @Transactional(readOnly = true)
    public boolean isRegistered(UUID id) {
        return contractors.existsById(id);
    }
}
