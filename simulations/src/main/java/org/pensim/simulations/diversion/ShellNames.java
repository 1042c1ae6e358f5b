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

    private static final List<String> FIRST = List.of("Global", "Sunrise", "Prime", "Blue Ocean", "Golden Gate", "Apex",
            "Silver Line", "Eastern Star", "Pacific", "Atlas", "Zenith", "Green Valley", "Royal", "Delta", "Orion",
            "Horizon", "Unity", "Crescent", "Summit", "Northern");
    private static final List<String> SECOND = List.of("Trade Link", "Import Export", "Health Distributors", "Trading",
            "Pharma Supplies", "Chemicals", "General Merchants", "Logistics", "Industrial Supply", "Commodities",
            "Lab Solutions", "Enterprises", "Holdings", "Biotech", "Solvents");
    private static final List<String> SUFFIX = List.of("Ltd", "LLC", "FZE", "SARL", "GmbH", "Co.", "Pvt Ltd", "S.A.");

    private final Set<String> used = new HashSet<>();

    /** A name not given before in this run, for a company in {@code country}, drawn from the caller's stream. */
    public String next(String country, SplittableRandom random) {
        for (int tries = 0; ; tries++) {
            String name = FIRST.get(random.nextInt(FIRST.size())) + " " + SECOND.get(random.nextInt(SECOND.size())) + " "
                    + SUFFIX.get(random.nextInt(SUFFIX.size())) + (tries > 50 ? " " + (used.size() + 1) : "") + " " + country;
            if (used.add(name)) {
                return name;
            }
        }
    }
}
