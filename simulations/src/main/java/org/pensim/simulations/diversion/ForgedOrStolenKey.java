package org.pensim.simulations.diversion;

import java.util.List;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.simulations.trade.Operator;

/** A notification no authority signed (forged) or one signed with a stolen key, attempt after attempt in turn. */
final class ForgedOrStolenKey extends ShipmentMethod {
    ForgedOrStolenKey() {
        super("FORGED_OR_STOLEN_KEY", "A notification no authority signed (forged) or one signed with a stolen key, alternately.",
                "pseudoephedrine");
    }

    @Override
    void ship(Attempt a, Operator exporter, double kg) {
        boolean forged = a.campaign().attemptsMade() % 2 == 1;
        a.world().notify(a.campaign(), new DiversionWorld.Draft(exporter, a.importer(), null, a.substance(), SubstanceForm.BASE,
                kg, List.of(), TransportMode.AIR, null, 100, false, forged));
    }
}
