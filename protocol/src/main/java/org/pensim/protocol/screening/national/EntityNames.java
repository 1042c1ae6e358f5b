package org.pensim.protocol.screening.national;

import com.ibm.icu.text.Transliterator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Normalises company and person names for matching: transliteration of any script to ASCII Latin
 * (ICU), lower case, punctuation removed, legal-form suffixes dropped and words sorted, so that
 * "ООО Химпром", "Khimprom LLC" and "Himprom, OOO" meet.
 */
public final class EntityNames {

    /** Legal forms in several languages and scripts (after transliteration). */
    private static final Set<String> LEGAL_FORMS = Set.of(
            "gmbh", "ag", "kg", "ohg", "ug", "mbh", "co", "company", "corp", "corporation", "inc", "incorporated",
            "ltd", "limited", "llc", "llp", "lp", "plc", "pvt", "private", "pte", "pty", "sa", "sas", "sarl", "srl",
            "spa", "bv", "nv", "oy", "ab", "as", "aps", "kft", "sp", "zoo", "sro", "doo", "jsc", "pjsc", "ojsc",
            "cjsc", "ooo", "oao", "zao", "pao", "tov", "fze", "fzco", "fzc", "fz", "llc-fz", "est", "establishment",
            "wll", "spc", "bhd", "sdn", "tbk", "pt", "cv", "ltda", "cia", "sac", "eirl", "kk", "yk", "gk",
            "youxian", "gongsi", "youxiangongsi", "the", "and", "of");

    private static final ThreadLocal<Transliterator> TO_ASCII =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 200_000;

    private EntityNames() {
    }

    /** The matching key of a name: transliterated, lower-case words without legal forms, sorted. */
    public static String key(String name) {
        if (name == null) {
            return "";
        }
        String cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        String ascii = isAscii(name) ? name : TO_ASCII.get().transliterate(name);
        String key = Arrays.stream(ascii.toLowerCase(Locale.ROOT).replace(".", "").replace("&", " and ").split("[^a-z0-9]+"))
                .filter(w -> !w.isEmpty() && !LEGAL_FORMS.contains(w))
                .map(EntityNames::fold)
                .sorted()
                .collect(Collectors.joining(" "));
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(name, key);
        }
        return key;
    }

    /**
     * Folds spellings that differ between transliteration systems ("Khimprom" / "Himprom",
     * "Yusuf" / "Jusuf") onto one form. Only used inside matching keys, never shown.
     */
    static String fold(String word) {
        return word.replace("kh", "h").replace("ph", "f").replace("ck", "k").replace('w', 'v')
                .replace('y', 'i').replace('j', 'i').replace('q', 'k');
    }

    /** Identifiers compared without spaces, dots or dashes, in upper case, with their scheme. */
    public static String identifierKey(String scheme, String value) {
        StringBuilder sb = new StringBuilder(scheme.length() + value.length() + 1);
        sb.append(scheme.trim().toUpperCase(Locale.ROOT)).append(':');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c) && c != '.' && c != '-' && c != '/') {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
