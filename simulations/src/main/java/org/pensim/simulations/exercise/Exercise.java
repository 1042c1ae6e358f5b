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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pensim.exporter.ExporterNode;
import org.pensim.importer.ImporterNode;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.exercise.ExercisePlan.InjectSpec;
import org.pensim.simulations.exercise.ExercisePlan.ParticipantRole;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;

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

    private final ExercisePlan plan;
    private final ExerciseClock clock;
    private final ExerciseRecording recording;
    private final Path out;
    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final List<Participant> participants = new ArrayList<>();
    private DeskAccounts deskAccounts;
    private EventsList eventsList;
    private final InjectFiring fired;
    private final InjectObserver observer;
    private final List<BackgroundTrade.Planned> background;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean debriefed;
    private final SubstanceCatalogue catalogue = SubstanceCatalogue.standard();
    private final ExerciseDocuments documents;
    private final ExerciseNodes nodes;
    private int backgroundNext;
    private long timer = -1;

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
        this.documents = new ExerciseDocuments(plan, catalogue);
        this.nodes = new ExerciseNodes(plan, out, clock, vertx, documents);
        this.fired = new InjectFiring(documents, nodes, recording);
        this.observer = new InjectObserver(plan, clock, vertx, nodes::registryPort, nodes.exporters, nodes.importers,
                nodes.partners, this::record);
    }

    /** Starts everything and lets exercise time run. */
    public static Exercise start(ExercisePlan plan, Path out, Clock wall) throws Exception {
        return start(plan, out, wall, false);
    }

    /** Starts everything; exercise time runs at once, or from the trainer's first Resume when {@code paused}. */
    public static Exercise start(ExercisePlan plan, Path out, Clock wall, boolean paused) throws Exception {
        if (Files.exists(out.resolve("recording.jsonl"))) {
            // The registry and nodes would wake up with the last run's notifications and outboxes.
            throw new IllegalArgumentException(out + " already holds a recorded exercise; choose a new output directory");
        }
        Files.createDirectories(out);
        Exercise e = new Exercise(plan, out, wall);
        try {
            e.startWorld(paused);
        } catch (Exception failure) {
            e.close();
            throw failure;
        }
        return e;
    }

    private void startWorld(boolean paused) throws Exception {
        SecureRandom random = new SecureRandom();
        for (var p : plan.participants()) {
            participants.add(new Participant(p.name(), p.country(), p.role(), DeskAccounts.signInCode(random)));
        }
        deskAccounts = new DeskAccounts(participants, random);
        nodes.start(deskAccounts);
        rememberPriorTrade();
        for (InjectSpec j : plan.injects()) {
            nodes.enrolPartnerOf(j);
        }
        ObjectNode started = ProtocolJson.mapper().createObjectNode();
        started.set("plan", ProtocolJson.mapper().valueToTree(plan));
        ArrayNode who = started.putArray("participants");
        participants.forEach(p -> who.addObject().put("name", p.name()).put("country", p.country()).put("role", p.role().name()));
        recording.append(Kind.STARTED, started);
        if (!paused) {
            clock.resume();
        }
        record(Kind.CLOCK, clockState("start", "start"));
        timer = vertx.setPeriodic(250, t -> tick());
        LOG.info("exercise {} started: registry on port {}, {} countries", plan.name(), nodes.registryPort(), plan.countries().size());
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
        ExporterNode n = nodes.exporters.get(country);
        return n == null ? -1 : n.httpPort();
    }

    public int importerPort(String country) {
        ImporterNode n = nodes.importers.get(country);
        return n == null ? -1 : n.httpPort();
    }

    /** The exporting node of an exercise country, for tests that look behind the desks. */
    ExporterNode exporter(String country) {
        return nodes.exporters.get(country);
    }

    /** The importing node of an exercise country, for tests that look behind the desks. */
    ImporterNode importer(String country) {
        return nodes.importers.get(country);
    }

    public boolean ended() {
        return ended.get();
    }

    /** Ended, and its debrief written (or failed): what waits for the final report waits for this, not {@link #ended}. */
    public boolean debriefed() {
        return debriefed;
    }

    public Path out() {
        return out;
    }

    public synchronized void pause(String by) {
        requireRunning();
        clock.pause();
        record(Kind.CLOCK, clockState(by, "pause"));
    }

    public synchronized void resume(String by) {
        requireRunning();
        clock.resume();
        record(Kind.CLOCK, clockState(by, "resume"));
    }

    public synchronized void setMinutesPerDay(double minutes, String by) {
        requireRunning();
        if (!(minutes >= 0.1 && minutes <= 1440)) {
            throw new IllegalArgumentException("minutes per simulated day must be 0.1 to 1440, was " + minutes);
        }
        clock.setSpeed(ExerciseClock.speedForMinutesPerDay(minutes));
        record(Kind.CLOCK, clockState(by, "pace"));
    }

    private ObjectNode clockState(String by, String change) {
        return ProtocolJson.mapper().createObjectNode().put("change", change).put("paused", clock.paused()).put("speed", clock.speed())
                .put("minutesPerDay", 1440 / clock.speed()).put("by", by);
    }

    /** Which injects have fired, with their notification ids. */
    public Map<String, String> firedInjects() {
        return fired.ids();
    }

    /** The inject a notification id belongs to, if any. */
    public String injectOf(String notificationOrIncidentId) {
        return fired.injectOf(notificationOrIncidentId);
    }

    /** Fires an inject now; {@code by} is the trainer's name or "schedule". */
    public synchronized String fire(String injectId, String by) {
        requireRunning();
        requireUnfired(injectId);
        return fired.fire(eventsList.find(injectId), clock.instant(), by);
    }

    /** Ends the exercise: time stops, the recording is closed and the debrief written. */
    public synchronized Scoreboard end(String by) throws java.io.IOException {
        if (ended.compareAndSet(false, true)) {
            try {
                clock.pause();
                observe();
                recording.append(Kind.ENDED, ProtocolJson.mapper().createObjectNode().put("by", by));
                Debrief.write(plan, recording.events(), out);
            } finally {
                debriefed = true;
            }
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

    /** The events list as it stands: the plan's injects as the trainer has changed them. */
    public synchronized EventsList eventsList() {
        return eventsList;
    }

    /** Adds an inject during play, checked as the plan's are; returns the problems instead when it is not right. */
    public synchronized List<String> addInject(InjectSpec spec, String by) throws Exception {
        requireRunning();
        List<String> problems = eventsList.problemsOfAdding(plan, spec);
        if (!problems.isEmpty()) {
            return problems;
        }
        nodes.enrolPartnerOf(spec);
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
        if (fired.hasFired(id)) {
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
        if (clock.paused()) {
            return; // nothing is due while time stands still: not even what is due at the start of a paused start
        }
        Instant now = clock.instant();
        for (InjectSpec j : eventsList.all()) {
            if (j.atDay() != null && !fired.hasFired(j.id()) && !eventsList.cancelled(j.id())
                    && !now.isBefore(plan.start().plusSeconds((long) (j.atDay() * 86400)))) {
                try {
                    fire(j.id(), "schedule");
                } catch (RuntimeException e) {
                    LOG.warn("inject {} could not fire: {}", j.id(), e.getMessage());
                    fired.failed(j);
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

    /** The importing authorities' knowledge of their licensed operators' trade before the start (background.priorDays). */
    private void rememberPriorTrade() {
        documents.priorTrade().forEach((cc, list) -> nodes.importers.get(cc).rememberPriorTrade(list));
    }

    private void submitBackground(BackgroundTrade.Planned p) {
        ExerciseNodes.Submitted s = nodes.submit(p.from(), () -> documents.backgroundNotification(p, clock.instant()));
        if (!s.problems().isEmpty()) {
            LOG.warn("background notification {} refused by its own exporter: {}", s.notification().id(), s.problems());
        }
    }

    /** Looks at what each fired inject has become and records what changed. */
    private synchronized void observe() {
        observer.observe(fired.all());
    }

    @Override
    public void close() {
        synchronized (this) {
            // An end under way (its debrief, the PDF last) finishes before the nodes and the recording close.
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        closeQuietly(nodes);
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
