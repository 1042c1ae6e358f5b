package org.pensim.simulations.diversion;

import java.util.List;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.simulations.trade.Operator;

/** A notification no authority signed (forged) or one signed with a stolen key, alternately. */
final class ForgedOrStolenKey implements DiversionMethod {

    @Override
    public String id() {
        return "FORGED_OR_STOLEN_KEY";
    }

    @Override
    public String description() {
        return "A notification no authority signed (forged) or one signed with a stolen key, alternately.";
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
        Operator importer = c.frontCompany(target);
        boolean forged = c.attemptsMade() % 2 == 1;
        world.notify(c, new DiversionWorld.Draft(world.licensedOperator(from, c.random()), importer, null, s,
                SubstanceForm.BASE, c.quantityKg(), List.of(), TransportMode.AIR, null, 100, false, forged));
    }
}
