package org.pensim.simulations.diversion;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.simulations.trade.Operator;

/** What a diversion method can do in a run: find operators, file a notification, ship undeclared. */
public interface DiversionWorld {

    Instant now();

    /** The run's model parameters ({@code methods.*} are the methods' own numbers). */
    org.pensim.simulations.scenario.ModelParameters parameters();

    /** The exporting countries of licit trade, the largest first. */
    List<String> exportingCountries();

    /**
     * The {@code n} importing countries whose authorities reply least (public knowledge in the model), the most
     * silent first; among equally silent ones, drawn with {@code random}.
     */
    List<String> seldomReplying(int n, java.util.SplittableRandom random);

    List<String> transitHubs();

    Substance substance(String id);

    /** A licensed operator of {@code country}, drawn with {@code random}. */
    Operator licensedOperator(String country, SplittableRandom random);

    /** The exporter asks its authority to notify the shipment this draft describes. */
    void notify(Campaign campaign, Draft draft);

    /** Goods that leave without any notification (misdeclared): only a seizure can reveal them. */
    void shipUndeclared(Campaign campaign, Operator exporter, Operator importer, Substance substance, double kg);

    /**
     * A shipment as the exporter declares it.
     *
     * @param dispatchAfterDeadline dispatch the day after the reply deadline (counting on silence)
     * @param forged                signed with a key the registry does not trust
     */
    record Draft(Operator exporter, Operator importer, Operator consignee, Substance substance, SubstanceForm form,
            double kg, List<String> transit, TransportMode mode, String hsOverride, double concentration,
            boolean dispatchAfterDeadline, boolean forged) {

        public static Draft plain(Operator exporter, Operator importer, Substance s, double kg, TransportMode mode) {
            return new Draft(exporter, importer, null, s, SubstanceForm.BASE, kg, List.of(), mode, null, 100, false, false);
        }
    }
}
