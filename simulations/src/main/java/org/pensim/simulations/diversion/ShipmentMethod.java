package org.pensim.simulations.diversion;

import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.simulations.trade.Operator;

/**
 * The common shape of most methods: an attempt is one shipment per part of the campaign's order, from a
 * licensed exporter of the campaign's current exporting country to one importer. A method says who the
 * importer is (the campaign's front company unless it overrides {@link #importer}) and how one shipment is
 * declared (a plain notification by {@link #mode()} unless it overrides {@link #ship}).
 */
abstract class ShipmentMethod implements DiversionMethod {

    /** One attempt's choices, shared by its shipments. */
    record Attempt(Campaign campaign, DiversionWorld world, String from, String target, Substance substance,
            Operator importer) {
    }

    private final String id;
    private final String description;
    private final String defaultSubstance;

    ShipmentMethod(String id, String description, String defaultSubstance) {
        this.id = id;
        this.description = description;
        this.defaultSubstance = defaultSubstance;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String defaultSubstance() {
        return defaultSubstance;
    }

    /** How the goods travel when the method declares a plain notification. */
    TransportMode mode() {
        return TransportMode.SEA;
    }

    /** The importer named on the documents: by default the campaign's front company. */
    Operator importer(Campaign c, DiversionWorld world, String target) {
        return c.frontCompany(target);
    }

    /** Declares (or does not declare) one shipment of {@code kg} from {@code exporter}. */
    void ship(Attempt a, Operator exporter, double kg) {
        a.world().notify(a.campaign(), DiversionWorld.Draft.plain(exporter, a.importer(), a.substance(), kg, mode()));
    }

    @Override
    public void attempt(Campaign c, DiversionWorld world) {
        String target = c.target();
        String from = c.exportingCountry(world, target);
        Attempt a = new Attempt(c, world, from, target, world.substance(c.substanceId()), importer(c, world, target));
        for (int part = 0; part < c.parts(); part++) {
            ship(a, world.licensedOperator(from, c.random()), c.quantityKg());
        }
    }
}
