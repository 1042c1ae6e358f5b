package org.pensim.simulations.diversion;

import java.util.List;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.simulations.trade.Operator;

/** Small shipments from several exporting countries to one licensed consignee. */
final class Splitting implements DiversionMethod {

    @Override
    public String id() {
        return "SPLITTING";
    }

    @Override
    public String description() {
        return "Small shipments from several exporting countries to one licensed consignee.";
    }
    @Override
    public String defaultSubstance() {
        return "p-2-p";
    }

    @Override
    public void attempt(Campaign c, DiversionWorld world) {
        String target = c.target();
        String from = c.exportingCountry(world, target);
        Substance s = world.substance(c.substanceId());
        List<String> exporters = c.spec().exporters() == null || c.spec().exporters().isEmpty() ? world.exportingCountries()
                : c.spec().exporters();
        Operator consignee = world.licensedOperator(target, new java.util.SplittableRandom(target.hashCode()));
        int shipments = Math.max(world.parameters().integer("methods.splitShipments"), c.parts());
        double kg = c.quantityKg() * c.parts() / shipments;
        for (int k = 0; k < shipments; k++) {
            String cc = exporters.get(Math.floorMod(c.attemptsMade() + k, exporters.size()));
            if (!cc.equals(target)) {
                world.notify(c, DiversionWorld.Draft.plain(world.licensedOperator(cc, c.random()), consignee, s, kg,
                        TransportMode.AIR));
            }
        }
    }
}
