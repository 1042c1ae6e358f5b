package org.pensim.protocol.country;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes, as known to the JDK. */
public final class CountryCode {

    private static final Set<String> CODES = Set.of(Locale.getISOCountries());

    private CountryCode() {
    }

    public static boolean isValid(String code) {
        return code != null && code.length() == 2 && CODES.contains(code);
    }

    /** The English name of the country, or the code itself when unknown. */
    public static String displayName(String code) {
        if (!isValid(code)) {
            return code;
        }
        return new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    }

    public static Set<String> all() {
        return CODES;
    }
}
