package org.pensim.simulations.engine;

import java.time.Duration;
import java.util.Map;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.lifecycle.LifecycleTransitions;
import org.pensim.protocol.lifecycle.NotificationState;
import org.pensim.protocol.lifecycle.Trigger;
import org.pensim.protocol.notification.NotificationChannel;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.IndicatorCode;
import org.pensim.protocol.screening.TimeToFlag;
import org.pensim.simulations.diversion.Campaign;
import org.pensim.simulations.diversion.Outcome;
import org.pensim.simulations.measure.Case;
import org.pensim.simulations.scenario.ModelParameters;

/**
 * The exporting authorities' side of a run, where detection becomes interdiction or does not: they refuse
 * exports the importing country objected to, hold goods on a registry flag or, by their country's rule,
 * on silence, and let the rest leave on the dispatch date.
 */
final class ExportingDesks {

    private final SimulationRun run;
    private final World world;
    private final Seizures seizures;
    private final int transitDays;
    private final double holdOnGlobalFlag;
    private final int stopHeldAfterDays;

    ExportingDesks(SimulationRun run, ModelParameters model, World world, Seizures seizures) {
        this.run = run;
        this.world = world;
        this.seizures = seizures;
        this.transitDays = model.integer("shipment.transitDays");
        this.holdOnGlobalFlag = model.probability("interdiction.holdOnGlobalFlag");
        this.stopHeldAfterDays = model.integer("interdiction.stopHeldAfterDays");
    }

    /** The registry's flags reach the exporting authority at once; it may hold the goods until a reply. */
    void registryFlagged(Case k, NotificationChannel channel, double globalScore, Authority exporting) {
        // The voluntary channel expects no reply, so there is nothing to hold for.
        if (channel == NotificationChannel.FULL && globalScore >= run.threshold(exporting)
                && run.caseStream(k, "hold").nextDouble() < holdOnGlobalFlag) {
            k.held = true;
            k.events.add(new Case.Event(run.clock().instant(), "HOLD by exporting authority (registry flags)"));
        }
    }

    /** The registry or the exporting authority refuses: the goods do not leave, and the adversary learns it. */
    void refuse(Case k, Campaign campaign, String by, String reason) {
        if (k.state.isFinal() || k.state == NotificationState.SHIPPED) {
            return; // goods that left, or a notification already closed, cannot be refused
        }
        NotificationState next = LifecycleTransitions.next(k.state, Trigger.of(EventType.STOP), NotificationChannel.FULL,
                AuthorityRole.EXPORTING);
        if (k.state == NotificationState.SUBMITTED && k.flags.isEmpty()) {
            // Refused at the registry's door: flagged then, by the signature check.
            k.firstFlagAt = run.clock().instant();
            k.flags.add(Case.RaisedFlag.of(new Flag(IndicatorCode.WATCHLIST_MATCH, k.id, null,
                    "signature", 0, reason, Map.of("check", "signature"), run.clock().instant(),
                    new TimeToFlag(Duration.ZERO, Duration.ZERO), null)));
        }
        k.events.add(new Case.Event(run.clock().instant(), "STOP by " + by + " (" + reason + ")", k.state,
                next == null ? NotificationState.STOPPED : next));
        k.state = NotificationState.STOPPED;
        k.stoppedAt = run.clock().instant();
        k.stopReason = reason;
        if (campaign != null) {
            seizures.reportStopped(k, campaign);
        }
        run.observe(k, campaign, Outcome.REFUSED);
    }

    /**
     * The dispatch date: the goods leave after a no-objection, or on silence unless the exporting authority
     * holds (its country's rule on silence, or a registry flag); a held shipment with no reply is refused.
     */
    void dispatch(NotificationChannel channel, Case k, Campaign campaign) {
        if (k.state == NotificationState.STOPPED || k.state == NotificationState.SHIPPED) {
            return;
        }
        Authority exporting = world.authorities.get(k.exportingCountry);
        boolean silent = k.state == NotificationState.DELIVERED || k.state == NotificationState.NO_REPLY;
        if (silent && channel == NotificationChannel.FULL && (k.held || exporting.holdsOnSilence)) {
            if (!k.held) {
                k.held = true;
                k.events.add(new Case.Event(run.clock().instant(), "HOLD by exporting authority (no reply)"));
            }
            run.agenda().at(run.clock().instant().plus(Duration.ofDays(stopHeldAfterDays)), () -> {
                // Only while still unanswered: a reply since then decided, and a shipment that left may have
                // arrived (RECEIVED) by now.
                if (k.state != NotificationState.DELIVERED && k.state != NotificationState.NO_REPLY) {
                    return;
                }
                // Still no reply: a flagged shipment is refused, an unflagged one let go.
                if (k.detected()) {
                    refuse(k, campaign, "exporting authority", "flagged and no reply within " + stopHeldAfterDays
                            + " days of the dispatch date");
                } else {
                    k.events.add(new Case.Event(run.clock().instant(), "RELEASE by exporting authority (no reply, not flagged)"));
                    ship(channel, k, campaign);
                }
            });
            return;
        }
        ship(channel, k, campaign);
    }

    void ship(NotificationChannel channel, Case k, Campaign campaign) {
        NotificationState next = run.apply(k, channel, k.state, Trigger.of(EventType.SHIP), AuthorityRole.EXPORTING);
        if (next != NotificationState.SHIPPED || k.state == NotificationState.SHIPPED) {
            return;
        }
        k.state = next;
        k.shippedAt = run.clock().instant();
        run.countShipped();
        if (campaign != null) {
            seizures.maybeSeize(campaign, k, null);
        }
        scheduleArrival(k, channel, campaign);
    }

    void scheduleArrival(Case k, NotificationChannel channel, Campaign campaign) {
        run.agenda().at(run.clock().instant().plus(Duration.ofDays(transitDays)), () -> {
            if (k.seizedAt != null) {
                return;
            }
            k.receivedAt = run.clock().instant();
            if (channel != null) {
                k.state = run.apply(k, channel, k.state, Trigger.of(EventType.RECEIVE), AuthorityRole.IMPORTING);
            }
            run.observe(k, campaign, Outcome.DELIVERED);
        });
    }
}
