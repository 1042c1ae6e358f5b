package org.pensim.simulations.diversion;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Names for new shell and front companies: never the same twice in a run, built from the words such
 * companies use, so that a watch list must match them by name similarity rather than by identity.
 */
public final class ShellNames {

    // No word shares its first three letters with the licit operators' names (Operator.name): a watch-list
    // entry then matches a licit company only by real similarity, not because both say "Chemicals".
    private static final List<String> FIRST = List.of("Global", "Sunrise", "Prime", "Blue Ocean", "Golden Gate", "Eastern",
            "Pacific", "Kingsway", "Unity", "Crescent", "Northern", "Royal", "Falcon", "Lotus", "Jade", "Baobab", "Oasis",
            "Emerald", "Phoenix", "Tiger");
    private static final List<String> SECOND = List.of("Trade Link", "Import Export", "Distributors", "Trading", "Supplies",
            "General Merchants", "Logistics", "Commodities", "Enterprises", "Wholesale", "Ventures", "Resources",
            "Agencies", "Brothers", "Overseas");
    private static final List<String> SUFFIX = List.of("Ltd", "LLC", "FZE", "SARL", "GmbH", "Co.", "Pvt Ltd", "S.A.");

    private final Set<String> used = new HashSet<>();

    /** A name not given before in this run, for a company in {@code country}, drawn from the caller's stream. */
    public String next(String country, SplittableRandom random) {
        // Exactly three draws whatever names others took: a clash is resolved by a number, not by drawing again,
        // so that one source's names never shift another source's stream.
        String base = FIRST.get(random.nextInt(FIRST.size())) + " " + SECOND.get(random.nextInt(SECOND.size())) + " "
                + SUFFIX.get(random.nextInt(SUFFIX.size()));
        String name = base + " " + country;
        for (int n = 2; !used.add(name); n++) {
            name = base + " " + n + " " + country;
        }
        return name;
    }
}
