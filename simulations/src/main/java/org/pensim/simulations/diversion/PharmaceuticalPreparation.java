package org.pensim.simulations.diversion;

import java.util.List;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.simulations.trade.Operator;

/** Pharmaceutical preparations of ephedrine or pseudoephedrine in bulk (HS 3004), to a licensed company. */
final class PharmaceuticalPreparation extends ShipmentMethod {
    PharmaceuticalPreparation() {
        super("PHARMACEUTICAL_PREPARATION", "Pharmaceutical preparations of ephedrine or pseudoephedrine in bulk.",
                "pseudoephedrine");
    }

    @Override
    Operator importer(Campaign c, DiversionWorld world, String target) {
        return world.licensedOperator(target, c.random());
    }

    @Override
    void ship(Attempt a, Operator exporter, double kg) {
        String hs = a.substance().id().equals("ephedrine") ? "3004.41" : "3004.42";
        double percent = a.world().parameters().number("methods.preparationStrengthPercent");
        // The declared weight is the tablets'; their pure content is the campaign's quantity.
        a.world().notify(a.campaign(), new DiversionWorld.Draft(exporter, a.importer(), null, a.substance(),
                SubstanceForm.PREPARATION, kg * 100 / percent, List.of(), TransportMode.SEA, hs, percent, false, false));
    }
}
