package org.pensim.simulations.diversion;

import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.simulations.trade.Operator;

/** After a refusal, the same importer tries a supplier in another exporting country. */
final class CompanyShopping implements DiversionMethod {

    @Override
    public String id() {
        return "COMPANY_SHOPPING";
    }

    @Override
    public String description() {
        return "After a refusal, the same importer tries a supplier in another exporting country.";
    }
    @Override
    public String defaultSubstance() {
        return "acetic-anhydride";
    }

    @Override
    public void attempt(Campaign c, DiversionWorld world) {
        String target = c.target();
        String from = c.exportingCountry(world, target);
        Substance s = world.substance(c.substanceId());
        Operator importer = c.frontCompany(target);
        for (int part = 0; part < c.parts(); part++) {
            world.notify(c, DiversionWorld.Draft.plain(world.licensedOperator(from, c.random()), importer, s, c.quantityKg(),
                    TransportMode.SEA));
        }
    }
}
