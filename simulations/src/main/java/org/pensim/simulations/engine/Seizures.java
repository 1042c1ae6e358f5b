package org.pensim.simulations.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.IncidentType;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.PartyRole;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.IndicatorCode;
import org.pensim.protocol.screening.TimeToFlag;
import org.pensim.simulations.diversion.Campaign;
import org.pensim.simulations.diversion.Outcome;
import org.pensim.simulations.measure.Case;
import org.pensim.simulations.scenario.ModelParameters;
import org.pensim.simulations.trade.Operator;

/**
 * Law enforcement after the goods leave: a diversion shipment may be seized some days later, and both
 * seizures and stopped shipments become incidents shared with every authority (PICS), naming the consignee.
 */
final class Seizures {

    private final SimulationRun run;
    private final double notified;
    private final double unnotified;
    private final int delayMinDays;
    private final int delayMaxDays;

    Seizures(SimulationRun run, ModelParameters model) {
        this.run = run;
        this.notified = model.probability("seizure.notifiedProbability");
        this.unnotified = model.probability("seizure.unnotifiedProbability");
        this.delayMinDays = model.integer("seizure.delayDaysMin");
        this.delayMaxDays = Math.max(delayMinDays, model.integer("seizure.delayDaysMax"));
    }

    /** After a diversion shipment leaves: seized later with the campaign's or the model's probability. */
    void maybeSeize(Campaign c, Case k, Operator consignee) {
        double p = c.spec().seizureProbability() != null ? c.spec().seizureProbability() : k.notified ? notified : unnotified;
        SplittableRandom random = run.caseStream(k, "seizure");
        if (random.nextDouble() < p) {
            long hours = 24L * delayMinDays + random.nextInt(Math.max(1, 24 * (delayMaxDays - delayMinDays)));
            run.agenda().at(run.clock().instant().plus(Duration.ofHours(hours)), () -> seize(c, k, consignee));
        }
    }

    private void seize(Campaign c, Case k, Operator consignee) {
        if (k.seizedAt != null || k.receivedAt != null) {
            return; // the goods arrived first: the consignee has them, and the adversary has seen them arrive
        }
        Instant now = run.clock().instant();
        k.seizedAt = now;
        k.events.add(new Case.Event(now, "SEIZED"));
        if (k.firstFlagAt == null) {
            k.firstFlagAt = now;
            k.flags.add(Case.RaisedFlag.of(new Flag(IndicatorCode.WATCHLIST_MATCH, k.id, null, "incident", 0,
                    "seized after shipment (incident report)", Map.of("incident", "SEIZURE"), now,
                    new TimeToFlag(Duration.between(k.submittedAt, now), Duration.ZERO), null)));
        }
        run.share(incident(IncidentType.SEIZURE, k, consignee, "seized in a simulated control"));
        run.observe(k, c, Outcome.SEIZED);
    }

    /** A diversion shipment the exporting authority stopped is reported too: its importer joins the watch lists. */
    void reportStopped(Case k, Campaign c) {
        run.share(incident(IncidentType.STOPPED_SHIPMENT, k, null, "stopped before shipment: " + k.stopReason));
    }

    private Incident incident(IncidentType type, Case k, Operator consignee, String description) {
        Instant now = run.clock().instant();
        Operator who = consignee != null ? consignee : k.importer != null ? k.importer
                : new Operator("unknown consignee", k.importingCountry, BusinessType.TRADING_COMPANY, null, false);
        return new Incident("INC-" + k.id, type, k.importingCountry, now, LocalDate.ofInstant(now, ZoneOffset.UTC),
                k.substanceId, null, k.notified ? k.id : null, List.of(new InvolvedEntity(who.name(), "consignee",
                        who.as(PartyRole.CONSIGNEE).address(), who.as(PartyRole.CONSIGNEE).identifiers())), description);
    }
}
