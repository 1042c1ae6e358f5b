package org.pensim.simulations.diversion;

/**
 * One way traffickers try to obtain precursors (docs/domain.md, "How diversion is attempted"). A method
 * turns one attempt of a campaign into shipments in the world; the campaign, not the method, decides when
 * to attempt and how to adapt. Add a method by writing a class and naming it in {@link DiversionLibrary}.
 */
public interface DiversionMethod {

    /** The name scenarios use ({@code FRONT_COMPANY}). */
    String id();

    /** One line for reports. */
    String description();

    /** The substance a campaign of this method uses when the scenario names none. */
    default String defaultSubstance() {
        return "ephedrine";
    }

    /** The importing countries a campaign of this method aims at when the scenario names none (null: any). */
    default java.util.List<String> defaultTargets(DiversionWorld world, java.util.SplittableRandom random) {
        return null;
    }

    /** Makes one attempt: the shipments the campaign's current choices describe. */
    void attempt(Campaign campaign, DiversionWorld world);
}
