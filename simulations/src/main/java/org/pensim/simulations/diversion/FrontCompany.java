package org.pensim.simulations.diversion;

/** An unlicensed shell company as importer, replaced when refusals burn it. */
final class FrontCompany extends ShipmentMethod {
    FrontCompany() {
        super("FRONT_COMPANY", "An unlicensed shell company as importer, replaced when refusals burn it.", "pseudoephedrine");
    }
}
