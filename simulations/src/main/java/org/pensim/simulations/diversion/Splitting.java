package org.pensim.simulations.diversion;

import java.util.List;
import java.util.SplittableRandom;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.simulations.trade.Operator;

/** Small shipments from several exporting countries to one licensed consignee, in turn. */
final class Splitting extends ShipmentMethod {
    Splitting() {
        super("SPLITTING", "Small shipments from several exporting countries to one licensed consignee.", "p-2-p");
    }

    @Override
    TransportMode mode() {
        return TransportMode.AIR;
    }

    @Override
    public void attempt(Campaign c, DiversionWorld world) {
        String target = c.target();
        List<String> exporters = c.spec().exporters() == null || c.spec().exporters().isEmpty() ? world.exportingCountries()
                : c.spec().exporters();
        // One consignee for the whole campaign in a country: the pattern the registry's window must see.
        Operator consignee = world.licensedOperator(target, new SplittableRandom(target.hashCode()));
        Attempt a = new Attempt(c, world, null, target, world.substance(c.substanceId()), consignee);
        int shipments = Math.max(world.parameters().integer("methods.splitShipments"), c.parts());
        double kg = c.quantityKg() * c.parts() / shipments;
        for (int k = 0; k < shipments; k++) {
            String from = exporters.get(Math.floorMod(c.attemptsMade() + k, exporters.size()));
            if (!from.equals(target)) {
                ship(a, world.licensedOperator(from, c.random()), kg);
            }
        }
    }
}
