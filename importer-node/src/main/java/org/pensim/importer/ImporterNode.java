package org.pensim.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pensim.importer.incidents.IncidentDesk;
import org.pensim.importer.replies.AutomaticReplies;
import org.pensim.importer.storage.ImporterStore;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.officer.ActionLog;
import org.pensim.protocol.officer.OfficerSessions;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.pki.RevocationStatus;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.RiskAssessment;
import org.pensim.protocol.screening.ScreeningPolicy;
import org.pensim.protocol.screening.national.LicensedOperator;
import org.pensim.protocol.screening.national.NationalKnowledge;
import org.pensim.protocol.screening.national.NationalScreening;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignatureVerificationException;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.validation.DocumentValidator;
import org.pensim.protocol.validation.Problem;
import org.pensim.registry.client.OfficerSignIn;
import org.pensim.registry.client.RegistryClient;

/**
 * An importing authority's node: follows its inbox from its persisted cursor, verifies every
 * notification itself (a forgery is refused and recorded as an incident), screens it, and answers
 * automatically below and above its thresholds; the rest waits in a review queue ordered by risk.
 */
public final class ImporterNode implements AutoCloseable {

    /** What one importing authority's node needs. */
    public record Settings(String country, AuthorityCredentials credentials, X509Certificate ca, String registryHost,
            int registryPort, String jdbcUrl, double clearBelow, double objectAbove, List<LicensedOperator> register,
            Set<String> transitHubsOfConcern, int httpPort, String httpHost, OfficerSessions officers) {

        /** Listening on 127.0.0.1 only. */
        public Settings(String country, AuthorityCredentials credentials, X509Certificate ca, String registryHost,
                int registryPort, String jdbcUrl, double clearBelow, double objectAbove, List<LicensedOperator> register,
                Set<String> transitHubsOfConcern, int httpPort, OfficerSessions officers) {
            this(country, credentials, ca, registryHost, registryPort, jdbcUrl, clearBelow, objectAbove, register,
                    transitHubsOfConcern, httpPort, "127.0.0.1", officers);
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImporterNode.class);

    private final Settings settings;
    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final ImporterStore store;
    private final RegistryClient registry;
    private final SignatureVerifier verifier;
    private final org.pensim.importer.review.ReviewViews views;
    private final DocumentValidator validator = DocumentValidator.standard();
    private final NationalKnowledge knowledge;
    private final NationalScreening screening;
    private final DocumentSigner signer;
    private final IncidentDesk incidents;
    private final AutomaticReplies replies;
    private final org.pensim.importer.review.OfficerActions officerActions;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer timeToFlag;
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Held while an entry is handled, so that shutdown waits for it and nothing runs after. */
    private final java.util.concurrent.locks.ReentrantLock processing = new java.util.concurrent.locks.ReentrantLock();
    private HttpServer server;
    private long retryTimer = -1;
    /** How often replies that did not reach the registry are sent again. */
    private static final long RETRY_REPLIES_MILLIS = 5_000;

    private final Clock clock;

    private ImporterNode(Settings settings, Vertx vertx, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.vertx = vertx;
        this.worker = vertx.createSharedWorkerExecutor("pensim-importer-" + settings.country(), 1);
        this.store = new ImporterStore(settings.jdbcUrl());
        this.registry = new RegistryClient(vertx, settings.registryHost(), settings.registryPort(), settings.credentials(), clock);
        this.verifier = new SignatureVerifier(new CertificateChecker(settings.ca(), RevocationStatus.NONE, clock));
        this.views = new org.pensim.importer.review.ReviewViews(store, verifier, clock);
        NationalKnowledge knowledge = new NationalKnowledge(CountryProfiles.standard().of(settings.country()),
                SubstanceCatalogue.standard(), settings.transitHubsOfConcern());
        settings.register().forEach(knowledge.register()::license);
        for (ImporterStore.Received r : store.all()) {
            // Rebuild the trade history from what was received before a restart.
            try {
                knowledge.record(ProtocolJson.fromTree(ProtocolJson.parse(r.envelopeJson()).get("document"),
                        PreExportNotification.class));
            } catch (Exception ignored) {
                // not a notification we can rebuild; screening goes on without it
            }
        }
        this.knowledge = knowledge;
        this.screening = new NationalScreening(knowledge, ScreeningPolicy.defaults(), clock, System::nanoTime);
        this.signer = new DocumentSigner(settings.credentials());
        this.officerActions = new org.pensim.importer.review.OfficerActions(settings.country(), store, registry, signer,
                metrics, clock);
        this.replies = new AutomaticReplies(settings.country(), store, registry, signer, metrics, clock);
        this.incidents = new IncidentDesk(settings.country(), store, verifier, validator, signer, knowledge, clock);
        this.timeToFlag = Timer.builder("pensim_importer_time_to_flag").description("wall-clock time from delivery to screening")
                .publishPercentileHistogram().register(metrics);
        Gauge.builder("pensim_importer_review_queue", () -> store.queue().size())
                .description("Notifications waiting for an officer's review").register(metrics);
    }

    public static ImporterNode start(Vertx vertx, Settings settings, Clock clock) throws Exception {
        ImporterNode node = new ImporterNode(settings, vertx, clock);
        node.server = vertx.createHttpServer().requestHandler(node.router()).listen(settings.httpPort(), settings.httpHost())
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        node.follow();
        // On the node's one worker thread, as entries are handled: never beside the handling of an entry.
        node.retryTimer = vertx.setPeriodic(RETRY_REPLIES_MILLIS, t -> node.worker.executeBlocking(node.replies::retryPending, true));
        return node;
    }

    /**
     * Adds trade from before this node's own records begin (an exercise's world, or the records of a system this
     * node replaces) to what screening knows of the country's trade: counterparts, monthly patterns, year-to-date
     * totals. Nothing is queued, answered or stored; a restart rebuilds only what the node received itself.
     */
    public void rememberPriorTrade(List<PreExportNotification> notifications) {
        notifications.forEach(knowledge::record);
    }

    public ImporterStore store() {
        return store;
    }

    public AuthorityCredentials settingsCredentials() {
        return settings.credentials();
    }

    public int httpPort() {
        return server.actualPort();
    }

    /** Follows the inbox; after the stream ends (registry restart, member death) resumes from the cursor. */
    private void follow() {
        if (!running.get()) {
            return;
        }
        long from = store.cursor();
        List<JsonNode> received = new ArrayList<>();
        registry.followInbox(from, entry -> {
            synchronized (received) {
                received.add(entry);
            }
            worker.executeBlocking(() -> {
                process(entry);
                return null;
            }, true).onFailure(e -> LOG.warn("{} importer: inbox entry {} not processed: {}", settings.country(),
                    entry.path("sequence").asLong(), e.toString(), e));
        }).onComplete(done -> {
            if (done.failed()) {
                LOG.info("{} importer: inbox stream ended: {}", settings.country(), done.cause().toString());
            }
            if (running.get()) {
                vertx.setTimer(done.succeeded() ? 200 : 1000, t -> follow());
            }
        });
    }

    /** Handles one inbox entry; the cursor moves past it in the same transaction as its record. */
    void process(JsonNode entry) {
        processing.lock();
        try {
            if (!running.get()) {
                return; // shutting down: the entry stays after the cursor for the next start
            }
            handle(entry);
        } finally {
            processing.unlock();
        }
    }

    private void handle(JsonNode entry) {
        long seq = entry.get("sequence").asLong();
        if (seq <= store.cursor()) {
            return; // replayed by a reconnect: already handled
        }
        if ("EVENT".equals(entry.path("kind").asText()) && entry.has("envelope")) {
            handleEvent(seq, entry);
            return;
        }
        if (!"NOTIFICATION".equals(entry.path("kind").asText()) || !entry.has("envelope")) {
            store.skip(seq);
            return;
        }
        long wallStart = System.nanoTime();
        String id = entry.get("id").asText();
        SignedDocument envelope = checked(id, entry.get("envelope"));
        if (envelope == null) {
            store.skip(seq);
            return;
        }
        PreExportNotification n = ProtocolJson.fromTree(envelope.document(), PreExportNotification.class);
        Instant delivered = Instant.parse(entry.get("deliveredAt").asText());
        RiskAssessment assessment = screening.screen(n, delivered, wallStart);
        double score = assessment.score();
        for (JsonNode f : entry.path("globalFlags")) {
            score += f.path("weight").asDouble();
        }
        timeToFlag.record(Duration.ofNanos(System.nanoTime() - wallStart));
        Decision decision = score < settings.clearBelow() ? Decision.NO_OBJECTION
                : score >= settings.objectAbove() ? Decision.OBJECTION : null;
        String state = "DELIVERED";
        if (decision != null) {
            state = replies.send(n.id(), delivered, decision, assessment.flags().stream().map(Flag::explanation).toList());
        }
        String flagsJson;
        try {
            flagsJson = ProtocolJson.mapper().writeValueAsString(assessment.flags());
        } catch (Exception e) {
            flagsJson = "[]";
        }
        if (store.recordNotification(seq, id, n.exportingCountry(), score, flagsJson, state, envelope.toJson().toString())) {
            screening.knowledge().record(n);
        }
        if (decision != null) {
            store.decide(id, decision.name(), state);
            store.actions().record(id, clock.instant(), ActionLog.AUTOMATIC, decision.name(),
                    "risk score " + String.format(java.util.Locale.ROOT, "%.2f", score));
        }
    }

    /**
     * What the exporting authority or the registry did about a notification received here: an answer to a
     * request for information puts it back in the review queue with the answer beside it; a shipment,
     * withdrawal, stop or missed deadline changes its state. Verified like every delivered document.
     */
    private void handleEvent(long seq, JsonNode entry) {
        String id = entry.path("notificationId").asText();
        SignedDocument envelope;
        try {
            envelope = SignedDocument.fromJson(entry.get("envelope"));
            verifier.verify(envelope, DocumentType.EVENT);
        } catch (SignatureVerificationException e) {
            store.recordIncident(entry.path("id").asText(id + "-event"), "FORGERY", e.reason() + ": " + e.getMessage(), seq);
            return;
        }
        JsonNode doc = envelope.document();
        String type = doc.path("type").asText();
        String state = switch (type) {
            case "ANSWER" -> "DELIVERED";
            case "SHIP" -> "SHIPPED";
            case "WITHDRAW" -> "WITHDRAWN";
            case "STOP" -> "STOPPED";
            case "DEADLINE_PASSED" -> "NO_REPLY";
            default -> null;
        };
        // After an answer the registry restarts the reply deadline and says when it now falls.
        String restartedDeadline = "ANSWER".equals(type) ? entry.path("replyDeadline").asText(null) : null;
        store.recordEvent(seq, id, state, "ANSWER".equals(type), org.pensim.protocol.desk.Correspondence.of(doc), restartedDeadline);
    }

    /**
     * Verifies a delivered document without trusting the registry: signature, certificate chain to the
     * CA this node was given, signer, and document validity. A failure is recorded as an incident and
     * the document refused (null).
     */
    SignedDocument checked(String id, JsonNode envelopeJson) {
        SignedDocument envelope;
        try {
            envelope = SignedDocument.fromJson(envelopeJson);
            verifier.verify(envelope, DocumentType.NOTIFICATION);
        } catch (SignatureVerificationException e) {
            store.recordIncident(id, "FORGERY", e.reason() + ": " + e.getMessage(), 0);
            Counter.builder("pensim_importer_forgeries").description("Delivered documents whose signature or certificate failed")
                    .register(metrics).increment();
            return null;
        }
        List<Problem> problems = validator.checkNotification(envelope.document());
        if (!problems.isEmpty()) {
            store.recordIncident(id, "INVALID_DOCUMENT", problems.toString(), 0);
            return null;
        }
        return envelope;
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(65536));
        new OfficerSignIn(settings.officers(), "pensim-importer-" + settings.country(), worker).install(router);
        new org.pensim.registry.client.DeskPages().install(router);
        router.get("/health").handler(ctx -> ctx.json(java.util.Map.of("status", running.get() ? "UP" : "DOWN",
                "country", settings.country(), "cursor", store.cursor())));
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4")
                .end(metrics.scrape()));
        router.get("/api/queue").handler(ctx -> list(ctx, () -> views.rows(store.queue())));
        router.get("/api/received").handler(ctx -> list(ctx, () -> views.rows(store.all())));
        router.post("/api/notifications/:id/decision").handler(ctx -> worker.executeBlocking(() ->
                officerActions.decide(ctx.pathParam("id"), body(ctx), OfficerSignIn.officer(ctx)), false).onComplete(r -> {
                    if (r.succeeded()) {
                        ctx.json(java.util.Map.of("id", ctx.pathParam("id"), "state", r.result()));
                    } else {
                        ctx.response().setStatusCode(400).putHeader("content-type", "application/problem+json")
                                .end(ProtocolJson.mapper().createObjectNode().put("status", 400).put("title", "Bad request")
                                        .put("detail", String.valueOf(r.cause().getMessage())).toString());
                    }
                }));
        router.post("/api/notifications/:id/receipt").handler(ctx -> worker.executeBlocking(() ->
                officerActions.confirmReceipt(ctx.pathParam("id"), body(ctx), OfficerSignIn.officer(ctx)), false).onComplete(r -> answer(ctx, r)));
        router.get("/api/notifications/:id/view").handler(ctx -> worker.executeBlocking(() -> views.view(ctx.pathParam("id")), false)
                .onComplete(r -> {
                    if (r.succeeded() && r.result() != null) {
                        ctx.response().putHeader("content-type", "application/json").end(r.result().toString());
                    } else {
                        ctx.response().setStatusCode(404).putHeader("content-type", "application/problem+json")
                                .end(ProtocolJson.mapper().createObjectNode().put("status", 404).put("title", "Not found")
                                        .put("detail", "no notification " + ctx.pathParam("id") + " was received here").toString());
                    }
                }));
        router.get("/api/notifications/:id/messages").handler(ctx -> list(ctx, () -> store.correspondence().of(ctx.pathParam("id"))));
        router.get("/api/notifications/:id/actions").handler(ctx -> list(ctx, () -> store.actions().of(ctx.pathParam("id"))));
        router.get("/api/incidents").handler(ctx -> list(ctx, () -> incidents.list()));
        router.post("/api/incidents").handler(ctx -> worker.executeBlocking(() -> incidents.report(body(ctx),
                OfficerSignIn.officer(ctx)), false)
                .onComplete(r -> answer(ctx, r)));
        router.get("/").handler(ctx -> ctx.reroute("/index.html"));
        router.route("/*").handler(io.vertx.ext.web.handler.StaticHandler.create("webroot/importer").setCachingEnabled(false));
        return router;
    }

    /** Answers a list for the desk from the node's worker thread: [] when it cannot be read. */
    private void list(io.vertx.ext.web.RoutingContext ctx, java.util.concurrent.Callable<Object> rows) {
        worker.executeBlocking(() -> ProtocolJson.mapper().writeValueAsString(rows.call()), false)
                .onComplete(r -> ctx.response().putHeader("content-type", "application/json").end(r.succeeded() ? r.result() : "[]"));
    }

    private static JsonNode body(io.vertx.ext.web.RoutingContext ctx) throws java.io.IOException {
        return ProtocolJson.parse(ctx.body().buffer() == null || ctx.body().buffer().length() == 0 ? "{}".getBytes()
                : ctx.body().buffer().getBytes());
    }

    private static void answer(io.vertx.ext.web.RoutingContext ctx, io.vertx.core.AsyncResult<String> r) {
        if (r.succeeded()) {
            ctx.json(java.util.Map.of("result", r.result()));
        } else {
            ctx.response().setStatusCode(400).putHeader("content-type", "application/problem+json")
                    .end(ProtocolJson.mapper().createObjectNode().put("status", 400).put("title", "Bad request")
                            .put("detail", String.valueOf(r.cause().getMessage())).toString());
        }
    }

    /** An incident another authority shared: verified, kept and learnt ({@link IncidentDesk#receive}). */
    public String receiveIncident(SignedDocument signed) {
        return incidents.receive(signed);
    }

    /** Stops following and waits for the entry being handled, if any; what is unhandled stays for the next start. */
    @Override
    public void close() {
        running.set(false);
        vertx.cancelTimer(retryTimer);
        processing.lock();
        processing.unlock();
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        registry.close();
        worker.close();
        store.close();
    }

    static Future<Void> none() {
        return Future.succeededFuture();
    }
}
