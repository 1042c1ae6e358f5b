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
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.incident.Incident;
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
            List<String> countries, List<String> neverReplying) {
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
    private ImportingDesks importingDesks;
    private ExportDocuments documents;
    private ExportingDesks exportingDesks;
    private int overdue;
    private int shippedSoFar;

    // Numbers of the model, read once.

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
    }

    public Result run() {
        world = new World(scenario, model, streams, new SimulationServices(clock, catalogue, policy));
        if (signatures != null) {
            signatures.enrol(world.authorities.keySet());
        }
        seizures = new Seizures(this, model);
        documents = new ExportDocuments(world, clock, model);
        exportingDesks = new ExportingDesks(this, model, world, seizures);
        importingDesks = new ImportingDesks(this, model, global, replies, exportingDesks);
        new LicitTrade(scenario, model, world, agenda, streams, this::submitLicit).draw(0);
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
                model, until, List.copyOf(world.authorities.keySet()), world.neverReplying);
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
    public ModelParameters parameters() {
        return model;
    }

    @Override
    public List<String> exportingCountries() {
        return world.exporters;
    }

    @Override
    public List<String> seldomReplying(int n, SplittableRandom random) {
        return world.bySilence(n, random);
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
        if (!documents.filed(d.substance(), d.exporter().country(), d.importer().country())) {
            // Nothing obliges a notification (a non-scheduled substitute from a country not using the voluntary
            // channel): the goods leave as ordinary trade.
            unnotified(campaign, d.exporter(), d.importer(), d.substance(), d.kg(), "SHIP (no notification required)");
            return;
        }
        submit(documents.notification(d, false), campaign.method().id(), campaign, d.forged(), d.importer());
    }

    @Override
    public void shipUndeclared(Campaign campaign, Operator exporter, Operator importer, Substance s, double kg) {
        unnotified(campaign, exporter, importer, s, kg, "SHIP (undeclared)");
    }

    // ------------------------------------------------------------------------------------------ licit trade

    private void submitLicit(Operator exporter, Operator importer, String substanceId, double kg) {
        Substance s = catalogue.byId(substanceId).orElseThrow();
        if (!documents.filed(s, exporter.country(), importer.country())) {
            return;
        }
        submit(documents.notification(Draft.plain(exporter, importer, s, kg, org.pensim.protocol.notification.TransportMode.SEA),
                true), "licit", null, false, null);
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
        if (!c.active() || !clock.instant().isBefore(end)) {
            return; // given up, done, or the scenario is over (the drain only follows what is under way)
        }
        Instant allowed = c.notBefore(clock.instant());
        if (allowed.isAfter(clock.instant())) {
            if (allowed.isBefore(end)) {
                agenda.at(allowed, () -> attempt(c));
            }
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
        String id = documents.undeclaredId();
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
        exportingDesks.scheduleArrival(k, null, c);
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
            exportingDesks.refuse(k, campaign, "registry", "forged signature: " + reason);
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
        exportingDesks.registryFlagged(k, n.channel(), globalScore, exporting);
        Future<?> verified = checked;
        agenda.at(importingDesks.nextInboxCheck(importing, clock.instant()), () -> {
            Signatures.await(verified);
            importingDesks.read(importing, n, k, campaign);
        });
        NotificationChannel channel = n.channel();
        if (n.replyDeadline() != null) {
            agenda.at(n.replyDeadline().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), () -> deadline(channel, k));
        }
        agenda.at(n.expectedDispatchDate().atTime(8, 0).toInstant(ZoneOffset.UTC), () -> exportingDesks.dispatch(channel, k, campaign));
    }

    NotificationState apply(Case k, NotificationChannel channel, NotificationState from, Trigger t, AuthorityRole by) {
        NotificationState next = LifecycleTransitions.next(from, t, channel, by);
        if (next == null) {
            return from;
        }
        k.events.add(new Case.Event(clock.instant(), t, from, next));
        return next;
    }

    /** The importing authority's own threshold, or the scenario's. */
    double threshold(Authority a) {
        return a.behaviour.flagThreshold() != null ? a.behaviour.flagThreshold() : scenario.flagThreshold();
    }

    void addFlag(Case k, Flag f, Authority a) {
        k.flags.add(Case.RaisedFlag.of(f));
        k.score += f.effectiveWeight();
        if (k.firstFlagAt == null && k.score >= threshold(a)) {
            k.firstFlagAt = clock.instant();
        }
    }

    private void deadline(NotificationChannel channel, Case k) {
        NotificationState before = k.state;
        k.state = apply(k, channel, k.state, Trigger.of(EventType.DEADLINE_PASSED), AuthorityRole.OPERATOR);
        if (before != k.state) {
            overdue++;
        }
    }

    // ------------------------------------------------------------------------------------------ for Seizures

    /**
     * A stream for one decision about one case (its reply, its review, a hold, a seizure): drawn from the case's
     * id, so that what happens to one notification does not shift the draws of any other.
     */
    SplittableRandom caseStream(Case k, String purpose) {
        return streams.of(purpose + ":" + k.id);
    }

    void countShipped() {
        shippedSoFar++;
    }

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
