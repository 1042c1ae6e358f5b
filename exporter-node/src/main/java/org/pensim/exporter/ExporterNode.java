package org.pensim.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pensim.exporter.lifecycle.LifecycleMessages;
import org.pensim.exporter.outbox.Outbox;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.officer.ActionLog;
import org.pensim.protocol.officer.OfficerSessions;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.validation.DocumentValidator;
import org.pensim.protocol.validation.Problem;
import org.pensim.registry.client.OfficerSignIn;
import org.pensim.registry.client.RegistryClient;

/**
 * An exporting authority's node: validates and signs notifications, keeps them in its outbox until the
 * registry acknowledges them (retrying with exponential backoff through outages and restarts; the
 * registry's idempotency makes every retry safe), and follows its inbox for the importers' replies.
 */
public final class ExporterNode implements AutoCloseable {

    /** What one exporting authority's node needs. */
    public record Settings(String country, AuthorityCredentials credentials, String registryHost, int registryPort,
            String jdbcUrl, long retryInitialMillis, long retryMaxMillis, int httpPort, String httpHost,
            OfficerSessions officers) {

        /** Listening on 127.0.0.1 only. */
        public Settings(String country, AuthorityCredentials credentials, String registryHost, int registryPort,
                String jdbcUrl, long retryInitialMillis, long retryMaxMillis, int httpPort, OfficerSessions officers) {
            this(country, credentials, registryHost, registryPort, jdbcUrl, retryInitialMillis, retryMaxMillis, httpPort,
                    "127.0.0.1", officers);
        }
    }

    private final Settings settings;
    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final Outbox outbox;
    private final org.pensim.exporter.outbox.OutboxViews views;
    private final RegistryClient registry;
    private final DocumentSigner signer;
    private final LifecycleMessages lifecycle;
    private final DocumentValidator validator = DocumentValidator.standard();
    private final Clock clock;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean sending = new AtomicBoolean();
    private HttpServer server;
    private long timer;

    private ExporterNode(Settings settings, Vertx vertx, Clock clock) {
        this.settings = settings;
        this.vertx = vertx;
        this.clock = clock;
        this.worker = vertx.createSharedWorkerExecutor("pensim-exporter-" + settings.country(), 2);
        this.outbox = new Outbox(settings.jdbcUrl());
        this.views = new org.pensim.exporter.outbox.OutboxViews(outbox, clock);
        this.registry = new RegistryClient(vertx, settings.registryHost(), settings.registryPort(), settings.credentials(), clock);
        this.signer = new DocumentSigner(settings.credentials());
        this.lifecycle = new LifecycleMessages(settings.country(), outbox, registry, signer, clock);
        Gauge.builder("pensim_exporter_outbox_pending", outbox::pending)
                .description("Notifications signed but not yet acknowledged by the registry").register(metrics);
    }

    public static ExporterNode start(Vertx vertx, Settings settings, Clock clock) throws Exception {
        ExporterNode node = new ExporterNode(settings, vertx, clock);
        node.server = vertx.createHttpServer().requestHandler(node.router()).listen(settings.httpPort(), settings.httpHost())
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        node.timer = vertx.setPeriodic(100, t -> node.sendDue());
        node.followReplies();
        return node;
    }

    public Outbox outbox() {
        return outbox;
    }

    public int httpPort() {
        return server.actualPort();
    }

    /** Validates, signs and stores a notification as the node's own rules; returns the problems instead when it is invalid. */
    public List<Problem> submit(JsonNode notification) {
        return submit(notification, ActionLog.AUTOMATIC);
    }

    /** Validates, signs and stores a notification, recording the officer who submitted it. */
    public List<Problem> submit(JsonNode notification, OfficerSessions.Officer officer) {
        List<Problem> problems = validator.checkNotification(notification);
        if (!problems.isEmpty()) {
            return problems;
        }
        if (!settings.country().equals(notification.get("exportingCountry").asText())) {
            return List.of(new Problem("/exportingCountry", "this node is the " + settings.country()
                    + " exporting authority and cannot notify exports from " + notification.get("exportingCountry").asText()));
        }
        SignedDocument signed = signer.sign(DocumentType.NOTIFICATION, notification);
        if (!outbox.add(notification.get("id").asText(), signed.toJson().toString(), clock.millis())) {
            return List.of(new Problem("/id", "notification " + notification.get("id").asText() + " is already in the outbox"));
        }
        outbox.actions().record(notification.get("id").asText(), clock.instant(), officer, "SUBMIT", null);
        return List.of();
    }

    /** Sends what is due; one pass at a time. */
    private void sendDue() {
        if (!running.get() || !sending.compareAndSet(false, true)) {
            return;
        }
        worker.executeBlocking(() -> {
            for (Outbox.Entry e : outbox.due(clock.millis(), 50)) {
                if (!running.get()) {
                    break;
                }
                send(e);
            }
            return null;
        }, false).onComplete(r -> sending.set(false));
    }

