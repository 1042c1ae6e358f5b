package org.pensim.simulations.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;
import org.pensim.protocol.catalogue.ControlList;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.lifecycle.LifecycleTransitions;
import org.pensim.protocol.lifecycle.NotificationState;
import org.pensim.protocol.lifecycle.Trigger;
import org.pensim.protocol.notification.NotificationChannel;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.ScreeningPolicy;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.protocol.screening.global.GlobalStateStore;
import org.pensim.simulations.diversion.Campaign;
import org.pensim.simulations.diversion.DiversionLibrary;
import org.pensim.simulations.diversion.DiversionWorld;
import org.pensim.simulations.diversion.Outcome;
import org.pensim.simulations.diversion.ShellNames;
import org.pensim.simulations.measure.Case;
import org.pensim.simulations.scenario.ModelParameters;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.trade.Operator;
import org.pensim.simulations.trade.TradeDocuments;

/**
 * One replication of a scenario: a discrete-event simulation on a virtual clock that runs licit trade,
 * background incidents and adaptive diversion campaigns through the real protocol code (documents,
 * signatures, the lifecycle table, national and global screening). Importing authorities reply or stay
 * silent; exporting authorities stop, hold or let shipments go by their rules. Deterministic for a seed.
 */
public final class SimulationRun implements DiversionWorld {

    /** How to run. {@code crypto=false} models signatures and document validation instead of computing them. */
    public record Options(long seed, boolean crypto, DoubleConsumer progress) {
    }

    /**
     * What a run produced.
     *
     * @param workload      per day: officers' queue, overdue replies, shipments so far
     * @param replies       per importing country: notifications read, replies, objections
     * @param incidents     every incident shared in the run (background, seizures, stopped shipments)
     * @param adaptations   per campaign, its changes of course
     * @param observedUntil when observation ended (time-to-flag is censored there)
     */
    public record Result(Scenario scenario, long seed, List<Case> cases, TreeMap<LocalDate, int[]> workload,
            Map<String, int[]> replies, long events, List<Incident> incidents,
            Map<String, List<Campaign.Adaptation>> adaptations, ModelParameters parameters, Instant observedUntil,
            List<String> countries) {
    }

    /** Shipments still in flight when the scenario ends are followed this much longer. */
    static final Duration DRAIN = Duration.ofDays(120);

    private final Scenario scenario;
    private final Options options;
    private final ModelParameters model;
    private final VirtualClock clock;
    private final EventQueue agenda;
    private final Streams streams;
    private final SubstanceCatalogue catalogue = SubstanceCatalogue.standard();
    private final ScreeningPolicy policy;
    private final GlobalScreening global;
    private final List<Case> cases = new ArrayList<>();
    private final TreeMap<LocalDate, int[]> workload = new TreeMap<>();
    private final Map<String, int[]> replies = new TreeMap<>();
    private final List<Incident> incidents = new ArrayList<>();
    private final List<Campaign> campaigns = new ArrayList<>();
    private final ShellNames shellNames = new ShellNames();
    private final Instant start;
    private final Instant end;
    private final Signatures signatures;
    private World world;
    private Seizures seizures;
    private long sequence;
    private int overdue;
    private int shippedSoFar;

    // Numbers of the model, read once.
    private final double objectWhenFlagged;
    private final double objectWhenNotFlagged;
    private final int daysAfterDeadline;
    private final int voluntaryDays;
    private final int silentTargetDays;
    private final int transitDays;
    private final double holdOnGlobalFlag;
    private final int stopHeldAfterDays;

    public SimulationRun(Scenario scenario, Options options) {
        this.scenario = scenario;
        this.options = options;
        this.model = scenario.parameters();
        this.start = scenario.start().atStartOfDay().toInstant(ZoneOffset.UTC);
        this.end = start.plus(Duration.ofDays(scenario.durationDays()));
        this.clock = new VirtualClock(start);
        this.agenda = new EventQueue(clock);
        this.streams = new Streams(options.seed());
        this.policy = model.screeningPolicy();
        this.global = new GlobalScreening(new GlobalStateStore.InMemory(), policy, clock, () -> 0L);
        this.signatures = options.crypto() ? new Signatures(clock) : null;
        this.objectWhenFlagged = model.probability("officers.objectWhenFlagged");
        this.objectWhenNotFlagged = model.probability("officers.objectWhenNotFlagged");
        this.daysAfterDeadline = model.integer("dispatch.daysAfterDeadline");
        this.voluntaryDays = model.integer("dispatch.voluntaryDaysAfterIssue");
        this.silentTargetDays = model.integer("dispatch.silentTargetDaysAfterDeadline");
        this.transitDays = model.integer("shipment.transitDays");
        this.holdOnGlobalFlag = model.probability("interdiction.holdOnGlobalFlag");
        this.stopHeldAfterDays = model.integer("interdiction.stopHeldAfterDays");
    }

