package org.pensim.simulations.diversion;

import java.util.List;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.simulations.trade.Operator;

/** Importing countries that seldom reply; the goods leave the day after the reply deadline. */
final class SeldomReplyingTarget extends ShipmentMethod {
    SeldomReplyingTarget() {
        super("SELDOM_REPLYING_TARGET", "Importing countries that seldom reply; the goods leave the day after the reply deadline.",
                "ephedrine");
    }

    @Override
    public List<String> defaultTargets(DiversionWorld world, java.util.SplittableRandom random) {
        return world.seldomReplying(1, random);
    }

    @Override
    void ship(Attempt a, Operator exporter, double kg) {
        a.world().notify(a.campaign(), new DiversionWorld.Draft(exporter, a.importer(), null, a.substance(), SubstanceForm.BASE,
                kg, List.of(), TransportMode.AIR, null, 100, true, false));
    }
}