    private void send(Outbox.Entry e) {
        try {
            RegistryClient.Response r = registry.submit(SignedDocument.fromJson(ProtocolJson.parse(e.envelope())))
                    .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            if (r.status() == 200 || r.status() == 201) {
                outbox.acknowledged(e.id(), r.body().toString());
            } else if (r.status() >= 400 && r.status() < 500 && r.status() != 408 && r.status() != 429) {
                // Asking again would get the same answer: the officer fixes the cause and sends again.
                outbox.failed(e.id(), refusalInWords(r));
            } else {
                backoff(e, "registry answered " + r.status(), r);
            }
        } catch (Exception ex) {
            backoff(e, "registry unreachable: " + (ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage()), null);
        }
    }

    /** The registry's refusal, and what to do about it. */
    static String refusalInWords(RegistryClient.Response r) {
        String detail = r.body().path("detail").asText(r.body().toString());
        String todo = switch (r.status()) {
            case 401 -> "the registry does not accept this node's key: have it enrolled (pensim authority enrol, README),"
                    + " restart the node with the new key and certificate, then send again";
            case 403 -> "this node's authority may not send it: check the exporting country and the node's certificate";
            case 409 -> "the registry holds a different notification under this id: correct it under a new id";
            default -> "correct the notification and send it again";
        };
        return "refused by the registry (" + r.status() + "): " + detail + ". What to do: " + todo + ".";
    }

    /** Puts a refused notification back in the queue, after its cause has been fixed. */
    public boolean resend(String id, OfficerSessions.Officer officer) {
        Outbox.Entry refused = outbox.all().stream().filter(e -> e.id().equals(id) && "REFUSED".equals(e.status())).findFirst()
                .orElse(null);
        if (refused == null) {
            return false;
        }
        // Signed again with the node's current key: the refusal may have been the key's (not enrolled, revoked).
        String envelope;
        try {
            envelope = signer.sign(DocumentType.NOTIFICATION, SignedDocument.fromJson(ProtocolJson.parse(refused.envelope()))
                    .document()).toJson().toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the outbox holds an unreadable envelope for " + id, e);
        }
        boolean queued = outbox.resend(id, envelope, clock.millis());
        if (queued) {
            outbox.actions().record(id, clock.instant(), officer, "RESEND", null);
        }
        return queued;
    }

    private void backoff(Outbox.Entry e, String why, RegistryClient.Response answer) {
        int attempts = e.attempts() + 1;
        long delay = retryDelayMillis(attempts, settings.retryInitialMillis(), settings.retryMaxMillis(), answer);
        outbox.retryLater(e.id(), attempts, clock.millis() + delay, why);
    }

    /**
     * When to try again after the {@code attempts}-th failure: exponential backoff within the node's bounds,
     * but never sooner than a registry that pushes back (503 or 429) asks in its Retry-After: a retry before
     * then would only be refused again, and adds to the load that made the registry refuse.
     *
     * @param answer the registry's answer, or null when there was none
     */
    static long retryDelayMillis(int attempts, long initialMillis, long maxMillis, RegistryClient.Response answer) {
        long delay = Math.min(maxMillis, initialMillis * (1L << Math.min(20, Math.max(0, attempts - 1))));
        if (answer != null && (answer.status() == 503 || answer.status() == 429)) {
            delay = Math.max(delay, 1000L * answer.retryAfterSeconds());
        }
        return delay;
    }

