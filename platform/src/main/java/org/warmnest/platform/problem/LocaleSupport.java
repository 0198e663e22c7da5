package org.warmnest.platform.problem;

import java.util.List;
import java.util.Locale;

import org.springframework.util.StringUtils;

/** The product speaks Simplified Chinese by default and English on request. */
public final class LocaleSupport {

    public static final Locale DEFAULT = Locale.SIMPLIFIED_CHINESE;
    public static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    private LocaleSupport() {
    }

    public static Locale resolve(String acceptLanguage) {
        if (!StringUtils.hasText(acceptLanguage)) {
            return DEFAULT;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            if (best != null) {
                return best;
            }
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String language = Locale.forLanguageTag(range.getRange()).getLanguage();
                if ("en".equals(language)) {
                    return Locale.ENGLISH;
                }
                if ("zh".equals(language)) {
                    return Locale.SIMPLIFIED_CHINESE;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // fall through to the default
        }
        return DEFAULT;
    }
}
