package org.epicenter.model;

import java.util.Locale;
import java.util.Set;

/**
 * ISO 3166-1 alpha-2 country codes. {@link #UNKNOWN} ("ZZ", the code ISO reserves for user
 * assignment and CLDR uses for "unknown region") marks a report whose country nobody knows.
 */
public final class Countries {
    public static final String UNKNOWN = "ZZ";
    private static final Set<String> ISO = Set.of(Locale.getISOCountries());

    private Countries() {}

    /** True for an upper-case ISO 3166-1 alpha-2 code of a real country or territory. */
    public static boolean isIsoCode(String code) {
        return code != null && code.length() == 2 && ISO.contains(code);
    }

    /** Normalises a header or user value ("sa", " SA ") to its ISO form, or null when it is not one. */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        return isIsoCode(upper) ? upper : null;
    }
}
