package org.pensim.simulations.diversion;

import org.pensim.simulations.trade.Operator;

/** A non-scheduled substitute or pre-precursor, bought by a licensed company: notified only where a channel exists. */
final class Substitute extends ShipmentMethod {
    Substitute() {
        super("SUBSTITUTE", "A non-scheduled substitute or pre-precursor instead of the scheduled chemical.", "benzyl-cyanide");
    }

    @Override
    Operator importer(Campaign c, DiversionWorld world, String target) {
        return world.licensedOperator(target, c.random());
    }
}
