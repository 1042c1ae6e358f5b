package org.pensim.simulations.exercise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pensim.exporter.ExporterNode;
import org.pensim.exporter.outbox.Outbox;
import org.pensim.importer.ImporterNode;
import org.pensim.importer.storage.ImporterStore;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.IncidentType;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.protocol.screening.national.LicensedOperator;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.registry.RegistryMember;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.cluster.LocalCluster;
import org.pensim.registry.config.RegistryConfig;
import org.pensim.simulations.exercise.ExercisePlan.InjectSpec;
import org.pensim.simulations.exercise.ExercisePlan.ParticipantRole;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;
import org.pensim.simulations.trade.Operator;
import org.pensim.simulations.trade.TradeDocuments;

/**
 * A live exercise in one process: a registry member and both nodes of every country on exercise time,
 * licit background trade, injects fired on schedule or by the trainer, and an observer that records
 * what each inject became (screened, flagged, decided, deadline missed) for the scoreboard.
 */
public final class Exercise implements AutoCloseable {

    /** A participant and the sign-in code the trainer hands out. */
    public record Participant(String name, String country, ParticipantRole role, String code) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Exercise.class);
    private static final double NEVER = 1e9;

    private final ExercisePlan plan;
    private final ExerciseClock clock;
    private final ExerciseRecording recording;
    private final Path out;
    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final List<Participant> participants = new ArrayList<>();
    private DeskAccounts deskAccounts;
    private EventsList eventsList;
    private final Map<String, Integer> notificationNumbers = new HashMap<>();
    private final Map<String, ExporterNode> exporters = new LinkedHashMap<>();
    private final Map<String, ImporterNode> importers = new LinkedHashMap<>();
    private final Map<String, AuthorityCredentials> partners = new LinkedHashMap<>();
    private final Map<String, List<Operator>> operators = new LinkedHashMap<>();
    private final Map<String, FiredInject> fired = new ConcurrentHashMap<>();
    private final List<BackgroundTrade.Planned> background;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final SubstanceCatalogue catalogue = SubstanceCatalogue.standard();
    private final CountryProfiles profiles = CountryProfiles.standard();
    private RegistryMember registry;
    private RegistryClient operatorClient;
    private int backgroundNext;
    private long timer = -1;

    /** What the observer knows of a fired inject. */
    static final class FiredInject {
        final InjectSpec spec;
        final String notificationId;
        final LocalDate replyDeadline;
        boolean screened;
        String lastState;
        boolean deadlineRecorded;
        boolean requestSent;
        boolean answered;

        FiredInject(InjectSpec spec, String notificationId, LocalDate replyDeadline) {
            this.spec = spec;
            this.notificationId = notificationId;
            this.replyDeadline = replyDeadline;
        }
    }

    private Exercise(ExercisePlan plan, Path out, Clock wall) throws Exception {
        this.plan = plan;
        this.out = out;
        this.clock = new ExerciseClock(wall, plan.start(), plan.speed());
        this.clock.pause(); // time starts when everything is up
        this.vertx = Vertx.vertx();
        this.worker = vertx.createSharedWorkerExecutor("pensim-exercise", 2);
        this.recording = ExerciseRecording.create(out.resolve("recording.jsonl"), wall, clock);
        this.eventsList = EventsList.of(plan, List.of());
        this.background = BackgroundTrade.plan(plan, catalogue);
    }

    /** Starts everything and lets exercise time run. */
    public static Exercise start(ExercisePlan plan, Path out, Clock wall) throws Exception {
        if (Files.exists(out.resolve("recording.jsonl"))) {
            // The registry and nodes would wake up with the last run's notifications and outboxes.
            throw new IllegalArgumentException(out + " already holds a recorded exercise; choose a new output directory");
        }
        Files.createDirectories(out);
        Exercise e = new Exercise(plan, out, wall);
        try {
            e.startWorld();
        } catch (Exception failure) {
            e.close();
            throw failure;
        }
        return e;
    }

    private void startWorld() throws Exception {
        // A request signed "now" must still be fresh when it arrives, in simulated seconds: one simulated day.
        RegistryConfig base = LocalCluster.configs("pensim-exercise-" + plan.name() + "-" + System.nanoTime(), 1, null,
                out.resolve("registry/ca"), "jdbc:h2:file:" + out.toAbsolutePath().resolve("registry/db"), "sa", "", 2).get(0);
        RegistryConfig.Http h = base.http();
        RegistryConfig config = base.withHttp(new RegistryConfig.Http(h.host(), h.port(), h.maxBodyBytes(), 86_400,
                h.inboxPageLimit(), h.workerPoolSize()));
        registry = LocalCluster.start(List.of(config), clock).get(0);
        operatorClient = new RegistryClient(vertx, "127.0.0.1", registry.httpPort(), registry.operator(), clock);
        SecureRandom random = new SecureRandom();
        for (var p : plan.participants()) {
            participants.add(new Participant(p.name(), p.country(), p.role(), signInCode(random)));
        }
        deskAccounts = new DeskAccounts(participants, random);
        int perCountry = Math.max(1, plan.background().operatorsPerCountry());
        for (var c : plan.countries()) {
            List<Operator> ops = new ArrayList<>();
            for (int i = 0; i < perCountry; i++) {
                ops.add(new Operator(Operator.name(c.code(), i), c.code(), i % 3 == 0 ? BusinessType.PHARMACEUTICAL_MANUFACTURER
                        : BusinessType.MANUFACTURER, c.code() + "-LIC-" + i, false));
            }
            operators.put(c.code(), ops);
        }
        for (var c : plan.countries()) {
            String cc = c.code();
            AuthorityCredentials exporting = await(operatorClient.enrolNewKey(cc, AuthorityRole.EXPORTING));
            AuthorityCredentials importing = await(operatorClient.enrolNewKey(cc, AuthorityRole.IMPORTING));
            exporters.put(cc, ExporterNode.start(vertx, new ExporterNode.Settings(cc, exporting, "127.0.0.1",
                    registry.httpPort(), h2("nodes/" + cc + "-exporter"), 200, 5000, 0, deskAccounts.forCountry(cc)), clock));
            double clearBelow = c.clearBelow() != null ? c.clearBelow() : plan.played(cc) ? 0.3 : plan.flagThreshold();
            double objectAbove = c.objectAbove() != null ? c.objectAbove() : plan.played(cc) ? NEVER : clearBelow;
            List<LicensedOperator> register = operators.get(cc).stream().map(o -> new LicensedOperator(o.name(), cc,
                    List.of(new Identifier("REG", o.registration())), LocalDate.ofInstant(plan.start(), ZoneOffset.UTC)
                            .plusYears(5), Set.of())).toList();
            importers.put(cc, ImporterNode.start(vertx, new ImporterNode.Settings(cc, importing,
                    registry.certificateAuthority().certificate(), "127.0.0.1", registry.httpPort(),
                    h2("nodes/" + cc + "-importer"), clearBelow, objectAbove, register,
                    Set.of("AF", "MM", "LA", "SY", "YE"), 0, deskAccounts.forCountry(cc)), clock));
        }
        rememberPriorTrade();
        for (InjectSpec j : plan.injects()) {
            enrolPartnerOf(j);
        }
        ObjectNode started = ProtocolJson.mapper().createObjectNode();
        started.set("plan", ProtocolJson.mapper().valueToTree(plan));
        ArrayNode who = started.putArray("participants");
        participants.forEach(p -> who.addObject().put("name", p.name()).put("country", p.country()).put("role", p.role().name()));
        recording.append(Kind.STARTED, started);
        clock.resume();
        record(Kind.CLOCK, clockState("start"));
        timer = vertx.setPeriodic(250, t -> tick());
        LOG.info("exercise {} started: registry on port {}, {} countries", plan.name(), registry.httpPort(), plan.countries().size());
    }

    private String h2(String name) {
        return "jdbc:h2:file:" + out.toAbsolutePath().resolve(name) + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static String signInCode(SecureRandom random) {
        // No 0/O or 1/I: codes are read aloud and typed.
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------ the trainer

    public ExercisePlan plan() {
        return plan;
    }

    public ExerciseClock clock() {
        return clock;
    }

    public ExerciseRecording recording() {
        return recording;
    }

    public List<Participant> participants() {
        return List.copyOf(participants);
    }

    /** The user name a participant has on the nodes' desks. */
    String deskUsername(Participant p) {
        return deskAccounts.username(p);
    }

    public Participant participantWithCode(String code) {
        return participants.stream().filter(p -> p.code().equalsIgnoreCase(code == null ? "" : code.trim())).findFirst()
                .orElse(null);
    }

    public int exporterPort(String country) {
        ExporterNode n = exporters.get(country);
        return n == null ? -1 : n.httpPort();
    }

    public int importerPort(String country) {
        ImporterNode n = importers.get(country);
        return n == null ? -1 : n.httpPort();
    }

    /** The importing node of an exercise country, for tests that look behind the desks. */
    ImporterNode importer(String country) {
        return importers.get(country);
    }

    public boolean ended() {
        return ended.get();
    }

    public Path out() {
        return out;
    }

    public synchronized void pause(String by) {
        requireRunning();
        clock.pause();
        record(Kind.CLOCK, clockState(by));
    }

    public synchronized void resume(String by) {
        requireRunning();
        clock.resume();
        record(Kind.CLOCK, clockState(by));
    }

    public synchronized void setMinutesPerDay(double minutes, String by) {
        requireRunning();
        if (!(minutes >= 0.1 && minutes <= 1440)) {
            throw new IllegalArgumentException("minutes per simulated day must be 0.1 to 1440, was " + minutes);
        }
        clock.setSpeed(ExerciseClock.speedForMinutesPerDay(minutes));
        record(Kind.CLOCK, clockState(by));
    }

    private ObjectNode clockState(String by) {
        return ProtocolJson.mapper().createObjectNode().put("paused", clock.paused()).put("speed", clock.speed())
                .put("minutesPerDay", 1440 / clock.speed()).put("by", by);
    }

    /** Which injects have fired, with their notification ids. */
    public Map<String, String> firedInjects() {
        Map<String, String> m = new LinkedHashMap<>();
        fired.forEach((k, v) -> m.put(k, v.notificationId == null ? "" : v.notificationId));
        return m;
    }

    /** The inject a notification id belongs to, if any. */
    public String injectOf(String notificationOrIncidentId) {
        for (FiredInject f : fired.values()) {
            if (notificationOrIncidentId.equals(f.notificationId)) {
                return f.spec.id();
            }
        }
        return null;
    }

    /** Fires an inject now; {@code by} is the trainer's name or "schedule". */
    public synchronized String fire(String injectId, String by) {
        requireRunning();
        InjectSpec spec = eventsList.find(injectId);
        if (spec == null) {
            throw new IllegalArgumentException("no inject '" + injectId + "' in exercise " + plan.name());
        }
        if (eventsList.cancelled(injectId)) {
            throw new IllegalStateException("inject '" + injectId + "' is cancelled");
        }
        if (fired.containsKey(injectId)) {
            throw new IllegalStateException("inject '" + injectId + "' has already fired");
        }
        Instant now = clock.instant();
        FiredInject f = switch (spec.kind()) {
            case SHIPMENT, INFORMATION_REQUEST -> shipment(spec, now);
            case INCIDENT -> incident(spec, now);
        };
        fired.put(injectId, f);
        recording.append(Kind.INJECT_FIRED, ProtocolJson.mapper().createObjectNode().put("inject", injectId)
                .put("kind", spec.kind().name()).put("notificationId", f.notificationId).put("by", by)
                .put("replyDeadline", f.replyDeadline == null ? null : f.replyDeadline.toString()));
        return f.notificationId;
    }

    private FiredInject shipment(InjectSpec spec, Instant now) {
        Substance s = catalogue.byId(spec.substance()).orElseThrow();
        Operator exporter = operators.get(spec.from()).get(0);
        Operator importer;
        if (spec.importer() != null) {
            importer = new Operator(spec.importer(), spec.to(), BusinessType.TRADING_COMPANY, null, false);
        } else if (operators.containsKey(spec.to())) {
            importer = operators.get(spec.to()).get(operators.get(spec.to()).size() - 1);
        } else {
            importer = new Operator(Operator.name(spec.to(), 0), spec.to(), BusinessType.MANUFACTURER, spec.to() + "-LIC-0", false);
        }
        String id = nextNotificationId(spec.from());
        PreExportNotification n = TradeDocuments.notification(id, exporter, importer, null, s, SubstanceForm.BASE,
                spec.quantityKg(), spec.transit() == null ? List.of() : spec.transit(), TransportMode.SEA, null, 99,
                exerciseProfile(spec.to()), now, false);
        var problems = exporters.get(spec.from()).submit(ProtocolJson.tree(n));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("inject '" + spec.id() + "' makes an invalid notification: " + problems);
        }
        return new FiredInject(spec, id, n.replyDeadline());
    }

    private FiredInject incident(InjectSpec spec, Instant now) {
        AuthorityCredentials reporter = partners.containsKey(spec.from()) ? partners.get(spec.from())
                : importers.get(spec.from()).settingsCredentials();
        String id = spec.from() + "-INC-" + spec.id();
        Incident incident = new Incident(id, IncidentType.SEIZURE, spec.from(), now.truncatedTo(ChronoUnit.SECONDS),
                LocalDate.ofInstant(now, ZoneOffset.UTC), spec.substance(), null, null,
                List.of(new InvolvedEntity(spec.entity(), "consignee", new Address("unknown", "unknown", null, spec.to(), null),
                        List.of())),
                spec.description() == null ? "seizure naming " + spec.entity() : spec.description());
        importers.get(spec.to()).receiveIncident(new DocumentSigner(reporter).sign(DocumentType.INCIDENT, incident));
        return new FiredInject(spec, id, null);
    }

    /** Ends the exercise: time stops, the recording is closed and the debrief written. */
    public synchronized Scoreboard end(String by) throws java.io.IOException {
        if (ended.compareAndSet(false, true)) {
            clock.pause();
            observe();
            recording.append(Kind.ENDED, ProtocolJson.mapper().createObjectNode().put("by", by));
            Debrief.write(plan, recording.events(), out);
        }
        return scoreboard();
    }

    public Scoreboard scoreboard() {
        return Scoreboard.of(plan, recording.events());
    }

    private void requireRunning() {
        if (ended.get()) {
            throw new IllegalStateException("the exercise has ended");
        }
    }

    void record(Kind kind, ObjectNode data) {
        synchronized (this) {
            eventsList.apply(recording.append(kind, data));
        }
    }

    /** A partner authority outside the exercise that an inject plays (it asks, or shares an incident) gets a key. */
    private void enrolPartnerOf(InjectSpec j) throws Exception {
        String partner = switch (j.kind()) {
            case INFORMATION_REQUEST -> j.to();
            case INCIDENT -> importers.containsKey(j.from()) ? null : j.from();
            default -> null;
        };
        if (partner != null && !partners.containsKey(partner)) {
            partners.put(partner, await(operatorClient.enrolNewKey(partner, AuthorityRole.IMPORTING)));
        }
    }

    /** The events list as it stands: the plan's injects as the trainer has changed them. */
    public synchronized EventsList eventsList() {
        return eventsList;
    }

    /** Adds an inject during play, checked as the plan's are; returns the problems instead when it is not right. */
    public synchronized List<String> addInject(InjectSpec spec, String by) throws Exception {
        requireRunning();
        if (spec.id() != null && eventsList.find(spec.id()) != null) {
            return List.of("inject id '" + spec.id() + "' is already on the events list");
        }
        List<InjectSpec> with = new ArrayList<>(eventsList.all());
        with.add(spec);
        String at = "injects[" + (with.size() - 1) + "]";
        List<String> problems = ExercisePlanLoader.check(plan.withInjects(with)).stream().filter(p -> p.startsWith(at))
                .map(p -> "inject" + p.substring(at.length())).toList();
        if (!problems.isEmpty()) {
            return problems;
        }
        enrolPartnerOf(spec);
        record(Kind.INJECT_ADDED, EventsList.addedEvent(spec, by));
        return List.of();
    }

    /** Moves an inject that has not fired to another exercise day. */
    public synchronized void moveInject(String id, double atDay, String by) {
        requireRunning();
        requireUnfired(id);
        if (atDay < 0 || atDay > plan.durationDays()) {
            throw new IllegalArgumentException("atDay must fall within the exercise: 0 to " + plan.durationDays());
        }
        record(Kind.INJECT_MOVED, EventsList.movedEvent(id, atDay, by));
    }

    /** Cancels an inject that has not fired. */
    public synchronized void cancelInject(String id, String by) {
        requireRunning();
        requireUnfired(id);
        record(Kind.INJECT_CANCELLED, EventsList.cancelledEvent(id, by));
    }

    /** An evaluator's note, recorded at the exercise clock, about the exercise or one inject. */
    public void note(String text, String inject, String by) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a note needs some text");
        }
        if (inject != null && eventsList().find(inject) == null) {
            throw new IllegalArgumentException("no inject '" + inject + "' on the events list");
        }
        record(Kind.NOTE, ProtocolJson.mapper().createObjectNode().put("text", text.strip()).put("inject", inject).put("by", by));
    }

    private void requireUnfired(String id) {
        if (eventsList.find(id) == null) {
            throw new IllegalArgumentException("no inject '" + id + "' on the events list");
        }
        if (fired.containsKey(id)) {
            throw new IllegalStateException("inject '" + id + "' has already fired");
        }
        if (eventsList.cancelled(id)) {
            throw new IllegalStateException("inject '" + id + "' is cancelled");
        }
    }

    // ------------------------------------------------------------------------------------ time passing

    private void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        worker.executeBlocking(() -> {
            if (!ended.get()) {
                step();
            }
            return null;
        }, false).onComplete(r -> {
            ticking.set(false);
            if (r.failed()) {
                LOG.warn("exercise step failed: {}", r.cause().toString(), r.cause());
            }
        });
    }

    private synchronized void step() throws Exception {
        Instant now = clock.instant();
        for (InjectSpec j : eventsList.all()) {
            if (j.atDay() != null && !fired.containsKey(j.id()) && !eventsList.cancelled(j.id())
                    && !now.isBefore(plan.start().plusSeconds((long) (j.atDay() * 86400)))) {
                try {
                    fire(j.id(), "schedule");
                } catch (RuntimeException e) {
                    LOG.warn("inject {} could not fire: {}", j.id(), e.getMessage());
                    fired.put(j.id(), new FiredInject(j, null, null));
                }
            }
        }
        for (int sent = 0; backgroundNext < background.size() && sent < 20
                && !background.get(backgroundNext).at().isAfter(now); sent++) {
            submitBackground(background.get(backgroundNext++));
        }
        observe();
        if (!now.isBefore(plan.start().plus(Duration.ofDays(plan.durationDays())))) {
            end("schedule");
        }
    }

    /**
     * The next number of an exporting country's notifications: background trade and injects share one
     * sequence, so that an inject's id does not give it away.
     */
    private synchronized String nextNotificationId(String exporting) {
        int n = notificationNumbers.merge(exporting, 1, Integer::sum);
        return exporting + "-" + LocalDate.ofInstant(plan.start(), ZoneOffset.UTC).getYear() + "-" + String.format("%05d", n);
    }

    /** The importing country as the exercise plays it: its reply deadline scaled to the exercise's length. */
    private org.pensim.protocol.country.CountryProfile exerciseProfile(String importing) {
        org.pensim.protocol.country.CountryProfile p = profiles.of(importing);
        return new org.pensim.protocol.country.CountryProfile(p.code(), p.notificationRequested(), p.alrKg(), p.calendar(),
                new org.pensim.protocol.country.ReplyDeadlineRule(plan.replyDeadlineDays(), false), p.illustrative());
    }

    /** The importing authorities' knowledge of their licensed operators' trade before the start (background.priorDays). */
    private void rememberPriorTrade() {
        Map<String, List<PreExportNotification>> byImporter = new LinkedHashMap<>();
        for (BackgroundTrade.Planned p : BackgroundTrade.prior(plan)) {
            byImporter.computeIfAbsent(p.to(), cc -> new ArrayList<>()).add(TradeDocuments.notification(
                    p.from() + "-PRIOR-" + p.number(), operators.get(p.from()).get(p.exporterIndex() % operators.get(p.from()).size()),
                    operators.get(p.to()).get(p.importerIndex() % operators.get(p.to()).size()), null,
                    catalogue.byId(p.substance()).orElseThrow(), SubstanceForm.BASE, p.kg(), List.of(), TransportMode.SEA, null, 99,
                    exerciseProfile(p.to()), p.at(), false));
        }
        byImporter.forEach((cc, list) -> importers.get(cc).rememberPriorTrade(list));
    }

    private void submitBackground(BackgroundTrade.Planned p) {
        Substance s = catalogue.byId(p.substance()).orElseThrow();
        Operator exporter = operators.get(p.from()).get(p.exporterIndex() % operators.get(p.from()).size());
        Operator importer = operators.get(p.to()).get(p.importerIndex() % operators.get(p.to()).size());
        PreExportNotification n = TradeDocuments.notification(nextNotificationId(p.from()), exporter,
                importer, null, s, SubstanceForm.BASE, p.kg(), List.of(), TransportMode.SEA, null, 99, exerciseProfile(p.to()),
                clock.instant(), false);
        var problems = exporters.get(p.from()).submit(ProtocolJson.tree(n));
        if (!problems.isEmpty()) {
            LOG.warn("background notification {} refused by its own exporter: {}", n.id(), problems);
        }
    }

    /** Looks at what each fired inject has become and records what changed. */
    private synchronized void observe() {
        Instant now = clock.instant();
        Map<String, Map<String, ImporterStore.Received>> received = new LinkedHashMap<>();
        for (FiredInject f : fired.values()) {
            if (f.notificationId == null) {
                continue;
            }
            switch (f.spec.kind()) {
                case SHIPMENT -> observeShipment(f, received.computeIfAbsent(f.spec.to(), cc -> byId(importers.get(cc))), now);
                case INFORMATION_REQUEST -> observeRequest(f);
                default -> {
                    // an incident is delivered when it fires
                }
            }
        }
    }

    private static Map<String, ImporterStore.Received> byId(ImporterNode node) {
        Map<String, ImporterStore.Received> m = new java.util.HashMap<>();
        node.store().all().forEach(r -> m.put(r.id(), r));
        return m;
    }

    private void observeShipment(FiredInject f, Map<String, ImporterStore.Received> received, Instant now) {
        ImporterStore.Received r = received.get(f.notificationId);
        if (r != null && !f.screened) {
            f.screened = true;
            ObjectNode d = base(f).put("country", f.spec.to()).put("score", r.score())
                    .put("flagged", r.score() >= plan.flagThreshold());
            ArrayNode flags = d.putArray("flags");
            try {
                ProtocolJson.parse(r.flagsJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .forEach(x -> flags.add(x.path("indicator").asText()));
            } catch (java.io.IOException ignored) {
                // no flags to list
            }
            record(Kind.SCREENED, d);
            if (r.decision() != null) {
                f.lastState = r.state();
                record(Kind.STATE, base(f).put("state", r.state()).put("decision", r.decision()).put("automatic", true));
            }
        } else if (r != null && r.decision() != null && !java.util.Objects.equals(f.lastState, r.state())) {
            f.lastState = r.state();
            record(Kind.STATE, base(f).put("state", r.state()).put("decision", r.decision()).put("automatic", false));
        }
        boolean decided = r != null && r.decision() != null && !"INFO_REQUESTED".equals(r.decision());
        if (!decided && !f.deadlineRecorded && f.replyDeadline != null
                && !now.isBefore(f.replyDeadline.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))) {
            f.deadlineRecorded = true;
            record(Kind.DEADLINE_MISSED, base(f).put("replyDeadline", f.replyDeadline.toString()));
        }
    }

    private void observeRequest(FiredInject f) {
        Outbox.Entry e = exporters.get(f.spec.from()).outbox().all().stream().filter(x -> x.id().equals(f.notificationId))
                .findFirst().orElse(null);
        if (e == null || !"ACKNOWLEDGED".equals(e.status())) {
            return;
        }
        DocumentSigner partner = new DocumentSigner(partners.get(f.spec.to()));
        RegistryClient client = new RegistryClient(vertx, "127.0.0.1", registry.httpPort(), partners.get(f.spec.to()), clock);
        try {
            if (!f.requestSent) {
                LifecycleEvent request = LifecycleEvent.reply(f.spec.to() + "-Q-" + f.notificationId, f.notificationId,
                        clock.instant().truncatedTo(ChronoUnit.SECONDS), f.spec.to(), Decision.INFO_REQUESTED,
                        List.of(f.spec.description() == null ? "please send the end-user certificate" : f.spec.description()));
                String state = client.sendEventAndWait(f.notificationId, partner.sign(DocumentType.EVENT, request));
                f.requestSent = true;
                record(Kind.STATE, base(f).put("state", state));
            } else if (!f.answered && answered(f)) {
                f.answered = true;
                record(Kind.STATE, base(f).put("state", "ANSWERED"));
                // The partner is satisfied by the answer and closes the case.
                LifecycleEvent clear = LifecycleEvent.reply(f.spec.to() + "-R-" + f.notificationId, f.notificationId,
                        clock.instant().truncatedTo(ChronoUnit.SECONDS), f.spec.to(), Decision.NO_OBJECTION, List.of());
                record(Kind.STATE, base(f).put("state", client.sendEventAndWait(f.notificationId,
                        partner.sign(DocumentType.EVENT, clear))).put("decision", "NO_OBJECTION").put("automatic", true));
            }
        } finally {
            client.close();
        }
    }

    /**
     * Whether the exporting authority answered the partner's request: its node recorded an answer the registry
     * accepted. Not its state: the state is DELIVERED from the registry's receipt on, before the request arrives.
     */
    private boolean answered(FiredInject f) {
        return exporters.get(f.spec.from()).outbox().actions().of(f.notificationId).stream()
                .anyMatch(a -> "ANSWER".equals(a.action()));
    }

    private static ObjectNode base(FiredInject f) {
        return ProtocolJson.mapper().createObjectNode().put("inject", f.spec.id()).put("notificationId", f.notificationId);
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        for (AutoCloseable c : new ArrayList<AutoCloseable>(exporters.values())) {
            closeQuietly(c);
        }
        for (AutoCloseable c : new ArrayList<AutoCloseable>(importers.values())) {
            closeQuietly(c);
        }
        if (operatorClient != null) {
            operatorClient.close();
        }
        if (registry != null) {
            closeQuietly(registry);
        }
        closeQuietly(recording);
        worker.close();
        vertx.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing {}: {}", c, e.toString());
        }
    }
}
