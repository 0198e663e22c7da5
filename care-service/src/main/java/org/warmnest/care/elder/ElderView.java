package org.warmnest.care.elder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;

/**
 * An elder's file as every response shows it: the ID number's last four characters, phones and the address
 * masked, health details only as "there are some", the age but not the birth date (with the date, the mask would
 * hide little); the exact age only to the roles that may read the number in full ({@code age} null for the others,
 * who get {@code ageBand}). The full values come from the audited sensitive read alone.
 */
record ElderView(UUID id, String name, String idNumber, Integer age, String ageBand, String sex, String phone,
        String gridCode, String communityCode, String streetCode, String address,
        List<ElderRequest.HouseholdMember> household, List<CategoryView> categories, RiskTier riskTier,
        String riskTierLabel, List<ElderRequest.EmergencyContact> emergencyContacts, String responsibleName,
        String responsiblePhone, String responsibleUserId, UUID responsibleVolunteerId, boolean consentGiven,
        LocalDate consentOn, String consentBy, boolean hasHealthDetails, Elder.Status status, LocalDate statusSince,
        Integer abilityLevel, LocalDate lastAssessedOn, LocalDate nextAssessmentDue, boolean assessmentOverdue,
        UUID contractorId, Instant createdAt, Instant updatedAt, long version) {

    record CategoryView(Category code, String label) {
    }

    static int ageOn(LocalDate birth, LocalDate today) {
        return Period.between(birth, today).getYears();
    }

    /** 高龄 is not stored: it follows from the birth date on the day asked. */
    static List<CategoryView> categories(List<String> stored, LocalDate birth, LocalDate today) {
        java.util.ArrayList<CategoryView> views = new java.util.ArrayList<>();
        if (ageOn(birth, today) >= ElderRules.HIGH_AGE) {
            views.add(new CategoryView(Category.HIGH_AGE, Category.HIGH_AGE.label));
        }
        for (String s : stored) {
            Category c = Category.valueOf(s);
            views.add(new CategoryView(c, c.label));
        }
        return views;
    }
}
