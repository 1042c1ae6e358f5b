package org.pensim.simulations.diversion;

import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.simulations.trade.Operator;

/** A non-scheduled substitute or pre-precursor instead of the scheduled chemical. */
final class Substitute implements DiversionMethod {

    @Override
    public String id() {
        return "SUBSTITUTE";
    }

    @Override
    public String description() {
        return "A non-scheduled substitute or pre-precursor instead of the scheduled chemical.";
    }
    @Override
    public String defaultSubstance() {
        return "benzyl-cyanide";
    }

    @Override
    public void attempt(Campaign c, DiversionWorld world) {
        String target = c.target();
        String from = c.exportingCountry(world, target);
        Substance s = world.substance(c.substanceId());
        Operator importer = world.licensedOperator(target, c.random());
        for (int part = 0; part < c.parts(); part++) {
            world.notify(c, DiversionWorld.Draft.plain(world.licensedOperator(from, c.random()), importer, s, c.quantityKg(),
                    TransportMode.SEA));
        }
    }
}