    public Result run() {
        world = new World(scenario, model, streams, new SimulationServices(clock, catalogue, policy));
        if (signatures != null) {
            signatures.enrol(world.authorities.keySet());
        }
        seizures = new Seizures(this, model);
        new LicitTrade(scenario, model, world, agenda, streams.of("licit-trade"), this::submitLicit).draw(0);
        new BackgroundIncidents(scenario, model, world, agenda, streams.of("incidents"), shellNames, catalogue,
                this::share).draw(0);
        scheduleCampaigns();
        for (LocalDate d = scenario.start(); d.isBefore(scenario.start().plusDays(scenario.durationDays())); d = d.plusDays(1)) {
            LocalDate day = d;
            agenda.at(day.atTime(23, 59).toInstant(ZoneOffset.UTC), () -> snapshot(day));
        }
        long[] done = {0};
        Instant until = end.plus(DRAIN);
        long events = agenda.runUntil(until, () -> {
            if (++done[0] % 20000 == 0 && options.progress() != null) {
                options.progress().accept(Math.min(1.0, (clock.instant().toEpochMilli() - start.toEpochMilli())
                        / (double) (end.toEpochMilli() - start.toEpochMilli())));
            }
        });
        if (signatures != null) {
            signatures.close();
        }
        if (options.progress() != null) {
            options.progress().accept(1.0);
        }
        cases.sort((a, b) -> {
            int c = a.submittedAt.compareTo(b.submittedAt);
            return c != 0 ? c : a.id.compareTo(b.id);
        });
        Map<String, List<Campaign.Adaptation>> adaptations = new java.util.LinkedHashMap<>();
        campaigns.forEach(c -> adaptations.put(c.name(), c.adaptations()));
        return new Result(scenario, options.seed(), cases, workload, replies, events, List.copyOf(incidents), adaptations,
                model, until, List.copyOf(world.authorities.keySet()));
    }

    private void snapshot(LocalDate day) {
        int queued = 0;
        for (Authority a : world.authorities.values()) {
            queued += a.officerQueue.size();
        }
        workload.put(day, new int[] {queued, overdue, shippedSoFar});
    }

    /** An incident goes to every authority's watch list (PICS): the one list they share. */
    void share(Incident incident) {
        incidents.add(incident);
        world.incidents.add(incident);
    }

    // ------------------------------------------------------------------------------------------ DiversionWorld

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public List<String> exportingCountries() {
        return world.exporters;
    }

    @Override
    public List<String> seldomReplying() {
        return world.bySilence();
    }

    @Override
    public List<String> transitHubs() {
        return world.hubs;
    }

    @Override
    public Substance substance(String id) {
        return catalogue.byId(id).orElseThrow(() -> new IllegalArgumentException("unknown substance " + id));
    }

    @Override
    public Operator licensedOperator(String country, SplittableRandom random) {
        List<Operator> ops = world.operators.get(country);
        if (ops == null) {
            throw new org.pensim.simulations.scenario.ScenarioLoader.ScenarioException(country
                    + " is not one of the run's countries: add it to world.include");
        }
        return ops.get(random.nextInt(ops.size()));
    }

    @Override
    public void notify(Campaign campaign, Draft d) {
        Authority exporting = world.authorities.get(d.exporter().country());
        if (!notificationFiled(d.substance(), exporting, world.authorities.get(d.importer().country()))) {
            // Nothing obliges a notification (a non-scheduled substitute from a country not using the voluntary
            // channel): the goods leave as ordinary trade.
            unnotified(campaign, d.exporter(), d.importer(), d.substance(), d.kg(), "SHIP (no notification required)");
            return;
        }
        PreExportNotification n = notification(d.exporter(), d.importer(), d.consignee(), d.substance(), d.form(), d.kg(),
                d.transit(), d.mode(), d.hsOverride(), d.concentration(), d.dispatchAfterDeadline()
                        ? silentTargetDays : daysAfterDeadline);
        submit(n, campaign.method().id(), campaign, d.forged(), d.importer());
    }

    @Override
    public void shipUndeclared(Campaign campaign, Operator exporter, Operator importer, Substance s, double kg) {
        unnotified(campaign, exporter, importer, s, kg, "SHIP (undeclared)");
    }

