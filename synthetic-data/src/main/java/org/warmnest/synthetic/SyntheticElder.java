package org.warmnest.synthetic;

import java.time.LocalDate;
import java.util.List;

/** One believable elder; the field order is the order of {@link SyntheticElders#HEADERS}. */
public record SyntheticElder(String name, String idNumber, String sex, LocalDate birthDate, String phone,
                             String gridCode, String address, List<String> categories, String riskTier,
                             String responsibleName, String responsiblePhone, String emergencyName,
                             String emergencyPhone, String emergencyRelation, String householdMembers,
                             boolean consent, String healthNotes) {

    public SyntheticElder {
        categories = List.copyOf(categories);
    }
}
