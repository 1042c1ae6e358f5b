package org.pensim.simulations.diversion;

import java.util.List;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.simulations.trade.Operator;

/** A route through transit hubs of concern; the goods leave the route on the way. */
final class TransitDiversion implements DiversionMethod {

    @Override
    public String id() {
        return "TRANSIT_DIVERSION";
    }

    @Override
    public String description() {
        return "A route through transit hubs of concern; the goods leave the route on the way.";
    }
    @Override
    public String defaultSubstance() {
        return "potassium-permanganate";
    }

    @Override
    public void attempt(Campaign c, DiversionWorld world) {
        String target = c.target();
        String from = c.exportingCountry(world, target);
        Substance s = world.substance(c.substanceId());
        Operator importer = world.licensedOperator(target, c.random());
        List<String> hubs = world.transitHubs();
        String hub = hubs.get(c.random().nextInt(hubs.size()));
        List<String> route = hub.equals(from) || hub.equals(target) ? List.of() : List.of(hub);
        for (int part = 0; part < c.parts(); part++) {
            world.notify(c, new DiversionWorld.Draft(world.licensedOperator(from, c.random()), importer, null, s,
                    SubstanceForm.BASE, c.quantityKg(), route, TransportMode.MULTIMODAL, null, 100, false, false));
        }
    }
}