    /** Whether the exporting authority files a notification for this substance to this country. */
    private boolean notificationFiled(Substance s, Authority exporting, Authority importing) {
        if (s.list() == ControlList.SURVEILLANCE) {
            return exporting.usesVoluntaryChannel;
        }
        return s.list() == ControlList.TABLE_I || importing.profile.requiresNotification(s);
    }

    // ------------------------------------------------------------------------------------------ licit trade

    private void submitLicit(Operator exporter, Operator importer, String substanceId, double kg) {
        Substance s = catalogue.byId(substanceId).orElseThrow();
        if (!notificationFiled(s, world.authorities.get(exporter.country()), world.authorities.get(importer.country()))) {
            return;
        }
        submit(notification(exporter, importer, null, s, org.pensim.protocol.quantity.SubstanceForm.BASE, kg, List.of(),
                org.pensim.protocol.notification.TransportMode.SEA, null, 100, daysAfterDeadline), "licit", null, false, null);
    }

    // ------------------------------------------------------------------------------------------ diversion

    private void scheduleCampaigns() {
        if (scenario.campaigns() == null) {
            return;
        }
        for (Scenario.CampaignSpec spec : scenario.campaigns()) {
            Campaign c = new Campaign(spec, DiversionLibrary.standard(), Campaign.Rules.of(spec.adaptation(), model),
                    streams.of("campaign:" + spec.name()), shellNames, this, List.copyOf(world.authorities.keySet()));
            campaigns.add(c);
            agenda.at(c.firstAttempt(spec.start().atStartOfDay().toInstant(ZoneOffset.UTC)), () -> attempt(c));
        }
    }

    /** An attempt comes due: the campaign may still be pausing after a seizure, or have given up. */
    private void attempt(Campaign c) {
        if (!c.active()) {
            return;
        }
        Instant allowed = c.notBefore(clock.instant());
        if (allowed.isAfter(clock.instant())) {
            agenda.at(allowed, () -> attempt(c));
            return;
        }
        c.attempt(this);
        if (c.active()) {
            agenda.at(c.next(clock.instant()), () -> attempt(c));
        }
    }

    void observe(Case k, Campaign c, Outcome outcome) {
        if (c != null) {
            c.observe(outcome, clock.instant(), this);
        }
    }

    private void unnotified(Campaign c, Operator exporter, Operator importer, Substance s, double kg, String note) {
        String id = "X-" + (++sequence);
        Case k = new Case(id, c.method().id(), c.name(), exporter.country(), importer.country(), s.id(),
                BigDecimal.valueOf(kg).setScale(3, RoundingMode.HALF_UP), clock.instant(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), false);
        k.importer = importer;
        k.state = NotificationState.SHIPPED;
        k.shippedAt = clock.instant();
        shippedSoFar++;
        k.events.add(new Case.Event(clock.instant(), note));
        cases.add(k);
        seizures.maybeSeize(c, k, importer);
        scheduleArrival(k, null, c);
    }

    // ------------------------------------------------------------------------------------------ documents

    private PreExportNotification notification(Operator exporter, Operator importer, Operator consignee, Substance s,
            org.pensim.protocol.quantity.SubstanceForm form, double kg, List<String> transit,
            org.pensim.protocol.notification.TransportMode mode, String hsOverride, double concentration, int dispatchDays) {
        String digits = Long.toString(++sequence);
        String id = exporter.country() + "-S-" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
        return TradeDocuments.notification(id, exporter, importer, consignee, s, form, kg, transit, mode, hsOverride,
                concentration, world.authorities.get(importer.country()).profile, clock.instant(), dispatchDays, voluntaryDays);
    }

