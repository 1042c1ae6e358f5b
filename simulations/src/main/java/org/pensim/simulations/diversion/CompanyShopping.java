package org.pensim.simulations.diversion;

/** After a refusal, the same importer tries a supplier in another exporting country. */
final class CompanyShopping extends ShipmentMethod {
    CompanyShopping() {
        super("COMPANY_SHOPPING", "After a refusal, the same importer tries a supplier in another exporting country.",
                "acetic-anhydride");
    }
}
