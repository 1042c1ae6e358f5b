package org.pensim.simulations.diversion;

import java.util.List;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.simulations.trade.Operator;

/** A route through a transit hub of concern, to a licensed company; the goods leave the route on the way. */
final class TransitDiversion extends ShipmentMethod {
    TransitDiversion() {
        super("TRANSIT_DIVERSION", "A route through transit hubs of concern; the goods leave the route on the way.",
                "potassium-permanganate");
    }

    @Override
    Operator importer(Campaign c, DiversionWorld world, String target) {
        return world.licensedOperator(target, c.random());
    }

    @Override
    void ship(Attempt a, Operator exporter, double kg) {
        List<String> hubs = a.world().transitHubs();
        String hub = hubs.get(a.campaign().random().nextInt(hubs.size()));
        List<String> route = hub.equals(a.from()) || hub.equals(a.target()) ? List.of() : List.of(hub);
        a.world().notify(a.campaign(), new DiversionWorld.Draft(exporter, a.importer(), null, a.substance(), SubstanceForm.BASE,
                kg, route, TransportMode.MULTIMODAL, null, 100, false, false));
    }
}
