package org.pensim.simulations.trade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pensim.protocol.catalogue.ControlList;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.country.CountryProfile;
import org.pensim.protocol.notification.NotificationChannel;
import org.pensim.protocol.notification.Packages;
import org.pensim.protocol.notification.Party;
import org.pensim.protocol.notification.PartyRole;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.notification.Route;
import org.pensim.protocol.notification.ShipmentItem;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.PureSubstanceConversion;
import org.pensim.protocol.quantity.Quantity;
import org.pensim.protocol.quantity.QuantityUnit;
import org.pensim.protocol.quantity.SubstanceForm;

/** The pre-export notifications that simulated operators file: used by simulations and exercises alike. */
public final class TradeDocuments {

    /** A typical consignment per substance, in kilograms: licit orders vary around it. */
    private static final Map<String, Double> TYPICAL_KG = Map.ofEntries(
            Map.entry("acetone", 12000.0), Map.entry("toluene", 15000.0), Map.entry("methyl-ethyl-ketone", 8000.0),
            Map.entry("ethyl-ether", 3000.0), Map.entry("hydrochloric-acid", 10000.0), Map.entry("sulphuric-acid", 15000.0),
            Map.entry("acetic-anhydride", 2000.0), Map.entry("potassium-permanganate", 1000.0),
            Map.entry("pseudoephedrine", 400.0), Map.entry("ephedrine", 150.0), Map.entry("p-2-p", 40.0));

    private TradeDocuments() {
    }

    /** How many orders fall on a day with {@code mean} expected: Knuth's method, a normal approximation above 50. */
    public static int poisson(java.util.SplittableRandom r, double mean) {
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** A standard normal draw (Box–Muller). */
    public static double gaussian(java.util.SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    public static double typicalKg(String substanceId) {
        return TYPICAL_KG.getOrDefault(substanceId, 500.0);
    }

    /**
     * A notification issued {@code now}, with the reply deadline of the importing country's profile;
     * surveillance-list substances go through the voluntary channel, without a deadline.
     *
     * @param dispatchAfterDeadline dispatch the day after the reply deadline (a diverter counting on silence)
     */
    public static PreExportNotification notification(String id, Operator exporter, Operator importer, Operator consignee,
            Substance s, SubstanceForm form, double kg, List<String> transit, TransportMode mode, String hsOverride,
            double concentration, CountryProfile importing, Instant issuedAt, boolean dispatchAfterDeadline) {
        return notification(id, exporter, importer, consignee, s, form, kg, transit, mode, hsOverride, concentration,
                importing, issuedAt, dispatchAfterDeadline ? 1 : 3, 10, 20);
    }

    /**
     * As above, with the dispatch rule given: {@code daysAfterDeadline} after the reply deadline, or for the
     * voluntary channel (no deadline) {@code voluntaryDays} after issue; arrival expected {@code transitDays} later.
     */
    public static PreExportNotification notification(String id, Operator exporter, Operator importer, Operator consignee,
            Substance s, SubstanceForm form, double kg, List<String> transit, TransportMode mode, String hsOverride,
            double concentration, CountryProfile importing, Instant issuedAt, int daysAfterDeadline, int voluntaryDays,
            int transitDays) {
        Instant now = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        boolean voluntary = s.list() == ControlList.SURVEILLANCE;
        LocalDate deadline = importing.replyDeadline().deadlineFrom(today, importing.calendar());
        LocalDate dispatch = voluntary ? today.plusDays(voluntaryDays) : deadline.plusDays(daysAfterDeadline);
        Quantity q = new Quantity(BigDecimal.valueOf(kg).setScale(3, RoundingMode.HALF_UP), QuantityUnit.KG);
        BigDecimal conc = BigDecimal.valueOf(concentration);
        BigDecimal net = PureSubstanceConversion.toPureKilograms(s, q, form, null, conc, null);
        List<Party> parties = new ArrayList<>(List.of(exporter.as(PartyRole.EXPORTER), importer.as(PartyRole.IMPORTER)));
        if (consignee != null) {
            parties.add(consignee.as(PartyRole.CONSIGNEE));
        }
        return new PreExportNotification(id, voluntary ? NotificationChannel.VOLUNTARY : NotificationChannel.FULL,
                exporter.country(), importer.country(), now, parties,
                List.of(new ShipmentItem(s.id(), s.cas(), null, form, null, conc, q, null, net,
                        new Packages((int) Math.max(1, Math.min(100000, kg / 200)), "drum"),
                        hsOverride == null ? s.hsCode() : hsOverride)),
                new Route(transit, Places.standard().point(exporter.country(), mode),
                        Places.standard().point(importer.country(), mode), mode), dispatch, dispatch.plusDays(transitDays),
                voluntary ? null : deadline, "EXP-" + id, null, "INV-" + id, null);
    }
}
