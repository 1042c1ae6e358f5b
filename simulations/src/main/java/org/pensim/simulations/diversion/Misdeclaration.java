package org.pensim.simulations.diversion;

import org.pensim.simulations.trade.Operator;

/** Declared as a harmless look-alike, with no notification at all: only a seizure reveals it. */
final class Misdeclaration extends ShipmentMethod {
    Misdeclaration() {
        super("MISDECLARATION", "Declared as a harmless look-alike, with no notification at all: only a seizure reveals it.",
                "acetic-anhydride");
    }

    @Override
    void ship(Attempt a, Operator exporter, double kg) {
        a.world().shipUndeclared(a.campaign(), exporter, a.importer(), a.substance(), kg);
    }
}
