package org.pensim.simulations.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.LifecycleTransitions;
import org.pensim.protocol.lifecycle.NotificationState;
import org.pensim.protocol.lifecycle.Trigger;
import org.pensim.protocol.notification.NotificationChannel;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.simulations.diversion.Campaign;
import org.pensim.simulations.measure.Case;
import org.pensim.simulations.scenario.ModelParameters;
import org.pensim.simulations.trade.TradeDocuments;

/**
 * The importing authorities' side of a run: each reads its inbox on its working days, screens with the live
 * nodes' national indicators, and replies automatically, through its officers' queue, or not at all.
 */
final class ImportingDesks {

    private final SimulationRun run;
    private final GlobalScreening global;
    private final Map<String, int[]> replies;
    private final ExportingDesks exporting;
    private final double objectWhenFlagged;
    private final double objectWhenNotFlagged;

    ImportingDesks(SimulationRun run, ModelParameters model, GlobalScreening global, Map<String, int[]> replies,
            ExportingDesks exporting) {
        this.run = run;
        this.global = global;
        this.replies = replies;
        this.exporting = exporting;
        this.objectWhenFlagged = model.probability("officers.objectWhenFlagged");
        this.objectWhenNotFlagged = model.probability("officers.objectWhenNotFlagged");
    }

    /** The authority reads its inbox every few hours of its working days. */
    Instant nextInboxCheck(Authority a, Instant t) {
        long period = (long) (a.behaviour.inboxCheckHours() * 3600);
        long next = (t.getEpochSecond() / period + 1) * period;
        Instant at = Instant.ofEpochSecond(next);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        int guard = 0;
        while (!a.profile.calendar().isWorkingDay(day) && guard++ < 14) {
            day = day.plusDays(1);
            at = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
        }
        return at;
    }

    void read(Authority a, PreExportNotification n, Case k, Campaign campaign) {
        k.readAt = run.clock().instant();
        for (Flag f : a.screening.screen(n, k.submittedAt, 0).flags()) {
            run.addFlag(k, f, a);
        }
        a.screening.knowledge().record(n);
        replies.computeIfAbsent(a.code, x -> new int[3])[0]++;
        if (n.channel() == NotificationChannel.VOLUNTARY || k.state == NotificationState.STOPPED) {
            return;
        }
        if (run.caseStream(k, "reply").nextDouble() >= a.replyProbability) {
            return; // this authority does not answer this one
        }
        if (k.score < a.behaviour.clearBelow()) {
            decide(a, n, k, Decision.NO_OBJECTION, "automatic", campaign);
        } else if (k.score >= a.behaviour.objectAbove()) {
            decide(a, n, k, Decision.OBJECTION, "automatic", campaign);
        } else {
            a.officerQueue.add(new Authority.Review(k, n, campaign));
            scheduleOfficers(a);
        }
    }

    private void scheduleOfficers(Authority a) {
        if (a.officersScheduled) {
            return;
        }
        a.officersScheduled = true;
        LocalDate day = LocalDate.ofInstant(run.clock().instant(), ZoneOffset.UTC).plusDays(1);
        while (!a.profile.calendar().isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        run.agenda().at(day.atTime(9, 0).toInstant(ZoneOffset.UTC), () -> officersWork(a));
    }

    private void officersWork(Authority a) {
        a.officersScheduled = false;
        int capacity = a.behaviour.officerCapacityPerDay();
        for (int i = 0; i < capacity && !a.officerQueue.isEmpty(); i++) {
            Authority.Review r = a.officerQueue.poll();
            java.util.SplittableRandom review = run.caseStream(r.kase(), "review");
            double hours = a.behaviour.reviewDelayHours() * Math.exp(a.behaviour.reviewDelaySigma()
                    * TradeDocuments.gaussian(review));
            Decision d = r.kase().score >= run.threshold(a)
                    ? (review.nextDouble() < objectWhenFlagged ? Decision.OBJECTION : Decision.NO_OBJECTION)
                    : (review.nextDouble() < objectWhenNotFlagged ? Decision.OBJECTION : Decision.NO_OBJECTION);
            run.agenda().at(run.clock().instant().plusSeconds((long) (hours * 3600)), () -> decide(a, r.notification(), r.kase(), d,
                    "officer", r.campaign()));
        }
        if (!a.officerQueue.isEmpty()) {
            scheduleOfficers(a);
        }
    }

    /** A reply as the events list labels it: {@code REPLY(OBJECTION) by officer}. */
    private record Reply(Decision decision, String by) {
        @Override
        public String toString() {
            return "REPLY(" + decision + ") by " + by;
        }
    }

    private void decide(Authority a, PreExportNotification n, Case k, Decision d, String by, Campaign campaign) {
        NotificationState next = LifecycleTransitions.next(k.state, Trigger.reply(d), NotificationChannel.FULL,
                AuthorityRole.IMPORTING);
        if (next == null) {
            return; // withdrawn, stopped or already shipped meanwhile
        }
        k.events.add(new Case.Event(run.clock().instant(), new Reply(d, by), k.state, next));
        k.state = next;
        k.decision = d.name();
        k.decidedAt = run.clock().instant();
        k.decidedBy = by;
        int[] counts = replies.computeIfAbsent(a.code, x -> new int[3]);
        counts[1]++;
        if (d == Decision.OBJECTION) {
            counts[2]++;
            global.recordRefusal(n);
            // The exporting authority does not authorise an export the importing country objected to.
            exporting.refuse(k, campaign, "exporting authority", "objection by " + a.code);
        } else if (k.held && !run.clock().instant().isBefore(k.dispatchDate.atTime(8, 0).toInstant(ZoneOffset.UTC))) {
            // A held shipment leaves once the reply it waited for arrives.
            exporting.ship(NotificationChannel.FULL, k, campaign);
        }
    }
}
