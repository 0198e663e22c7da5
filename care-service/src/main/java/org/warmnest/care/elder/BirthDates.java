package org.warmnest.care.elder;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.warmnest.care.pii.PiiCipher;

/**
 * An elder's birth date, which is the middle of the ID number and so kept only encrypted ({@code
 * birth_date_cipher}); the birth year stays in clear for searches. A row written before the date was sealed still
 * holds it in {@code birth_date} until key rotation seals it.
 */
@Component
public class BirthDates {

    private final PiiCipher cipher;

    BirthDates(PiiCipher cipher) {
        this.cipher = cipher;
    }

    /** The birth date of the elder from the row's columns (either may be null, not both). */
    public LocalDate of(UUID elderId, String sealed, LocalDate legacy) {
        return sealed == null ? legacy : LocalDate.parse(cipher.decrypt(sealed, context(elderId)));
    }

    String seal(UUID elderId, LocalDate birthDate) {
        return cipher.encrypt(birthDate.toString(), context(elderId));
    }

    public static String context(UUID elderId) {
        return PiiCipher.context("elder", elderId, "birth_date");
    }
}
