package org.pensim.simulations.engine;

import java.time.Clock;
import org.pensim.protocol.catalogue.ControlList;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.simulations.diversion.DiversionWorld;
import org.pensim.simulations.scenario.ModelParameters;
import org.pensim.simulations.trade.TradeDocuments;

/**
 * What an exporting authority files: whether a shipment needs a notification at all, and the notification
 * itself, numbered (licit and campaign documents apart, so that campaigns leave licit ids and the streams
 * drawn from them as they were) and dated by the model's dispatch and transit rules.
 */
final class ExportDocuments {

    private final World world;
    private final Clock clock;
    private final int daysAfterDeadline;
    private final int silentTargetDays;
    private final int voluntaryDays;
    private final int transitDays;
    private long licitSequence;
    private long campaignSequence;

    ExportDocuments(World world, Clock clock, ModelParameters model) {
        this.world = world;
        this.clock = clock;
        this.daysAfterDeadline = model.integer("dispatch.daysAfterDeadline");
        this.silentTargetDays = model.integer("dispatch.silentTargetDaysAfterDeadline");
        this.voluntaryDays = model.integer("dispatch.voluntaryDaysAfterIssue");
        this.transitDays = model.integer("shipment.transitDays");
    }

    /** Whether the exporting authority files a notification for this substance to this country. */
    boolean filed(Substance s, String exportingCountry, String importingCountry) {
        if (s.list() == ControlList.SURVEILLANCE) {
            return world.authorities.get(exportingCountry).usesVoluntaryChannel;
        }
        return s.list() == ControlList.TABLE_I || world.authorities.get(importingCountry).profile.requiresNotification(s);
    }

    /** The notification a draft describes, issued now. */
    PreExportNotification notification(DiversionWorld.Draft d, boolean licit) {
        String digits = Long.toString(licit ? ++licitSequence : ++campaignSequence);
        String id = d.exporter().country() + (licit ? "-S-" : "-C-") + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
        return TradeDocuments.notification(id, d.exporter(), d.importer(), d.consignee(), d.substance(), d.form(), d.kg(),
                d.transit(), d.mode(), d.hsOverride(), d.concentration(), world.authorities.get(d.importer().country()).profile,
                clock.instant(), d.dispatchAfterDeadline() ? silentTargetDays : daysAfterDeadline, voluntaryDays, transitDays);
    }

    /** The case number of goods that leave with no notification. */
    String undeclaredId() {
        return "X-" + (++campaignSequence);
    }
}
