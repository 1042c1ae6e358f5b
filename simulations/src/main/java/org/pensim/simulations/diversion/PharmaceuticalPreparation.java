package org.pensim.simulations.diversion;

import java.util.List;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.simulations.trade.Operator;

/** Pharmaceutical preparations of ephedrine or pseudoephedrine in bulk. */
final class PharmaceuticalPreparation implements DiversionMethod {

    @Override
    public String id() {
        return "PHARMACEUTICAL_PREPARATION";
    }

    @Override
    public String description() {
        return "Pharmaceutical preparations of ephedrine or pseudoephedrine in bulk.";
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
        Operator importer = world.licensedOperator(target, c.random());
        String hs = s.id().equals("ephedrine") ? "3004.41" : "3004.42";
        double percent = world.parameters().number("methods.preparationStrengthPercent");
        for (int part = 0; part < c.parts(); part++) {
            // The declared weight is the tablets'; their pure content is the campaign's quantity.
            world.notify(c, new DiversionWorld.Draft(world.licensedOperator(from, c.random()), importer, null, s,
                    SubstanceForm.PREPARATION, c.quantityKg() * 100 / percent, List.of(), TransportMode.SEA, hs, percent,
                    false, false));
        }
    }
}
