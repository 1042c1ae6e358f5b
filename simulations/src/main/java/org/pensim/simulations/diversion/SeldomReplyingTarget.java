package org.pensim.simulations.diversion;

import java.util.List;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.simulations.trade.Operator;

/** Importing countries that seldom reply; the goods leave the day after the reply deadline. */
final class SeldomReplyingTarget implements DiversionMethod {

    @Override
    public String id() {
        return "SELDOM_REPLYING_TARGET";
    }

    @Override
    public String description() {
        return "Importing countries that seldom reply; the goods leave the day after the reply deadline.";
    }
    @Override
    public List<String> defaultTargets(DiversionWorld world) {
        return world.seldomReplying().subList(0, 1);
    }

    @Override
    public void attempt(Campaign c, DiversionWorld world) {
        String target = c.target();
        String from = c.exportingCountry(world, target);
        Substance s = world.substance(c.substanceId());
        Operator importer = c.frontCompany(target);
        for (int part = 0; part < c.parts(); part++) {
            world.notify(c, new DiversionWorld.Draft(world.licensedOperator(from, c.random()), importer, null, s,
                    SubstanceForm.BASE, c.quantityKg(), List.of(), TransportMode.AIR, null, 100, true, false));
        }
    }
}
