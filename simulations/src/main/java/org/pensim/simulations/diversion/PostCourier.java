package org.pensim.simulations.diversion;

import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.simulations.trade.Operator;

/** Post and courier streams for bulk quantities. */
final class PostCourier implements DiversionMethod {

    @Override
    public String id() {
        return "POST_COURIER";
    }

    @Override
    public String description() {
        return "Post and courier streams for bulk quantities.";
    }

    @Override
    public void attempt(Campaign c, DiversionWorld world) {
        String target = c.target();
        String from = c.exportingCountry(world, target);
        Substance s = world.substance(c.substanceId());
        Operator importer = world.licensedOperator(target, c.random());
        for (int part = 0; part < c.parts(); part++) {
            world.notify(c, DiversionWorld.Draft.plain(world.licensedOperator(from, c.random()), importer, s,
                    Math.max(c.quantityKg(), world.parameters().number("methods.courierMinimumKg")), TransportMode.COURIER));
        }
    }
}