    /** Replies arrive in the exporting authority's inbox; each updates its notification's state. */
    private void followReplies() {
        if (!running.get()) {
            return;
        }
        registry.followInbox(outbox.cursor(), entry -> worker.executeBlocking(() -> {
            JsonNode doc = entry.path("envelope").path("document");
            if ("EVENT".equals(entry.path("kind").asText())) {
                String type = doc.path("type").asText();
                String state = switch (type) {
                    case "REPLY" -> doc.path("decision").asText();
                    case "DEADLINE_PASSED" -> "NO_REPLY";
                    case "RECEIVE" -> "RECEIVED";
                    case "STOP" -> "STOPPED";
                    default -> null;
                };
                if (state != null) {
                    outbox.state(entry.get("notificationId").asText(), state);
                }
                org.pensim.protocol.desk.Correspondence.Message message = org.pensim.protocol.desk.Correspondence.of(doc);
                if (message != null) {
                    outbox.correspondence().record(message);
                }
            }
            outbox.cursor(entry.get("sequence").asLong());
            return null;
        }, true)).onComplete(done -> {
            if (running.get()) {
                vertx.setTimer(1000, t -> followReplies());
            }
        });
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(262144));
        new OfficerSignIn(settings.officers(), "pensim-exporter-" + settings.country(), worker).install(router);
        new org.pensim.registry.client.DeskPages().install(router);
        router.get("/health").handler(ctx -> ctx.json(Map.of("status", running.get() ? "UP" : "DOWN",
                "country", settings.country(), "outboxPending", outbox.pending())));
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4")
                .end(metrics.scrape()));
        router.post("/api/notifications").handler(this::create);
        FormRequests form = new FormRequests(settings.country(), registry, worker, clock, this::submit);
        router.post("/api/notifications/form").handler(form::create);
        for (String action : List.of("withdraw", "shipment", "answer")) {
            router.post("/api/notifications/:id/" + action).handler(ctx -> worker.executeBlocking(() -> lifecycle.send(
                    ctx.pathParam("id"), action, ProtocolJson.parse(ctx.body().buffer() == null || ctx.body().buffer().length() == 0
                            ? "{}".getBytes() : ctx.body().buffer().getBytes()), OfficerSignIn.officer(ctx)), false).onComplete(r -> {
                if (r.succeeded()) {
                    ctx.json(Map.of("id", ctx.pathParam("id"), "state", r.result()));
                } else {
                    problem(ctx, 400, String.valueOf(r.cause().getMessage()), List.of());
                }
            }));
        }
        router.post("/api/notifications/:id/resend").handler(ctx -> worker.executeBlocking(() -> resend(ctx.pathParam("id"),
                OfficerSignIn.officer(ctx)), false).onComplete(r -> {
                    if (r.succeeded() && r.result()) {
                        ctx.json(Map.of("id", ctx.pathParam("id"), "status", "PENDING"));
                    } else {
                        problem(ctx, 409, "notification " + ctx.pathParam("id") + " was not refused by the registry: there is"
                                + " nothing to send again", List.of());
                    }
                }));
        router.get("/api/catalogue").handler(ctx -> ctx.json(org.pensim.protocol.catalogue.SubstanceCatalogue.standard()
                .search(ctx.queryParams().get("q") == null ? "" : ctx.queryParams().get("q"), 10).stream()
                .map(s -> Map.of("id", s.id(), "name", s.name(), "list", s.list().name(), "cas", s.cas())).toList()));
        router.get("/api/precheck").handler(form::precheck);
        router.get("/").handler(ctx -> ctx.reroute("/index.html"));
        router.route("/*").handler(io.vertx.ext.web.handler.StaticHandler.create("webroot/exporter").setCachingEnabled(false));
        router.get("/api/notifications").handler(ctx -> worker.executeBlocking(() -> ProtocolJson.mapper()
                .writeValueAsString(views.rows()), false)
                .onComplete(r -> ctx.response().putHeader("content-type", "application/json").end(r.result())));
        router.get("/api/notifications/:id/view").handler(ctx -> worker.executeBlocking(() -> views.view(ctx.pathParam("id")), false)
                .onComplete(r -> {
                    if (r.succeeded() && r.result() != null) {
                        ctx.response().putHeader("content-type", "application/json").end(r.result().toString());
                    } else {
                        problem(ctx, 404, "the outbox holds no notification " + ctx.pathParam("id"), List.of());
                    }
                }));
        router.get("/api/notifications/:id/actions").handler(ctx -> worker.executeBlocking(() -> ProtocolJson.mapper()
                .writeValueAsString(outbox.actions().of(ctx.pathParam("id"))), false)
                .onComplete(r -> ctx.response().putHeader("content-type", "application/json").end(r.result())));
        return router;
    }

    private void create(RoutingContext ctx) {
        worker.executeBlocking(() -> {
            JsonNode doc = ProtocolJson.parse(ctx.body().buffer().getBytes());
            return submit(doc, OfficerSignIn.officer(ctx));
        }, false).onComplete(r -> {
            if (r.failed()) {
                ctx.response().setStatusCode(400).putHeader("content-type", "application/problem+json")
                        .end(ProtocolJson.mapper().createObjectNode().put("status", 400).put("title", "Bad request")
                                .put("detail", "the body is not a JSON notification").toString());
            } else if (!r.result().isEmpty()) {
                var problem = ProtocolJson.mapper().createObjectNode().put("status", 400).put("title", "Invalid notification")
                        .put("detail", r.result().size() + " problem(s) in the notification");
                var errors = problem.putArray("errors");
                r.result().forEach(p -> errors.addObject().put("pointer", p.pointer()).put("detail", p.message()));
                ctx.response().setStatusCode(400).putHeader("content-type", "application/problem+json").end(problem.toString());
            } else {
                ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                        .end("{\"status\":\"PENDING\"}");
            }
        });
    }

    /** A 4xx answer as application/problem+json, with each problem at its field's JSON pointer. */
    static void problem(RoutingContext ctx, int status, String detail, List<Problem> problems) {
        var problem = ProtocolJson.mapper().createObjectNode().put("status", status).put("title", "Bad request")
                .put("detail", detail);
        var errors = problem.putArray("errors");
        problems.forEach(p -> errors.addObject().put("pointer", p.pointer()).put("detail", p.message()));
        ctx.response().setStatusCode(status).putHeader("content-type", "application/problem+json").end(problem.toString());
    }

    @Override
    public void close() {
        running.set(false);
        vertx.cancelTimer(timer);
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        registry.close();
        worker.close();
        outbox.close();
    }
}