    /** The exporting authority signs and submits; the registry checks, delivers and screens globally. */
    private void submit(PreExportNotification n, String kind, Campaign campaign, boolean forged, Operator importer) {
        Case k = new Case(n.id(), kind, campaign == null ? null : campaign.name(), n.exportingCountry(),
                n.importingCountry(), n.items().get(0).substanceId(), n.items().get(0).netPureKg(), clock.instant(),
                n.expectedDispatchDate(), true);
        k.importer = importer;
        cases.add(k);
        Future<?> checked = null;
        if (forged) {
            String reason = signatures != null ? signatures.forgeryRefusal(n)
                    : "signature check modelled: the signer's certificate is not issued by the registry CA";
            refuse(k, campaign, "registry", "forged signature: " + reason);
            return;
        } else if (signatures != null) {
            checked = signatures.signAndVerify(n);
        }
        k.state = apply(k, n.channel(), NotificationState.SUBMITTED, Trigger.of(EventType.DELIVER), AuthorityRole.OPERATOR);
        Authority importing = world.authorities.get(n.importingCountry());
        double globalScore = 0;
        for (Flag f : global.screen(n, k.submittedAt, 0)) {
            addFlag(k, f, importing);
            globalScore += f.effectiveWeight();
        }
        Authority exporting = world.authorities.get(n.exportingCountry());
        // The registry's flags reach the exporting authority at once; it may hold the goods until a reply.
        if (globalScore >= threshold(exporting) && exporting.exportingRandom.nextDouble() < holdOnGlobalFlag) {
            k.held = true;
            k.events.add(new Case.Event(clock.instant(), "HOLD by exporting authority (registry flags)"));
        }
        Future<?> verified = checked;
        agenda.at(nextInboxCheck(importing, clock.instant()), () -> {
            Signatures.await(verified);
            read(importing, n, k, campaign);
        });
        NotificationChannel channel = n.channel();
        if (n.replyDeadline() != null) {
            agenda.at(n.replyDeadline().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), () -> deadline(channel, k));
        }
        agenda.at(n.expectedDispatchDate().atTime(8, 0).toInstant(ZoneOffset.UTC), () -> dispatch(channel, k, campaign));
    }

    /** The registry or the exporting authority refuses: the goods do not leave, and the adversary learns it. */
    private void refuse(Case k, Campaign campaign, String by, String reason) {
        NotificationState next = LifecycleTransitions.next(k.state, Trigger.of(EventType.STOP), NotificationChannel.FULL,
                AuthorityRole.EXPORTING);
        if (k.state == NotificationState.SUBMITTED && k.flags.isEmpty()) {
            // Refused at the registry's door: flagged then, by the signature check.
            k.firstFlagAt = clock.instant();
            k.flags.add(Case.RaisedFlag.of(new Flag(org.pensim.protocol.screening.IndicatorCode.WATCHLIST_MATCH, k.id, null,
                    "signature", 0, reason, Map.of("check", "signature"), clock.instant(),
                    new org.pensim.protocol.screening.TimeToFlag(Duration.ZERO, Duration.ZERO), null)));
        }
        k.events.add(new Case.Event(clock.instant(), "STOP by " + by + " (" + reason + ")", k.state,
                next == null ? NotificationState.STOPPED : next));
        k.state = NotificationState.STOPPED;
        k.stoppedAt = clock.instant();
        k.stopReason = reason;
        if (campaign != null) {
            seizures.reportStopped(k, campaign);
        }
        observe(k, campaign, Outcome.REFUSED);
    }

    private NotificationState apply(Case k, NotificationChannel channel, NotificationState from, Trigger t, AuthorityRole by) {
        NotificationState next = LifecycleTransitions.next(from, t, channel, by);
        if (next == null) {
            return from;
        }
        k.events.add(new Case.Event(clock.instant(), t, from, next));
        return next;
    }

    /** The importing authority's own threshold, or the scenario's. */
    private double threshold(Authority a) {
        return a.behaviour.flagThreshold() != null ? a.behaviour.flagThreshold() : scenario.flagThreshold();
    }

    private void addFlag(Case k, Flag f, Authority a) {
        k.flags.add(Case.RaisedFlag.of(f));
        k.score += f.effectiveWeight();
        if (k.firstFlagAt == null && k.score >= threshold(a)) {
            k.firstFlagAt = clock.instant();
        }
    }

    // ------------------------------------------------------------------------------------------ importing authority

    /** The authority reads its inbox every few hours of its working days. */
    private Instant nextInboxCheck(Authority a, Instant t) {
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

    private void read(Authority a, PreExportNotification n, Case k, Campaign campaign) {
        k.readAt = clock.instant();
        for (Flag f : a.screening.screen(n, k.submittedAt, 0).flags()) {
            addFlag(k, f, a);
        }
        a.screening.knowledge().record(n);
        replies.computeIfAbsent(a.code, x -> new int[3])[0]++;
        if (n.channel() == NotificationChannel.VOLUNTARY || k.state == NotificationState.STOPPED) {
            return;
        }
        if (a.random.nextDouble() >= a.replyProbability) {
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
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        while (!a.profile.calendar().isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        agenda.at(day.atTime(9, 0).toInstant(ZoneOffset.UTC), () -> officersWork(a));
    }

    private void officersWork(Authority a) {
        a.officersScheduled = false;
        int capacity = a.behaviour.officerCapacityPerDay();
        for (int i = 0; i < capacity && !a.officerQueue.isEmpty(); i++) {
            Authority.Review r = a.officerQueue.poll();
            double hours = a.behaviour.reviewDelayHours() * Math.exp(a.behaviour.reviewDelaySigma()
                    * TradeDocuments.gaussian(a.random));
            Decision d = r.kase().score >= threshold(a)
                    ? (a.random.nextDouble() < objectWhenFlagged ? Decision.OBJECTION : Decision.NO_OBJECTION)
                    : (a.random.nextDouble() < objectWhenNotFlagged ? Decision.OBJECTION : Decision.NO_OBJECTION);
            agenda.at(clock.instant().plusSeconds((long) (hours * 3600)), () -> decide(a, r.notification(), r.kase(), d,
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
        k.events.add(new Case.Event(clock.instant(), new Reply(d, by), k.state, next));
        k.state = next;
        k.decision = d.name();
        k.decidedAt = clock.instant();
        k.decidedBy = by;
        int[] counts = replies.computeIfAbsent(a.code, x -> new int[3]);
        counts[1]++;
        if (d == Decision.OBJECTION) {
            counts[2]++;
            global.recordRefusal(n);
            // The exporting authority does not authorise an export the importing country objected to.
            refuse(k, campaign, "exporting authority", "objection by " + a.code);
        } else if (k.held && !clock.instant().isBefore(k.dispatchDate.atTime(8, 0).toInstant(ZoneOffset.UTC))) {
            // A held shipment leaves once the reply it waited for arrives.
            ship(NotificationChannel.FULL, k, campaign);
        }
    }

    private void deadline(NotificationChannel channel, Case k) {
        NotificationState before = k.state;
        k.state = apply(k, channel, k.state, Trigger.of(EventType.DEADLINE_PASSED), AuthorityRole.OPERATOR);
        if (before != k.state) {
            overdue++;
        }
    }

    // ------------------------------------------------------------------------------------------ exporting authority

    /**
     * The dispatch date: the goods leave after a no-objection, or on silence unless the exporting authority
     * holds (its country's rule on silence, or a registry flag); a held shipment with no reply is refused.
     */
    private void dispatch(NotificationChannel channel, Case k, Campaign campaign) {
        if (k.state == NotificationState.STOPPED || k.state == NotificationState.SHIPPED) {
            return;
        }
        Authority exporting = world.authorities.get(k.exportingCountry);
        boolean silent = k.state == NotificationState.DELIVERED || k.state == NotificationState.NO_REPLY;
        if (silent && channel == NotificationChannel.FULL && (k.held || exporting.holdsOnSilence)) {
            if (!k.held) {
                k.held = true;
                k.events.add(new Case.Event(clock.instant(), "HOLD by exporting authority (no reply)"));
            }
            agenda.at(clock.instant().plus(Duration.ofDays(stopHeldAfterDays)), () -> {
                if (k.state == NotificationState.SHIPPED || k.state == NotificationState.STOPPED) {
                    return;
                }
                // Still no reply: a flagged shipment is refused, an unflagged one let go.
                if (k.detected()) {
                    refuse(k, campaign, "exporting authority", "flagged and no reply within " + stopHeldAfterDays
                            + " days of the dispatch date");
                } else {
                    k.events.add(new Case.Event(clock.instant(), "RELEASE by exporting authority (no reply, not flagged)"));
                    ship(channel, k, campaign);
                }
            });
            return;
        }
        ship(channel, k, campaign);
    }

    private void ship(NotificationChannel channel, Case k, Campaign campaign) {
        NotificationState next = apply(k, channel, k.state, Trigger.of(EventType.SHIP), AuthorityRole.EXPORTING);
        if (next != NotificationState.SHIPPED || k.state == NotificationState.SHIPPED) {
            return;
        }
        k.state = next;
        k.shippedAt = clock.instant();
        shippedSoFar++;
        if (campaign != null) {
            seizures.maybeSeize(campaign, k, null);
        }
        scheduleArrival(k, channel, campaign);
    }

    private void scheduleArrival(Case k, NotificationChannel channel, Campaign campaign) {
        agenda.at(clock.instant().plus(Duration.ofDays(transitDays)), () -> {
            if (k.seizedAt != null) {
                return;
            }
            k.receivedAt = clock.instant();
            if (channel != null) {
                k.state = apply(k, channel, k.state, Trigger.of(EventType.RECEIVE), AuthorityRole.IMPORTING);
            }
            observe(k, campaign, Outcome.DELIVERED);
        });
    }

    // ------------------------------------------------------------------------------------------ for Seizures

    EventQueue agenda() {
        return agenda;
    }

    VirtualClock clock() {
        return clock;
    }

    Streams streams() {
        return streams;
    }
}
