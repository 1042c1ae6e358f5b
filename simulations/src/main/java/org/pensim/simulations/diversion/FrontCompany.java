package org.pensim.simulations.diversion;

import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.simulations.trade.Operator;

/** An unlicensed shell company as importer, replaced when refusals burn it. */
final class FrontCompany implements DiversionMethod {

    @Override
    public String id() {
        return "FRONT_COMPANY";
    }

    @Override
    public String description() {
        return "An unlicensed shell company as importer, replaced when refusals burn it.";
    }
    @Override
    public String defaultSubstance() {
        return "pseudoephedrine";
    }

    @Override
    public void attempt(Campaign c, DiversionWorld world) {
        String target = c.target();
        String from = c.exportingCountry(world, target);
        Substance s = world.substance(c.substanceId());
        Operator importer = c.frontCompany(target);
        for (int part = 0; part < c.parts(); part++) {
            world.notify(c, DiversionWorld.Draft.plain(world.licensedOperator(from, c.random()), importer, s, c.quantityKg(),
                    TransportMode.SEA));
        }
    }
}
