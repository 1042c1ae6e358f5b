package org.pensim.simulations.diversion;

import org.pensim.protocol.catalogue.Substance;
import org.pensim.simulations.trade.Operator;

/** Declared as a harmless look-alike, with no notification at all: only a seizure reveals it. */
final class Misdeclaration implements DiversionMethod {

    @Override
    public String id() {
        return "MISDECLARATION";
    }

    @Override
    public String description() {
        return "Declared as a harmless look-alike, with no notification at all: only a seizure reveals it.";
    }
    @Override
    public String defaultSubstance() {
        return "acetic-anhydride";
    }

    @Override
    public void attempt(Campaign c, DiversionWorld world) {
        String target = c.target();
        String from = c.exportingCountry(world, target);
        Substance s = world.substance(c.substanceId());
        Operator importer = c.frontCompany(target);
        for (int part = 0; part < c.parts(); part++) {
            world.shipUndeclared(c, world.licensedOperator(from, c.random()), importer, s, c.quantityKg());
        }
    }
}
