package org.warmnest.billing.people;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The name a person reads for the caller: the token's {@code name}, else its {@code preferred_username}, else the
 * subject. Billing keeps it beside the subject wherever it records who did something, so that reports show people
 * by name; rows written before names were kept show the subject.
 */
public final class DisplayName {

    private static final int MAX = 255;

    private DisplayName() {
    }

    /** The caller's display name; null when the request carries no token. */
    public static String current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken token)) {
            return null;
        }
        var jwt = token.getToken();
        for (String claim : new String[] {"name", "preferred_username"}) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                String v = value.strip();
                return v.length() > MAX ? v.substring(0, MAX) : v;
            }
        }
        return jwt.getSubject();
    }

    /** The recorded name, or the subject for rows written before names were kept. */
    public static String or(String name, String subject) {
        return name == null || name.isBlank() ? subject : name;
    }
}
