package org.warmnest.care.evidence;

import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

import org.warmnest.platform.tenancy.TenantCode;

/**
 * Storage keys of evidence photos: {@code t_530402/2026/11/<uuid>.jpg}, the tenant's schema name, the year and
 * month of the visit, the photo's id and its type's extension. Both stores refuse any other shape, so that no
 * key can climb out of its tenant's folder (no {@code ..}, no absolute path, no backslash).
 */
public final class EvidenceKeys {

    private static final Pattern KEY = Pattern.compile(
            "t_[0-9]{6}/[0-9]{4}/(0[1-9]|1[0-2])/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                    + "\\.[a-z0-9]{1,5}");

    private EvidenceKeys() {
    }

    /** @param extension the detected type's, as {@link EvidencePolicy.Upload#extension()} gives it */
    public static String newKey(TenantCode tenant, LocalDate day, UUID id, String extension) {
        String key = String.format("%s/%04d/%02d/%s.%s", tenant.schema(), day.getYear(), day.getMonthValue(), id,
                extension);
        return requireValid(key);
    }

    /**
     * A new key in the same folder with the same extension, for rewriting an object without ever replacing it in
     * place (the record moves to the new key, then the old object goes).
     */
    public static String successor(String key) {
        requireValid(key);
        int slash = key.lastIndexOf('/');
        return requireValid(key.substring(0, slash + 1) + UUID.randomUUID() + key.substring(key.lastIndexOf('.')));
    }

    public static boolean isValid(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** True when the key is one of this tenant's: a last check before serving a photo. */
    public static boolean belongsTo(String key, TenantCode tenant) {
        return isValid(key) && key.startsWith(tenant.schema() + "/");
    }

    static String requireValid(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("Not an evidence key: " + key);
        }
        return key;
    }
}
