package org.pensim.simulations.diversion;

import org.pensim.protocol.notification.TransportMode;
import org.pensim.simulations.trade.Operator;

/** Post and courier streams for bulk quantities, to a licensed company. */
final class PostCourier extends ShipmentMethod {
    PostCourier() {
        super("POST_COURIER", "Post and courier streams for bulk quantities.", "ephedrine");
    }

    @Override
    TransportMode mode() {
        return TransportMode.COURIER;
    }

    @Override
    Operator importer(Campaign c, DiversionWorld world, String target) {
        return world.licensedOperator(target, c.random());
    }

    @Override
    void ship(Attempt a, Operator exporter, double kg) {
        super.ship(a, exporter, Math.max(kg, a.world().parameters().number("methods.courierMinimumKg")));
    }
}
