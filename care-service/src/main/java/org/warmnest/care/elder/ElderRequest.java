package org.warmnest.care.elder;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An elder's file as a care worker fills it in (and as one spreadsheet row becomes). {@code version} is the
 * version the writer read; it is required when changing a file, so that of two workers editing at once the
 * second is told, not silently overwritten. {@code contractorId} entrusts the elder to a contractor: bureau users
 * set or change it (a hand-over takes the elder out of the former contractor's reach at once; absent on a change
 * means unchanged); contractor staff can only name their own.
 */
record ElderRequest(
        @NotBlank @Size(max = 50) String name,
        @NotBlank @Size(max = 25) String idNumber,
        @Pattern(regexp = PHONE) String phone,
        @NotBlank @Pattern(regexp = "^[0-9A-Za-z_-]{1,32}$") String gridCode,
        @Size(max = 200) String address,
        @Size(max = 20) List<@Valid @NotNull HouseholdMember> household,
        @NotNull @Size(min = 1, max = 11) List<@NotNull Category> categories,
        @NotNull RiskTier riskTier,
        @Size(max = 5) List<@Valid @NotNull EmergencyContact> emergencyContacts,
        @Size(max = 50) String responsibleName,
        @Pattern(regexp = PHONE) String responsiblePhone,
        @Size(max = 64) String responsibleUserId,
        UUID responsibleVolunteerId,
        @NotNull Boolean consentGiven,
        LocalDate consentOn,
        @Size(max = 50) String consentBy,
        @Valid Health health,
        UUID contractorId,
        Long version) {

    /** A mobile number, or a landline with its area code (many elders have only a landline). */
    static final String PHONE = "^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$";

    record HouseholdMember(@NotBlank @Size(max = 50) String name, @Size(max = 20) String relation,
            @Pattern(regexp = PHONE) String phone) {
    }

    record EmergencyContact(@NotBlank @Size(max = 50) String name, @NotBlank @Pattern(regexp = PHONE) String phone,
            @Size(max = 20) String relation) {
    }

    /** Health details are sensitive personal information: stored encrypted, returned only by an audited read. */
    record Health(@Size(max = 2000) String notes,
            @Size(max = 30) List<@NotBlank @Size(max = 50) String> conditions,
            @Size(max = 30) List<@NotBlank @Size(max = 50) String> medications,
            @Size(max = 30) List<@NotBlank @Size(max = 50) String> allergies,
            @Size(max = 30) String disabilityCertificate) {

        boolean isEmpty() {
            return blank(notes) && empty(conditions) && empty(medications) && empty(allergies)
                    && blank(disabilityCertificate);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        private static boolean empty(List<?> l) {
            return l == null || l.isEmpty();
        }
    }
}
